#!/usr/bin/env python3
"""The exact shortest closed tour through the points of a CSV (columns city, lon, lat) under WGS84
geodesic distances: Vincenty's inverse (independent of migsim's Karney implementation), then the
symmetric TSP as an integer program over the n(n−1)/2 edges — degree 2 at every city, and
Dantzig–Fulkerson–Johnson subtour-elimination cuts added for every subtour of the current solution
until the solution is one tour — solved to zero gap by HiGHS through scipy.optimize.milp.

Usage: python3 scripts/volga_tsp_exact.py /work/shared/data/volga-district/cities_over_100k.csv
Measured (33 cities): 4422.5499917 km after 8 cuts (Tests/MigsimCLITests/VolgaWGS84TourTests.swift).
Needs numpy and scipy ≥ 1.9.
"""
import csv, math, sys, itertools
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import lil_matrix

def vincenty(lat1, lon1, lat2, lon2):
    a = 6378137.0; f = 1/298.257223563; b = a*(1-f)
    L = math.radians(lon2-lon1)
    U1 = math.atan((1-f)*math.tan(math.radians(lat1))); U2 = math.atan((1-f)*math.tan(math.radians(lat2)))
    sinU1, cosU1, sinU2, cosU2 = math.sin(U1), math.cos(U1), math.sin(U2), math.cos(U2)
    lam = L
    for _ in range(1000):
        sl, cl = math.sin(lam), math.cos(lam)
        ss = math.hypot(cosU2*sl, cosU1*sinU2 - sinU1*cosU2*cl)
        cs = sinU1*sinU2 + cosU1*cosU2*cl
        sigma = math.atan2(ss, cs)
        sa = cosU1*cosU2*sl/ss
        c2a = 1 - sa*sa
        c2sm = cs - 2*sinU1*sinU2/c2a
        C = f/16*c2a*(4+f*(4-3*c2a))
        lp = lam
        lam = L + (1-C)*f*sa*(sigma + C*ss*(c2sm + C*cs*(-1+2*c2sm*c2sm)))
        if abs(lam-lp) < 1e-13: break
    u2 = c2a*(a*a-b*b)/(b*b)
    A = 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
    B = u2/1024*(256+u2*(-128+u2*(74-47*u2)))
    ds = B*ss*(c2sm + B/4*(cs*(-1+2*c2sm*c2sm) - B/6*c2sm*(-3+4*ss*ss)*(-3+4*c2sm*c2sm)))
    return b*A*(sigma-ds)/1000

rows = list(csv.DictReader(open(sys.argv[1])))
n = len(rows)
P = [(float(r['lat']), float(r['lon'])) for r in rows]
edges = list(itertools.combinations(range(n), 2))
d = np.array([vincenty(*P[i], *P[j]) for i, j in edges])
idx = {e: k for k, e in enumerate(edges)}
A = lil_matrix((n, len(edges)))
for k, (i, j) in enumerate(edges): A[i, k] = 1; A[j, k] = 1
cons = [LinearConstraint(A.tocsr(), 2, 2)]
while True:
    r = milp(d, constraints=cons, integrality=np.ones(len(edges)), bounds=Bounds(0, 1), options={"mip_rel_gap": 0})
    x = r.x > 0.5
    adj = {i: [] for i in range(n)}
    for k in np.nonzero(x)[0]:
        i, j = edges[k]; adj[i].append(j); adj[j].append(i)
    seen, comps = set(), []
    for s in range(n):
        if s in seen: continue
        comp, stack = [], [s]
        while stack:
            v = stack.pop()
            if v in seen: continue
            seen.add(v); comp.append(v); stack += adj[v]
        comps.append(comp)
    if len(comps) == 1: break
    for comp in comps:
        row = lil_matrix((1, len(edges)))
        for i, j in itertools.combinations(sorted(comp), 2): row[0, idx[(i, j)]] = 1
        cons.append(LinearConstraint(row.tocsr(), -np.inf, len(comp) - 1))
tour, prev = [0], None
while len(tour) < n:
    nxt = [v for v in adj[tour[-1]] if v != prev][0]
    prev = tour[-1]; tour.append(nxt)
print("length_km", repr(r.fun), "status", r.status, "cuts", len(cons) - 1)
print("tour", " -> ".join(rows[i]['city'] for i in tour))
print("indices", tour)
