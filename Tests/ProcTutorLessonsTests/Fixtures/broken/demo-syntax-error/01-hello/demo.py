import os

if os.getpid() > 0
    print('hi')
