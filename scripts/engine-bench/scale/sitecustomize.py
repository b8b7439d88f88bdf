# Benchmarks only: scales every time.sleep by BENCH_TIME_SCALE (default 0.1), with or without the tracer
# (the tracer chains to this sitecustomize), so the lesson demos run quickly in both.
import os
import time

_factor = float(os.environ.get("BENCH_TIME_SCALE", "0.1"))
_sleep = time.sleep
time.sleep = lambda seconds: _sleep(seconds * _factor)
