from multiprocessing import Process
import os
import time

def sleeper(seconds):
    time.sleep(seconds)

def fails():
    raise ValueError("出错了 / something went wrong")

if __name__ == "__main__":
    a = Process(target=sleeper, args=(5,))
    b = Process(target=sleeper, name="mark1", args=(0.2,))
    c = Process(target=fails)
    print("名字 names:", a.name, b.name, c.name)
    print("start 之前 before start: is_alive=%s pid=%s exitcode=%s" % (a.is_alive(), a.pid, a.exitcode))

    a.start()
    print("join(0.5) 返回 returns:", a.join(0.5))
    print("0.5 秒后 after 0.5 s: is_alive=%s exitcode=%s" % (a.is_alive(), a.exitcode))
    a.terminate()  # 发送 SIGTERM / sends SIGTERM
    a.join()
    print("terminate+join 之后 after: is_alive=%s exitcode=%s" % (a.is_alive(), a.exitcode))

    b.start()
    c.start()
    b.join()
    c.join()
    print("mark1 exitcode=%s, %s exitcode=%s" % (b.exitcode, c.name, c.exitcode))

    b2 = Process(target=print, args=("run() 在哪个进程 runs in pid", os.getpid()))
    b2.run()  # 没有 start()：在当前进程里直接调用 / no start(): a plain call in this process
    print("run() 之后 after run(): pid=%s" % b2.pid)
