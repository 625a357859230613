"""The peer of the data-quality benchmark: pandas read_csv + describe() on the same file, timed in-process.

Run by scripts/bench-data-quality under Debian's /usr/bin/python3 (python3-pandas), with /usr/bin/time measuring
the whole process's peak memory.
"""
import sys
import time

import pandas as pd

started = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
summary = frame.describe(include="all")
print(f"rows={len(frame)} columns={len(summary.columns)} seconds={time.perf_counter() - started:.2f}")
