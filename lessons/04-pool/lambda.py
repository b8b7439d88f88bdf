from multiprocessing import Pool, Process
import os

if __name__ == "__main__":
    # Process + lambda：fork 下没问题，子进程直接继承这个函数
    # Process + lambda: fine under fork, the child simply inherits the function
    p = Process(target=lambda: print("Process 里的 lambda 运行了 / the lambda ran in pid %d" % os.getpid()))
    p.start()
    p.join()
    # Pool + lambda：任务总是要 pickle 后通过管道发给工作进程，fork 下也一样
    # Pool + lambda: a task is always pickled and sent through a pipe to a worker, under fork too
    with Pool(2) as pool:
        r = pool.apply_async(lambda x: x * 2, (21,))
        print("结果 result:", r.get())
