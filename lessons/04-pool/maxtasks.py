from multiprocessing import Pool, current_process
import os
import time

def square(n):
    print("task %d -> pid %d (%s)" % (n, os.getpid(), current_process().name))
    time.sleep(0.3)
    return n * n

if __name__ == "__main__":
    # 每个工作进程只做 1 个任务就退出，进程池再补一个新的
    # every worker exits after 1 task and the pool starts a replacement
    pool = Pool(3, maxtasksperchild=1)
    results = [pool.apply_async(square, (n,)) for n in range(6)]
    pool.close()
    pool.join()
    print("results:", [r.get() for r in results])
