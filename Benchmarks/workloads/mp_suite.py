"""Figure 2: CPython's own multiprocessing test suite for one start method, installed in this module the way
CPython's Lib/test/test_multiprocessing_fork.py (and _spawn, _forkserver) does it, with
WithThreadsTestPool.test_terminate skipped (CPython gh-113205: on 3.11.7 it loses a race about a third of the time
and then waits 300 s, with or without a tracer).

Usage: mp_suite.py METHOD RESULTS.json — writes {test id: outcome} so two runs can be compared test by test.
The method travels in the environment too, so spawn children (which re-import this module) install the same."""
import json
import os
import sys
import unittest

import test._test_multiprocessing

if len(sys.argv) > 2 and sys.argv[1] in ("fork", "spawn", "forkserver"):
    os.environ["PROCTUTOR_BENCH_MP_METHOD"] = sys.argv[1]
METHOD = os.environ.get("PROCTUTOR_BENCH_MP_METHOD", "fork")

test._test_multiprocessing.install_tests_in_module_dict(globals(), METHOD)
WithThreadsTestPool.test_terminate = unittest.skip(  # noqa: F821 (installed just above)
    "gh-113205: races, then waits 300 s, with or without a tracer")(lambda self: None)


class Result(unittest.TextTestResult):
    outcomes = {}

    def _note(self, test, outcome):
        self.outcomes[test.id()] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self._note(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._note(test, "fail")

    def addError(self, test, err):
        super().addError(test, err)
        self._note(test, "error")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._note(test, "skip")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._note(test, "xfail")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._note(test, "xpass")


if __name__ == "__main__":
    out = sys.argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=1, resultclass=Result).run(suite)
    with open(out, "w") as f:
        json.dump(Result.outcomes, f, indent=0, sort_keys=True)
    sys.exit(0 if result.wasSuccessful() else 1)
