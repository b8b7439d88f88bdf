import subprocess, sys
from multiprocessing import Process
def f():
    r = subprocess.run(['/bin/echo', 'from echo'], capture_output=True, text=True)
    print('child got', r.stdout.strip(), r.returncode)
    r = subprocess.run([sys.executable, '-c', 'import sys; sys.exit(7)'])
    print('python child exited', r.returncode)
if __name__ == '__main__':
    p = Process(target=f)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
