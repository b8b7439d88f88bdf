from concurrent.futures import ProcessPoolExecutor
def f(x):
    if x == 2:
        raise KeyError(x)
    return x * 10
if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(f, i) for i in range(4)]
        for fut in fs:
            print(fut.exception() or fut.result())
