import os, time
pid = os.fork()
if pid == 0:
    time.sleep(0.3)
    print('orphan done')
    os._exit(2)
print('parent leaves first')
