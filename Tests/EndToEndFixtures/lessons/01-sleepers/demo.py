# End-to-end test fixture: a demo that lives until it is stopped, so the tests can check that every way out of
# proctutor takes the whole tree with it. It reports its processes on stdout and, if PROCTUTOR_TEST_PIDFILE is
# set, in that file (one "pid ppid sid" line each) so a test knows them even after the screen is gone.
from multiprocessing import Process
import os
import time


def report(role):
    line = "%s pid=%d ppid=%d sid=%d" % (role, os.getpid(), os.getppid(), os.getsid(0))
    print(line, flush=True)
    path = os.environ.get("PROCTUTOR_TEST_PIDFILE")
    if path:
        with open(path, "a") as f:
            f.write("%d %d %d\n" % (os.getpid(), os.getppid(), os.getsid(0)))


def sleeper(n):
    report("child%d" % n)
    time.sleep(600)


if __name__ == "__main__":
    report("main")
    children = [Process(target=sleeper, args=(n,)) for n in range(3)]
    for p in children:
        p.start()
    for p in children:
        p.join()
