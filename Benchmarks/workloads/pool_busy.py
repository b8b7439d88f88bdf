"""Figure 1: a busy Pool, thousands of tiny tasks (each one a task event pair under the tracer)."""
import sys
from multiprocessing import Pool


def tiny(n):
    return n * n


if __name__ == "__main__":
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    with Pool(4) as pool:
        results = [pool.apply_async(tiny, (n,)) for n in range(tasks)]
        total = sum(r.get() for r in results)
    print("tasks", tasks, "sum", total)
