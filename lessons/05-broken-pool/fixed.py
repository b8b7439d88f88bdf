from multiprocessing import Pool
import os
import time
import random#用来生成随机数

def test1(name):
    print("%s运行中，pid=%d，父进程：%d"%(name,os.getpid(),os.getppid()))
    t_start=time.time()
    #random.random()会生成一个0——1的浮点数
    time.sleep(random.random()*3)
    t_end=time.time()
    # 修正 (a)：格式串里有两个占位符，就要给两个值 / fix (a): two placeholders, two values
    print("%s执行时间：%0.2f秒"%(name,t_end-t_start))

# 修正 (c)：在 spawn/forkserver 下，子进程会重新导入本文件，所以创建进程池的代码必须放在这里面
# fix (c): under spawn/forkserver each worker re-imports this file, so the pool must be created only here
if __name__=="__main__":
    pool=Pool(5)#进程池里最多同时有 5 个工作进程 / at most 5 worker processes
    results=[]
    for xx in range(0,7):
        # 修正 (b)：用循环变量 xx，而不是内置函数 id / fix (b): the loop variable xx, not the builtin id
        results.append(pool.apply_async(test1,("mark"+str(xx),)))
    print("--start--")
    pool.close()#关闭进程池，之后不再接受新任务
    pool.join()#等待进程池中所有任务执行完毕
    # 取回每个结果：任务里的异常会在这里重新抛出，而不是悄悄消失
    # fetch every result: an exception raised in a task is re-raised here instead of vanishing
    for r in results:
        r.get()
    print("--end--")
