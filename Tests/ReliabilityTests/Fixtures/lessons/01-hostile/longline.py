"""A 10 MB line without a newline, then a marker line: the program's last words must reach the screen."""
import sys
import time

piece = "y" * (1 << 20)
for _ in range(10):
    sys.stdout.write(piece)
sys.stdout.flush()
time.sleep(0.5)
print("\nLONGLINE-DONE", flush=True)
