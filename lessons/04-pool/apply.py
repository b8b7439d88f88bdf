from multiprocessing import Pool
import os
import time

def work(n):
    print("task %d -> pid %d" % (n, os.getpid()))
    time.sleep(1)
    return n

if __name__ == "__main__":
    pool = Pool(3)
    t = time.time()
    for n in range(3):
        pool.apply(work, (n,))  # 阻塞：这个任务做完才返回 / blocks until this task is done
    print("3 x apply:       %.1f s" % (time.time() - t))
    t = time.time()
    results = [pool.apply_async(work, (n,)) for n in range(3, 6)]  # 立即返回 / returns at once
    for r in results:
        r.get()  # 在这里等结果 / wait for the results here
    print("3 x apply_async: %.1f s" % (time.time() - t))
    pool.close()
    pool.join()
