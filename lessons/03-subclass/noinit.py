from multiprocessing import Process
import os

class MyProcess(Process):
    def __init__(self, interval):
        # 忘了调用 Process.__init__(self)
        self.interval = interval

    def run(self):
        print("子进程运行中，pid=%d" % os.getpid())

if __name__ == "__main__":
    p = MyProcess(2)
    p.start()
    p.join()
