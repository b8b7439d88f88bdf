from multiprocessing import shared_memory, Process
def f(name):
    s = shared_memory.SharedMemory(name=name)
    s.buf[0] = 42
    s.close()
if __name__ == '__main__':
    shm = shared_memory.SharedMemory(create=True, size=16)
    p = Process(target=f, args=(shm.name,))
    p.start()
    p.join()
    print(shm.buf[0])
    shm.close()
    shm.unlink()
