import multiprocessing as mp
def f(x):
    return -x
if __name__ == '__main__':
    with mp.get_context('spawn').Pool(2) as p:
        print(p.map(f, range(5)))
