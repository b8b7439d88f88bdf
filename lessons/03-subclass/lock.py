from multiprocessing import Process
import os
import threading

class MyProcess(Process):
    def __init__(self):
        Process.__init__(self)
        # 锁对象不能被 pickle / a lock cannot be pickled
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            print("子进程运行中，pid=%d" % os.getpid())

if __name__ == "__main__":
    p = MyProcess()
    p.start()
    p.join()
    print("父进程结束，子进程 exitcode=%s" % p.exitcode)
