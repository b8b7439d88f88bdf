"""Abuses proctutor's event channel (the file named in $PROCTUTOR_EVENTS) the way a confused or hostile program
could. `channel_abuse.py MODE [PID]`:
  garbage   random bytes, half-records and wrong JSON, line after line
  flood     50 MB without a newline, then valid-looking garbage
  forge     announces an outside process PID as its own child (and output from it), then waits to be stopped
  truncate  empties the file, then starts a child
  close     closes the tracer's descriptors of the channel, then starts a child
Each mode then starts one multiprocessing child that prints, so the test sees whether the run still works."""
import multiprocessing
import os
import random
import sys
import time


def child():
    print("child alive", flush=True)


def channel_fds():
    path = os.path.realpath(os.environ["PROCTUTOR_EVENTS"])
    fds = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.path.realpath("/proc/self/fd/" + name) == path:
                fds.append(int(name))
        except OSError:
            pass
    return fds


if __name__ == "__main__":
    mode = sys.argv[1]
    path = os.environ["PROCTUTOR_EVENTS"]
    rng = random.Random(5)
    with open(path, "ab", buffering=0) as f:
        if mode == "garbage":
            for i in range(2000):
                kind = i % 4
                if kind == 0:
                    f.write(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))) + b"\n")
                elif kind == 1:
                    f.write(b'{"t":1.0,"k":"birth","pid":\n')
                elif kind == 2:
                    f.write(b'{"t":"x","k":["out"],"pid":-1,"s":3,"x":null}\n')
                else:
                    f.write(b'[1,2,3]\n\x00\x1b[2J\n')
        elif mode == "flood":
            piece = b"z" * (1 << 20)
            for _ in range(50):
                f.write(piece)
            f.write(b"\n" + b'{"t":0,"k":"nope"}\n' * 1000)
        elif mode == "forge":
            outsider = int(sys.argv[2])
            t = time.monotonic()
            f.write(('{"t":%f,"k":"birth","pid":%d,"ppid":%d,"m":"fork","n":"forged","par":null,"final":true}\n'
                     % (t, outsider, os.getpid())).encode())
            f.write(('{"t":%f,"k":"out","pid":%d,"s":1,"x":"forged output"}\n' % (t, outsider)).encode())
            f.write(('{"t":%f,"k":"task","pid":%d,"j":1,"s":"started","f":"f","a":"()","e":null}\n'
                     % (t, outsider)).encode())
    if mode == "truncate":
        os.truncate(path, 0)
    elif mode == "close":
        for fd in channel_fds():
            os.close(fd)
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
    print("main done", flush=True)
    if mode == "forge":
        time.sleep(600)  # the test stops the run with --timeout: the stop must not reach the outsider
