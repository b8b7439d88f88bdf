from multiprocessing import Pool
def f(x):
    return x * x
if __name__ == '__main__':
    with Pool(2) as p:
        for r in p.imap(f, range(6)):
            print(r)
        print(sorted(p.imap_unordered(f, range(6))))
