"""Interleaved A/B timing of whole commands, for changes too small for the bench's figures.

    python3 Benchmarks/ab.py N 'NAME::[VAR=VALUE ...] COMMAND ARGS' 'NAME2::...' ...

Runs every command once per round, N rounds (plus one warm-up round), alternating, so a machine that gets busier
or quieter slows every side alike. Prints, per command, the mean of the faster half of its wall times and of its
CPU times (user+sys of the command and every descendant it waited for: `proctutor run` does not wait for its
supervisor, so for it this is `run`'s own CPU), and both as ratios to the first command. Output goes to
/dev/null."""
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def parse(spec):
    name, command = spec.split("::", 1)
    words = shlex.split(command)
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith("/"):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return name, words, env


def faster_half(samples):
    samples = sorted(samples)
    return statistics.mean(samples[:max(1, len(samples) // 2)])


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    sides = [parse(spec) for spec in sys.argv[2:]]
    wall = {name: [] for name, _, _ in sides}
    cpu = {name: [] for name, _, _ in sides}
    for round_number in range(rounds + 1):
        for name, words, env in sides:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            subprocess.run(words, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if round_number:  # the first round warms caches
                wall[name].append(elapsed)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    base_wall = faster_half(wall[sides[0][0]])
    base_cpu = faster_half(cpu[sides[0][0]])
    for name, _, _ in sides:
        w, c = faster_half(wall[name]), faster_half(cpu[name])
        print("%-12s wall %7.1f ms (min %7.1f) ratio %.2f | cpu %7.1f ms ratio %.2f"
              % (name, w * 1e3, min(wall[name]) * 1e3, w / base_wall, c * 1e3, c / base_cpu if base_cpu else 0))


if __name__ == "__main__":
    main()
