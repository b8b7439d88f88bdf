import os
import sys
# 输出到管道或文件时，print 的内容先攒在缓冲区里，不会马上写出。
# proctutor（和 python -u 一样）关掉了这个缓冲；这里把它打开，还原普通程序的样子。
# Into a pipe or a file, print() keeps its text in a buffer first. proctutor (like python -u)
# turns that off; switch it back on, as an ordinary program has it.
sys.stdout.reconfigure(line_buffering=False, write_through=False)
print("hello（在 fork 之前打印 / printed before the fork）")
pid=os.fork()
if pid==0:
    print("子进程 / child %d"%os.getpid())
    sys.exit(0)        # 正常退出：会清空缓冲区 / a normal exit flushes the buffer
os.waitpid(pid,0)
print("父进程 / parent %d"%os.getpid())
