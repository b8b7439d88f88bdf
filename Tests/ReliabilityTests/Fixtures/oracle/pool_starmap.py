from multiprocessing import Pool
def add(a, b):
    return a + b
if __name__ == '__main__':
    with Pool(2) as p:
        print(p.starmap(add, [(1, 2), (3, 4), (5, 6)]))
