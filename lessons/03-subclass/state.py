from multiprocessing import Process
import os
import time

class MyProcess(Process):
    def __init__(self, interval):
        Process.__init__(self)
        # __init__ 在父进程里执行 / __init__ runs in the parent
        print("__init__ 运行在 pid=%d" % os.getpid())
        self.interval = interval

    def run(self):
        # run() 在子进程里执行 / run() runs in the child
        print("run() 运行在 pid=%d，interval=%s" % (os.getpid(), self.interval))
        time.sleep(self.interval)
        self.result = 42  # 只改了子进程里的那份对象 / changes only the child's copy
        print("子进程里 result=%d" % self.result)

if __name__ == "__main__":
    p = MyProcess(1)
    p.start()
    p.join()
    print("父进程 pid=%d：hasattr(p, 'result') = %s" % (os.getpid(), hasattr(p, "result")))
    print("p.name=%s，p.exitcode=%s" % (p.name, p.exitcode))
