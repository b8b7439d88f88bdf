"""Three multiprocessing children and the main process sleep for ten minutes: whatever survives is a leak."""
import multiprocessing
import time


def sleep():
    time.sleep(600)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=sleep) for _ in range(3)]
    for p in procs:
        p.start()
    print("ready", flush=True)
    time.sleep(600)
