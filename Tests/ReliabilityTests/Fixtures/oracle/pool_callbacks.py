from multiprocessing import Pool
def f(x):
    if x == 3:
        raise ValueError('three')
    return x
if __name__ == '__main__':
    got, errs = [], []
    with Pool(2) as p:
        rs = [p.apply_async(f, (i,), callback=got.append, error_callback=lambda e: errs.append(str(e))) for i in range(5)]
        for r in rs:
            r.wait()
    print(sorted(got), errs)
