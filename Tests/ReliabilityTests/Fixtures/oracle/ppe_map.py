from concurrent.futures import ProcessPoolExecutor
def f(x):
    return x * x
if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(f, range(8))))
