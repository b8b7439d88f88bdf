"""100 MB of output through print, then a marker, then a long sleep (the test quits the tutorial itself)."""
import sys
import time

chunk = ("x" * 99 + "\n") * 10486  # about 1 MB of lines
for _ in range(100):
    sys.stdout.write(chunk)
print("FLOOD-DONE", flush=True)
time.sleep(600)
