import os
for i in range(50):
    pid = os.fork()
    if pid == 0:
        os._exit(i % 5)
print('done')
