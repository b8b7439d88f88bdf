# End-to-end test fixture: a fast flood of output (about 20 MB in 200 000 lines), then a marker.
import sys

line = "flood " + "x" * 94 + "\n"
for i in range(200000):
    sys.stdout.write(line)
sys.stdout.write("flood-done\n")
sys.stdout.flush()
