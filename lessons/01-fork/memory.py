import os
index=0                 # 在 fork() 之前创建 / created BEFORE the fork
pid=os.fork()
if pid==0:
    index+=1            # 只改子进程自己的那一份 / changes the child's copy only
    print("我是子进程（%d），index=%d"%(os.getpid(),index))
else:
    os.waitpid(pid,0)    # 父进程等子进程结束 / the parent waits for the child to finish
    print("我是父进程（%d），子进程已经结束，index=%d"%(os.getpid(),index))
