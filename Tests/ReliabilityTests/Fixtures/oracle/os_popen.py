import os
with os.popen('echo from popen') as f:
    print(f.read().strip())
