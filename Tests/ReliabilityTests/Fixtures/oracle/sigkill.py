import os, signal
from multiprocessing import Process
def f():
    os.kill(os.getpid(), signal.SIGKILL)
if __name__ == '__main__':
    p = Process(target=f)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
