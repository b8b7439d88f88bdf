"""A busy Pool: 3,000 tiny tasks submitted one by one (each is reported as started and done)."""
from multiprocessing import Pool

def square(x):
    return x * x

if __name__ == "__main__":
    with Pool(4) as pool:
        results = [pool.apply_async(square, (i,)) for i in range(3000)]
        print(sum(r.get() for r in results))
