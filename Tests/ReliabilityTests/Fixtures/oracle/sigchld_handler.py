import os, signal, time
reaped = []
def on_child(sig, frame):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped.append(status >> 8)
signal.signal(signal.SIGCHLD, on_child)
for i in range(3):
    if os.fork() == 0:
        os._exit(i + 1)
deadline = time.time() + 5
while len(reaped) < 3 and time.time() < deadline:
    time.sleep(0.01)
print(sorted(reaped))
