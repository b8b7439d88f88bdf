import sys
from multiprocessing import Process
def f():
    print('child stdin', sys.stdin is None or sys.stdin.closed)
if __name__ == '__main__':
    print('main read', repr(sys.stdin.read()))
    p = Process(target=f)
    p.start()
    p.join()
