"""Times whole commands in interleaved rounds (round 1: every command once, round 2: again,
...), so that the load of a shared machine hits them alike, and prints each command's median
wall and CPU (user + sys of the process and its children) time, and the ratio of each pair
(B / A) per round and its median.

usage: rounds.py ROUNDS NAME::COMMAND... -- A:B...
(one warm-up run of each command first; COMMAND is run by the shell)
"""
import os
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
args = sys.argv[2:]
sep = args.index("--")
cmds = [a.split("::", 1) for a in args[:sep]]
pairs = [tuple(int(x) for x in p.split(":")) for p in args[sep + 1 :]]


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, shell=True)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        sys.exit(f"failed ({status}): {cmd}")
    return wall, ru.ru_utime + ru.ru_stime


for _, c in cmds:
    run(c)
times = {i: [] for i in range(len(cmds))}
for r in range(rounds):
    for i, (_, c) in enumerate(cmds):
        times[i].append(run(c))
print("| command | median wall s | median CPU s (user+sys) | runs |")
print("|---|---:|---:|---:|")
for i, (name, _) in enumerate(cmds):
    w = statistics.median(t[0] for t in times[i])
    c = statistics.median(t[1] for t in times[i])
    print(f"| {name} | {w:.3f} | {c:.3f} | {rounds} |")
for a, b in pairs:
    wr = [tb[0] / ta[0] for ta, tb in zip(times[a], times[b])]
    cr = [tb[1] / ta[1] for ta, tb in zip(times[a], times[b])]
    print(
        f"{cmds[b][0]} / {cmds[a][0]}: wall {statistics.median(wr):.3f}x "
        f"(rounds {', '.join(f'{x:.2f}' for x in wr)}), CPU {statistics.median(cr):.3f}x "
        f"(rounds {', '.join(f'{x:.2f}' for x in cr)})"
    )
