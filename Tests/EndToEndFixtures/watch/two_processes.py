"""Two processes for `proctutor watch` tests: each says who it is, and the child lives long enough to be seen."""
import os
import sys
import time
from multiprocessing import Process


def child():
    print(f"child pid={os.getpid()} ppid={os.getppid()}", flush=True)
    time.sleep(1.5)


if __name__ == "__main__":
    print(f"main pid={os.getpid()} args={sys.argv[1:]}", flush=True)
    p = Process(target=child)
    p.start()
    p.join()
