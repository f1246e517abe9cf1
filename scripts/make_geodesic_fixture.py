#!/usr/bin/env python3
"""Build the WGS84 inverse-geodesic reference table used by GeodesyTests.

Every row holds two points and GeographicLib's answer for the inverse problem on WGS84
(a = 6378137 m, f = 1/298.257223563): the distance s12 in metres and the azimuths azi1, azi2
in degrees, each written with full double precision (Python `repr`).

Input coordinates are rounded to a fixed number of decimals *before* GeographicLib sees them,
so the doubles a reader parses from the CSV are exactly the doubles that produced s12.

Usage:  python3 -m pip install geographiclib && python3 scripts/make_geodesic_fixture.py
Output: Tests/GeodesyTests/Fixtures/geodesic_reference.csv (deterministic: seeded generator).
"""
import csv
import math
import os
import random

from geographiclib.geodesic import Geodesic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GeodesyTests", "Fixtures", "geodesic_reference.csv")
REGIONS = os.path.join(ROOT, "..", "shared", "data", "korea", "regions.csv")
SEED = 20261123


def wrap(lon):
    """Longitude into [-180, 180]."""
    lon = math.remainder(lon, 360.0)
    return 180.0 if lon == -180.0 else lon


def clamp_lat(lat):
    return max(-90.0, min(90.0, lat))


def main():
    rng = random.Random(SEED)
    rows = []  # (case, lat1, lon1, lat2, lon2, decimals)

    def add(case, lat1, lon1, lat2, lon2, decimals=9):
        rows.append((case, round(clamp_lat(lat1), decimals), round(wrap(lon1), decimals),
                     round(clamp_lat(lat2), decimals), round(wrap(lon2), decimals)))

    def uniform_point():
        # Uniform on the sphere: latitude = asin(2u - 1).
        return math.degrees(math.asin(2 * rng.random() - 1)), rng.uniform(-180, 180)

    for _ in range(1400):
        add("random", *uniform_point(), *uniform_point())

    # Exactly antipodal (including equatorial antipodes, where the shortest path runs over a pole).
    for lat in [0, 0.5, 1, 5, 10, 30, 45, 60, 89, 89.999, 90]:
        lon = rng.uniform(-180, 180)
        add("antipodal", lat, lon, -lat, lon + 180)
    for _ in range(30):
        lat, lon = uniform_point()
        add("antipodal", lat, lon, -lat, lon + 180)

    # Nearly antipodal: the astroid start and the Newton iteration on alpha1 are exercised here.
    for _ in range(220):
        lat, lon = uniform_point()
        if rng.random() < 0.4:
            lat = rng.uniform(-3, 3)  # close to the equator: the hardest region
        dlat = rng.choice([1, -1]) * 10 ** rng.uniform(-6, 0)
        dlon = rng.choice([1, -1]) * 10 ** rng.uniform(-6, 0.3)
        add("nearantipodal", lat, lon, -lat + dlat, lon + 180 + dlon)
    for dlon in [0.01, 0.1, 0.3, 0.5, 0.55, 0.56, 0.57, 0.58, 0.6, 0.7, 1.0]:
        add("nearantipodal", 0, 0, 0, 180 - dlon)  # equatorial, around the f*180 deg threshold
        add("nearantipodal", 0.001, 0, -0.001, 180 - dlon)

    for _ in range(30):
        lat, lon = uniform_point()
        add("coincident", lat, lon, lat, lon)
    add("coincident", 90, 0, 90, 123)
    add("coincident", -90, 45, -90, -45)
    add("coincident", 0, 180, 0, -180)

    for _ in range(60):
        pole = rng.choice([90.0, -90.0])
        lat, lon = uniform_point()
        if rng.random() < 0.5:
            add("pole", pole, rng.uniform(-180, 180), lat, lon)
        else:
            add("pole", lat, lon, pole, rng.uniform(-180, 180))
    add("pole", 90, 0, -90, 0)
    add("pole", -90, 10, 90, -170)

    for _ in range(60):
        lon1 = rng.uniform(-180, 180)
        add("equator", 0, lon1, 0, lon1 + rng.uniform(-179.9, 179.9))

    for _ in range(40):
        lon = rng.uniform(-180, 180)
        add("meridian", rng.uniform(-90, 90), lon, rng.uniform(-90, 90), lon)

    for _ in range(80):
        lat1, lat2 = rng.uniform(-80, 80), rng.uniform(-80, 80)
        add("dateline", lat1, 180 - rng.uniform(0, 5), lat2, -180 + rng.uniform(0, 5))
    add("dateline", 10, 180, 10, -180)
    add("dateline", -20, 179.999, -20, -179.999)

    # Very short lines, from about 1 mm to a few metres (1e-8 deg of latitude is about 1.1 mm).
    for _ in range(120):
        lat, lon = uniform_point()
        lat = max(-89.9, min(89.9, lat))
        scale = 10 ** rng.uniform(-8, -4.5)
        add("short", lat, lon, lat + scale * rng.uniform(-1, 1), lon + scale * rng.uniform(-1, 1),
            decimals=12)

    with open(REGIONS, newline="") as f:
        regions = [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)]
    for i in range(len(regions)):
        for j in range(i + 1, len(regions)):
            add("korea", *regions[i], *regions[j])

    geod = Geodesic.WGS84
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "lat1", "lon1", "lat2", "lon2", "s12_m", "azi1_deg", "azi2_deg"])
        for case, lat1, lon1, lat2, lon2 in rows:
            g = geod.Inverse(lat1, lon1, lat2, lon2)
            w.writerow([case, repr(lat1), repr(lon1), repr(lat2), repr(lon2),
                        repr(g["s12"]), repr(g["azi1"]), repr(g["azi2"])])
    print(f"wrote {len(rows)} pairs to {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
