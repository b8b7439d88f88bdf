import os
import time

def state(pid):
    # /proc/PID/stat 的第 3 个字段就是进程状态（Linux） / field 3 of /proc/PID/stat is the state (Linux)
    try:
        with open("/proc/%d/stat"%pid) as f:
            return f.read().rsplit(")",1)[1].split()[0]
    except FileNotFoundError:
        return "已经没有了 / gone"

pid=os.fork()
if pid==0:
    os._exit(0)        # 子进程马上结束 / the child ends at once
time.sleep(1)          # 父进程不等它 / the parent does not wait
print("1 秒后，子进程 %d 的状态 / after 1 s, the child's state: %s"%(pid,state(pid)))
os.waitpid(pid,0)      # 现在才回收 / reaped only now
print("waitpid 之后 / after waitpid: %s"%state(pid))
