#!/usr/bin/env python3
"""Peer for GeodesyBench: GeographicLib's (Python package) WGS84 inverse throughput.

Points uniform on the sphere (latitude = asin(2u - 1), longitude = 360u - 180) from a seeded
generator, consecutive points paired -- the same recipe as Sources/migsim-bench/GeodesyBench.swift
(a different generator, so the same distribution, not the same numbers). Five passes; medians of
CPU seconds (time.process_time) and wall seconds.
Prints one JSON object.

Usage: python3 bench/geodesy_peer.py [pairs]   (default 20000)
"""
import json
import math
import random
import statistics
import sys
import time

import geographiclib
from geographiclib.geodesic import Geodesic


def main():
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(20261123)
    pts = [(math.degrees(math.asin(2 * rng.random() - 1)), 360 * rng.random() - 180)
           for _ in range(2 * pairs)]
    geod = Geodesic.WGS84
    inverse = geod.Inverse
    mask = Geodesic.DISTANCE | Geodesic.AZIMUTH
    walls, cpus = [], []
    total = 0.0
    for _ in range(5):
        start, c0 = time.perf_counter(), time.process_time()
        total = 0.0
        for p in range(pairs):
            (lat1, lon1), (lat2, lon2) = pts[2 * p], pts[2 * p + 1]
            total += inverse(lat1, lon1, lat2, lon2, mask)["s12"]
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - start)
    print(json.dumps({
        "peer": f"geographiclib (Python) {geographiclib.__version__}",
        "wgs84_inverse_pairs": pairs,
        "wgs84_inverse_pairs_per_second": pairs / statistics.median(walls),
        "wgs84_inverse_pairs_per_cpu_second": pairs / statistics.median(cpus),
        "wgs84_inverse_mean_metres": total / pairs,
    }))


if __name__ == "__main__":
    main()
