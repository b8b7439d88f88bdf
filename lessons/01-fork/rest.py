import os
pid=os.fork()
if pid==0:
    print("子进程的分支 / the child's branch, pid=%d"%os.getpid())
else:
    os.waitpid(pid,0)
    print("父进程的分支 / the parent's branch, pid=%d"%os.getpid())
# if/else 之后的代码：谁会执行它？ / the code after the if/else: who runs it?
print("if/else 之后 / after the if/else, pid=%d"%os.getpid())
