"""Ignores SIGTERM in the main process and in three children; only SIGKILL ends them."""
import os
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
for _ in range(3):
    if os.fork() == 0:
        while True:
            time.sleep(60)
print("ready", flush=True)
while True:
    time.sleep(60)
