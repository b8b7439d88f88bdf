import os

pid = os.fork()
print("hi from", "child" if pid == 0 else "parent")
if pid:
    os.waitpid(pid, 0)
