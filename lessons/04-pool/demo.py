from multiprocessing import Pool, current_process
import os
import time

def square(n):
    me = current_process().name
    print("task %d -> pid %d (%s)" % (n, os.getpid(), me))
    time.sleep(0.5)
    return n * n

if __name__ == "__main__":
    print("main pid %d" % os.getpid())
    pool = Pool(3)
    # The three workers exist now, before any task has been given to them.
    print("Pool(3) is ready")
    # 停一秒，好在 Processes 面板里看清：三个工作进程，还没有任何任务
    # pause for a second so the Processes pane shows three workers and no task yet
    time.sleep(1)
    results = [pool.apply_async(square, (n,)) for n in range(7)]
    pool.close()
    pool.join()
    print("results:", [r.get() for r in results])
