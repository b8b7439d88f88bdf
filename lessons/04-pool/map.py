from multiprocessing import Pool
import os
import threading
import time

def square(n):
    return n * n

def power(base, exp):
    return base ** exp

def slow(n):
    time.sleep(0.6 - n * 0.2)       # 任务 0 最慢，任务 2 最快 / task 0 is the slowest, task 2 the fastest
    return n

def report(result):
    # 回调在父进程的一个辅助线程里运行 / a callback runs in a helper thread of the parent
    print("callback(%s): pid %d, thread %s" % (result, os.getpid(), threading.current_thread().name))

if __name__ == "__main__":
    print("main: pid %d, thread %s" % (os.getpid(), threading.current_thread().name))
    with Pool(3) as pool:               # map 会等到结果齐了才返回，所以 with 在这里没问题
        # map waits for every result, so leaving the with block (terminate) is harmless here
        print("map:", pool.map(square, range(10), chunksize=4))
        print("starmap:", pool.starmap(power, [(2, 3), (3, 2), (10, 2)]))
        print("imap:", list(pool.imap(slow, range(3))))
        print("imap_unordered:", list(pool.imap_unordered(slow, range(3))))
        r = pool.apply_async(square, (7,), callback=report)
        r.wait()
        time.sleep(0.1)                 # 让回调先打印完 / let the callback print first
