#!/usr/bin/env python3
"""Reference values of the GKLS D-type functions (Gaviano, Kvasov, Lera, Sergeyev, ACM TOMS 29(4), 2003).

The PyPI package `gkls` replaces the generator's random numbers by the Mersenne Twister, so it cannot
reproduce the standard numbered classes. The `iOpt` package (PyPI, v0.5.0) ships a line-by-line Python
port of the original C generator including Knuth's ranf_start/ranf_array; this script downloads that
wheel with `pip download --no-deps`, imports only its GKLS port (numpy is its sole dependency) and writes
Tests/Fixtures/GlobalOptimization/gkls_reference.json: for functions 1, 2, 50, 100 of the simple and
hard classes, N = 2..5, the global minimizer, all local minimizers, radii, values, and f at 5 points.

Usage: python3 scripts/make_gkls_fixture.py
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/Fixtures/GlobalOptimization/gkls_reference.json"

# The standard classes (Sergeyev & Kvasov): (global distance, global radius), 10 minima, f* = -1, D = [-1, 1]^N.
CLASSES = {
    "simple": {2: (0.9, 0.2), 3: (0.66, 0.2), 4: (0.66, 0.2), 5: (0.66, 0.3)},
    "hard": {2: (0.9, 0.1), 3: (0.9, 0.2), 4: (0.9, 0.2), 5: (0.66, 0.2)},
}
FUNCTIONS = [1, 2, 50, 100]


def load_port(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "iOpt==0.5.0", "-d", tmp],
                   check=True)
    wheel = next(pathlib.Path(tmp).glob("iOpt-0.5.0-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith("problems/GKLS_function/"):
                z.extract(name, tmp)
    (pathlib.Path(tmp) / "problems/__init__.py").touch()
    sys.path.insert(0, tmp)
    from problems.GKLS_function.gkls_function import GKLSClass, GKLSFunction
    return GKLSClass, GKLSFunction


def main():
    with tempfile.TemporaryDirectory() as tmp:
        GKLSClass, GKLSFunction = load_port(tmp)
        rng = np.random.default_rng(2003)
        cases = []
        for cls, dims in CLASSES.items():
            for n, (dist, radius) in dims.items():
                for nf in FUNCTIONS:
                    f = GKLSFunction()
                    f.GKLS_global_value = -1.0
                    f.NumberOfLocalMinima = 10
                    f.SetDimension(n)
                    f.SetFunctionClass(GKLSClass.Simple if cls == "simple" else GKLSClass.Hard, n)
                    assert (f.GKLS_global_dist, f.GKLS_global_radius) == (dist, radius)
                    f.SetFunctionNumber(nf)
                    minima = f.GKLS_minima
                    points = [list(rng.uniform(-1, 1, n)) for _ in range(4)]
                    # one point inside the global basin, where the cubic piece is active
                    points.append(list(minima.local_min[1] + 0.5 * radius / np.sqrt(n)))
                    cases.append({
                        "class": cls, "dimension": n, "number": nf,
                        "globalMinimizer": list(map(float, f.GetOptimumPoint())),
                        "minimizers": [list(map(float, m)) for m in minima.local_min],
                        "radii": list(map(float, minima.rho)),
                        "minimumValues": list(map(float, minima.f)),
                        "points": [list(map(float, p)) for p in points],
                        "values": [float(f.Calculate(np.array(p))) for p in points],
                    })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "iOpt 0.5.0 problems/GKLS_function (port of the GKLS C generator)",
                               "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} functions to {OUT}")


if __name__ == "__main__":
    main()
