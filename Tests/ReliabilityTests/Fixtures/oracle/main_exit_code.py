import sys
from multiprocessing import Process
def f():
    print('child ran')
if __name__ == '__main__':
    p = Process(target=f)
    p.start()
    p.join()
    sys.exit(5)
