from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, TimeoutError
import os

def die(n):
    os._exit(3)          # 工作进程在任务中途死掉 / the worker dies in the middle of the task

if __name__ == "__main__":
    pool = Pool(2)
    r = pool.apply_async(die, (1,))
    try:
        r.get(timeout=3)     # 没有 timeout 的话，这里会永远等下去 / without a timeout this would wait forever
    except TimeoutError:
        print("Pool: get(timeout=3) -> multiprocessing.TimeoutError，任务丢了 / the task is lost")
    pool.terminate()
    pool.join()

    with ProcessPoolExecutor(2) as ex:
        f = ex.submit(die, 1)
        try:
            f.result()
        except Exception as e:
            print("ProcessPoolExecutor: %s" % type(e).__name__)
