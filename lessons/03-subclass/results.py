from multiprocessing import Process, Queue
import os

class Square(Process):
    def __init__(self, n, queue):
        Process.__init__(self)
        self.n = n
        self.queue = queue          # Queue 可以交给子进程 / a Queue can be handed to the child

    def run(self):
        # 在子进程里算，把结果放进队列 / compute in the child, put the result in the queue
        self.queue.put((self.n, self.n * self.n, os.getpid()))

if __name__ == "__main__":
    queue = Queue()
    workers = [Square(n, queue) for n in range(3)]
    for p in workers:
        p.start()
    # 先取结果，再 join：队列里的数据要被读走，子进程才能干净地退出
    # get the results first, then join: a child cannot finish cleanly while its data sits unread in the queue
    results = [queue.get() for _ in workers]
    for p in workers:
        p.join()
    for n, square, pid in sorted(results):
        print("父进程收到 parent got: %d*%d=%d（由 pid %d 算出 / computed by pid %d）" % (n, n, square, pid, pid))
