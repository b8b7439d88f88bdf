"""CPython's multiprocessing test suite for one start method, installed the way Lib/test/test_multiprocessing_fork.py
(and _spawn, _forkserver) do it. Usage: python3 -u mp_suite.py fork|spawn|forkserver

WithThreadsTestPool.test_terminate is skipped: on 3.11.7 it loses a race about a third of the time and then waits
300 s, with or without a tracer (CPython gh-113205)."""
import sys
import unittest
import test._test_multiprocessing

method = sys.argv[1]
test._test_multiprocessing.install_tests_in_module_dict(globals(), method)
globals()["WithThreadsTestPool"].test_terminate = unittest.skip("gh-113205")(lambda self: None)

if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
