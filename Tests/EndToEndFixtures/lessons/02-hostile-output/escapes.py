# End-to-end test fixture: output that would take over a terminal if it reached it raw.
import os
import sys

out = sys.stdout.buffer
out.write(b"before-escapes\n")
out.write(b"\x1b[2J\x1b[H")                       # clear the screen, cursor home
out.write(b"\x1b]0;PWNED-TITLE\x07")               # set the window title
out.write(b"\x1b]52;c;UFdORUQtQ0xJUEJPQVJE\x07")   # OSC 52: put "PWNED-CLIPBOARD" on the clipboard
out.write(b"\x1b[31;5mred-blink\x1b[0m\n")         # colours and blink
out.write(b"\x1b[?1049l\x1b[?25l")                 # leave the alternate screen, hide the cursor
out.write(b"nul:\x00:bad-utf8:\xff\xfe:c1:\xc2\x9b31m:end\n")
out.write(b"\x1bPq#0;2;0;0;0#1;2;100;100;0#1~~@@vv@@~~@@~~$-\x1b\\\n")  # DCS (sixel)
out.flush()
os.write(2, b"stderr:\x1b[1;1Hmoved\n")
print("after-escapes", flush=True)
