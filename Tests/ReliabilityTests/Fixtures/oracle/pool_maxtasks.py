from multiprocessing import Pool
def f(x):
    return x + 1
if __name__ == '__main__':
    p = Pool(2, maxtasksperchild=1)
    print(sorted(p.map(f, range(6), chunksize=1)))
    p.close()
    p.join()
