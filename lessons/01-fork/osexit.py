import os
import sys
sys.stdout.reconfigure(line_buffering=False, write_through=False)   # 同 buffered 版本 / as in the buffered variant
sys.stdout.flush()
pid=os.fork()
if pid==0:
    print("子进程的最后一句话 / the child's last words")
    os._exit(0)        # 立即结束：不清空缓冲区，不运行 atexit / ends now: no flush, no atexit
os.waitpid(pid,0)
print("父进程：子进程结束了 / parent: the child has ended")
