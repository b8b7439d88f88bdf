from multiprocessing import Process, Pipe
def f(conn):
    conn.send([42, None, 'hello'])
    conn.close()
if __name__ == '__main__':
    parent, child = Pipe()
    p = Process(target=f, args=(child,))
    p.start()
    print(parent.recv())
    p.join()
