import signal, time
from multiprocessing import Process, Event
def f(ready):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ready.set()
    time.sleep(30)
if __name__ == '__main__':
    ready = Event()
    p = Process(target=f, args=(ready,))
    p.start()
    ready.wait()
    p.terminate()
    p.join(0.3)
    print('alive after terminate', p.is_alive())
    p.kill()
    p.join()
    print('exitcode', p.exitcode)
