from multiprocessing import Pool
import os
import time
import random

def test1(name):
    print("%s运行中，pid=%d，父进程：%d"%(name,os.getpid(),os.getppid()))
    t_start=time.time()
    time.sleep(random.random()*3)
    t_end=time.time()
    print("执行时间：%0.2f秒"%(name,t_end-t_start))  # 错误 (a) 还在 / bug (a) is still here

if __name__=="__main__":
    pool=Pool(5)
    results=[]
    for xx in range(0,7):
        results.append(pool.apply_async(test1,("mark"+str(xx),)))  # 保留 AsyncResult / keep the AsyncResult
    print("--start--")
    pool.close()
    pool.join()
    # 取回第一个任务的结果：它的异常在这里重新抛出，程序以退出码 1 结束
    # fetch the first task's result: its exception is re-raised here and the program exits with 1
    results[0].get()
    print("--end--")
