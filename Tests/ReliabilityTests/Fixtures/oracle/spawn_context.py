import multiprocessing as mp
def f(q):
    q.put('from spawn')
if __name__ == '__main__':
    ctx = mp.get_context('spawn')
    q = ctx.Queue()
    p = ctx.Process(target=f, args=(q,))
    p.start()
    print(q.get())
    p.join()
