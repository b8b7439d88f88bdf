import ctypes
from multiprocessing import Process
def f():
    ctypes.string_at(0)
if __name__ == '__main__':
    p = Process(target=f)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
