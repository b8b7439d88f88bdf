import multiprocessing as mp
import os

def show(method):
    # os.getppid()：内核眼里的父进程；parent_process()：multiprocessing 眼里的父进程
    # os.getppid(): the parent in the kernel's eyes; parent_process(): in multiprocessing's eyes
    print("%-10s 子进程 child pid=%d  os.getppid()=%d  parent_process().pid=%d"
          % (method, os.getpid(), os.getppid(), mp.parent_process().pid))

if __name__ == "__main__":
    print("主进程 main pid=%d，默认启动方式 default start method: %s" % (os.getpid(), mp.get_start_method()))
    # get_context(方式) 只影响用它创建的对象，不改变全局默认
    # get_context(method) affects only what you create from it, not the global default
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)
        p = ctx.Process(target=show, args=(method,))
        p.start()
        p.join()
