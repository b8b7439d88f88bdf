import os
import random
import time
# 两个进程打印之前都先睡 0–20 毫秒（随机）：谁先打印，这次才真的说不准
# both processes sleep a random 0-20 ms before printing: now the order really varies
pid=os.fork()
# random 在 fork 之后会在子进程里重新播种（Python 3.7 起），所以两边的随机数不同
# random reseeds itself in the child after a fork (since Python 3.7), so the two draws differ
time.sleep(random.random()*0.02)
if pid==0:
    print("我是子进程（%d）"%os.getpid())
else:
    print("我是父进程（%d）"%os.getpid())
    os.waitpid(pid,0)
