"""Floods stdout. `flood.py MB lines`: MB megabytes of 100-byte lines through print/sys.stdout;
`flood.py MB raw`: the same bytes with os.write on fd 1 (past Python's layers); `flood.py MB noline`: one line of
MB megabytes without a newline. Ends with a marker line on stdout and one on stderr."""
import os
import sys

mb = int(sys.argv[1])
mode = sys.argv[2]
if mode == "noline":
    piece = "y" * (1 << 20)
    for _ in range(mb):
        sys.stdout.write(piece)
    sys.stdout.flush()
else:
    chunk = ("x" * 99 + "\n") * 10486  # about 1 MB of lines
    data = chunk.encode()
    for _ in range(mb):
        if mode == "raw":
            view = memoryview(data)
            while view:
                view = view[os.write(1, view):]
        else:
            sys.stdout.write(chunk)
print("LAST-LINE", flush=True)  # a program's last words must survive the flood
print("flood done", file=sys.stderr, flush=True)
