import sys
from multiprocessing import Process
def f(code):
    sys.exit(code)
if __name__ == '__main__':
    ps = [Process(target=f, args=(c,)) for c in (0, 1, 2, 3, 'a message')]
    for p in ps: p.start()
    for p in ps: p.join()
    print([p.exitcode for p in ps])
