from multiprocessing import Process
def grandchild():
    print('grandchild')
def child():
    p = Process(target=grandchild)
    p.start()
    p.join()
    print('child saw', p.exitcode)
if __name__ == '__main__':
    p = Process(target=child)
    p.start()
    p.join()
    print('main saw', p.exitcode)
