from multiprocessing import Process
def f():
    raise RuntimeError('boom in child')
if __name__ == '__main__':
    p = Process(target=f)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
