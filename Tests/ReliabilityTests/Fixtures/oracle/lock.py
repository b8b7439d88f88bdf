from multiprocessing import Process, Lock
def f(l, i):
    with l:
        print('hello world', i)
if __name__ == '__main__':
    lock = Lock()
    ps = [Process(target=f, args=(lock, n)) for n in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
