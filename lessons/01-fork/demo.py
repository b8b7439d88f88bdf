import os
id=os.fork()
index=0
if id<0:
    print("子进程创建失败了")
elif id==0:
    index+=1
    print("我是子进程（%d），我的父进程是：%d,index=%d"%(os.getpid(),os.getppid(),index))
else:
    index += 1
    print("我是父进程：%d，我的子进程是：%d,index=%d"%(os.getpid(),id,index))
