"""Writes everything a terminal would act on, through every path proctutor reports: print, raw bytes on
stdout and stderr, a process name, a pool task's arguments and error, and an executable whose name (the kernel's
`comm`) is an escape sequence."""
import multiprocessing
import os
import subprocess
import sys
import tempfile

NASTY = ("\x1b[2J\x1b[H"            # clear screen, cursor home
         "\x1b[31;1mred\x1b[0m"       # colours
         "\x1b[10;10H\x1b[5A"         # cursor moves
         "\x1b]0;pwned title\x07"     # OSC title
         "\x1b]52;c;aGVsbG8=\x07"     # OSC 52: write the clipboard
         "\x1bP1$qm\x1b\\"            # DCS request
         "\x9b6n\x9d0;c1\x9c"         # C1 CSI and OSC
         "bell\x07 bs\x08 cr\r nul\x00 del\x7f tab\tend")


class Evil:
    def __repr__(self):
        return "\x1b]52;c;cmVwcg==\x07"


def fail(x):
    raise ValueError("\x1b[2J\x1b]52;c;ZXJy\x07 " + repr(x))


def named():
    print("named child " + NASTY, flush=True)


if __name__ == "__main__":
    print("plain " + NASTY, flush=True)
    print("stderr " + NASTY, file=sys.stderr, flush=True)
    os.write(1, b"raw \x1b[2J \xff\xfe invalid \xc3( utf8 \xe2\x82 cut \x9b31m c1-byte \x00 nul\n")
    os.write(2, b"raw err \x1b]52;c;Zm9v\x07\n")
    sys.stdout.buffer.write(b"buffered \x1b[?1049l \xed\xa0\x80 surrogate\n")
    sys.stdout.flush()
    p = multiprocessing.Process(target=named, name="evil\x1b]0;name\x07\x1b[2J")
    p.start()
    p.join()
    with multiprocessing.Pool(1) as pool:
        r = pool.apply_async(fail, (Evil(),))
        r.wait()
    d = tempfile.mkdtemp()
    exe = os.path.join(d, "\x1b]0;x\x07\x1b[2J")
    os.symlink("/bin/sleep", exe)
    subprocess.run([exe, "0.3"])
    os.unlink(exe)
    os.rmdir(d)
    print("done", flush=True)
