import multiprocessing as mp
def f(x):
    print('forkserver child', x)
if __name__ == '__main__':
    ctx = mp.get_context('forkserver')
    ps = [ctx.Process(target=f, args=(i,)) for i in range(2)]
    for p in ps: p.start()
    for p in ps: p.join()
    print([p.exitcode for p in ps])
