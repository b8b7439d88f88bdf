import os, threading, warnings
warnings.simplefilter('ignore', DeprecationWarning)
codes = []
def t(i):
    pid = os.fork()
    if pid == 0:
        os._exit(10 + i)
    codes.append(os.waitpid(pid, 0)[1] >> 8)
ts = [threading.Thread(target=t, args=(i,)) for i in range(3)]
for x in ts: x.start()
for x in ts: x.join()
print(sorted(codes))
