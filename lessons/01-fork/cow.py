import os
import time

def private_dirty_mb():
    # 本进程独占、被写过的内存页（Linux） / memory pages this process alone has written (Linux)
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1])//1024

data=[str(i) for i in range(500000)]   # 五十万个小对象，在 fork 之前创建 / half a million objects, made before the fork
pid=os.fork()
if pid==0:
    before=private_dirty_mb()
    total=0
    for s in data:                       # 只是读，没有写任何一个对象 / only reading, writing none of them
        total+=len(s)
    after=private_dirty_mb()
    print("子进程 / child: 读之前 before %d MB，只读之后 after reading %d MB"%(before,after))
    os._exit(0)
os.waitpid(pid,0)
