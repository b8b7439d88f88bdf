from multiprocessing import Process

def test1(interval):
    print("test1 运行了 / test1 ran")

if __name__ == "__main__":
    # 照原文注释的说法：第一个参数传函数，第二个参数传它的参数
    # as the seed's comment says: the function first, then its arguments
    p1 = Process(test1, (1,))
    p1.start()
    p1.join()
