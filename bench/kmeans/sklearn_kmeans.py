"""scikit-learn KMeans on a raw float64 file, for bench/kmeans.ts. Prints one JSON line.

    OMP_NUM_THREADS=<threads> /usr/bin/python3 bench/kmeans/sklearn_kmeans.py <file> <n> <d> <k> <n_init> <seed> <threads> [fits]

With fits > 1 the same fit runs again in the same process: "seconds" is the last (warm) fit, "coldSeconds" the first.
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

path, n, d, k, n_init, seed, threads = sys.argv[1], *map(int, sys.argv[2:8])
fits = max(1, int(sys.argv[8])) if len(sys.argv) > 8 else 1
data = np.fromfile(path, dtype="<f8", count=n * d).reshape(n, d)
if data.shape != (n, d):
    sys.exit(f"{path} holds {data.size} values, expected {n * d}")

# OMP_NUM_THREADS caps the Lloyd loop (OpenMP); threadpoolctl also caps BLAS used by k-means++.
with threadpool_limits(limits=threads):
    cold_seconds = None
    for _ in range(fits):
        model = KMeans(n_clusters=k, n_init=n_init, init="k-means++", random_state=seed, algorithm="lloyd", tol=1e-4, max_iter=300)
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        model.fit(data)
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        if cold_seconds is None:
            cold_seconds = seconds

print(json.dumps({
    "seconds": seconds,
    "coldSeconds": cold_seconds,
    "cpuSeconds": (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime),
    "startupSeconds": 0,
    "inertia": float(model.inertia_),
    "iterations": int(model.n_iter_),
    "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
