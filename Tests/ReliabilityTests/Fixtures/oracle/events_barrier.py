from multiprocessing import Process, Event, Barrier
def f(b, e, i):
    b.wait()
    e.wait()
    print('released', i)
if __name__ == '__main__':
    b = Barrier(3)
    e = Event()
    ps = [Process(target=f, args=(b, e, i)) for i in range(2)]
    for p in ps: p.start()
    b.wait()
    e.set()
    for p in ps: p.join()
