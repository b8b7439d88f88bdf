import sys
from multiprocessing import Process
def f(tag):
    # One write per line: two processes on one pipe interleave by write, and print() is several writes.
    for i in range(5000):
        sys.stdout.write('%s %d %s\n' % (tag, i, 'x' * 60))
if __name__ == '__main__':
    ps = [Process(target=f, args=(t,)) for t in ('a', 'b')]
    for p in ps: p.start()
    for p in ps: p.join()
    print('y' * 100000)
