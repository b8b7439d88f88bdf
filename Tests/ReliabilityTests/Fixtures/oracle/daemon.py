import time
from multiprocessing import Process
def f():
    time.sleep(30)
if __name__ == '__main__':
    p = Process(target=f, daemon=True)
    p.start()
    time.sleep(0.2)
    print('main leaves; the daemon is terminated')
