#!/usr/bin/env python3
"""Ratio tables for bench/run.sh from the JSON of `migsim-bench metaheuristics|nsga2` and
bench/metaheuristics_peer.py. Counts: migsim / peer; times: peer / migsim (> 1: migsim faster).
Medians are over the runs that reached the target; "k/n" is how many did. Times are CPU seconds of
the process when both sides recorded them (fairer on a shared machine), else wall seconds.

Usage: python3 bench/metaheuristics_ratios.py single|nsga2 SWIFT.json PEER.json
"""
import json
import statistics
import sys


CLOCK = "seconds"


def summary(runs):
    evals = [e for e in runs["evals"] if e is not None]
    secs = [s for s in runs[CLOCK] if s is not None]
    n = len(runs["evals"])
    if not evals:
        return len(evals), n, None, None
    return len(evals), n, statistics.median(evals), statistics.median(secs)


def fmt(x, spec):
    """`format(x, spec)`, or a dash padded to the spec's width when x is missing."""
    if x is not None:
        return format(x, spec)
    width = "".join(c for c in spec.split(".")[0] if c.isdigit())
    return "—".rjust(int(width)) if width else "—"


def single(a, b):
    pairs = [("sa", "dual_annealing"), ("gsa", "dual_annealing"), ("ga", "differential_evolution"), ("gps", "direct"), ("aco-r", None)]
    print(f"{'problem':28s} {'migsim':6s} {'ok':>5s} {'evals':>9s} {'sec':>9s} | {'peer':22s} {'ok':>5s} {'evals':>9s} {'sec':>9s} | {'evals m/p':>9s} {'time p/m':>9s}")
    for name, mine in a["problems"].items():
        peer = b["problems"][name]
        present = [(m, p) for m, p in pairs if m in mine]  # a run limited to some methods has only those
        for m, p in present:
            km, nm, em, sm = summary(mine[m])
            line = f"{name:28s} {m:6s} {km:>2d}/{nm:<2d} {fmt(em, '9.0f')} {fmt(sm, '9.4f')} | "
            if p is None:
                print(line + f"{'':22s} {'':>5s} {'':>9s} {'':>9s} |")
                continue
            kp, np_, ep, sp = summary(peer[p])
            ratio_e = em / ep if em and ep else None
            ratio_t = sp / sm if sm and sp else None
            print(line + f"{p:22s} {kp:>2d}/{np_:<2d} {fmt(ep, '9.0f')} {fmt(sp, '9.4f')} | {fmt(ratio_e, '9.3f')} {fmt(ratio_t, '9.1f')}")
        # Best of each side: the method with the most successes, then the fewest median evaluations.
        def best(side, methods):
            ranked = sorted(((-summary(side[x])[0], summary(side[x])[2] or float("inf"), x) for x in methods))
            return ranked[0][2]
        bm = best(mine, [m for m, _ in present])
        bp = best(peer, ["dual_annealing", "differential_evolution", "direct"])
        km, nm, em, sm = summary(mine[bm])
        kp, np_, ep, sp = summary(peer[bp])
        ratio_e = em / ep if em and ep else None
        ratio_t = sp / sm if sm and sp else None
        print(f"{name:28s} best: migsim {bm} {km}/{nm} vs {bp} {kp}/{np_}: evals ratio {fmt(ratio_e, '.3f')}, time ratio {fmt(ratio_t, '.1f')}")


def nsga2(a, b):
    print("HV/true: median over seeds of the hypervolume (reference (1.1, 1.1)) over the exact true front's.")
    print("migsim: last front (clipped mutation, the default) | run's archive | last front with pymoo's bounded mutation")
    print(f"{'problem':6s} {'migsim last':>11s} {'archive':>8s} {'bounded':>8s} {'pymoo':>7s} {'sec migsim':>11s} {'sec pymoo':>10s} {'time p/m':>9s} {'evals→95% m':>12s} {'p':>7s} {'ratio m/p':>9s}")
    for name, mine in a["problems"].items():
        peer = b["problems"][name]
        hm, hp = statistics.median(mine["hv_ratio"]), statistics.median(peer["hv_ratio"])
        ha, hb = statistics.median(mine["hv_ratio_archive"]), statistics.median(mine["hv_ratio_bounded"])
        sm, sp = statistics.median(mine[CLOCK]), statistics.median(peer[CLOCK])
        rm = [e for e in mine["evals_to_95"] if e is not None]
        rp = [e for e in peer["evals_to_95"] if e is not None]
        em = statistics.median(rm) if rm else None
        ep = statistics.median(rp) if rp else None
        ratio = em / ep if em and ep else None
        print(f"{name:6s} {hm:11.4f} {ha:8.4f} {hb:8.4f} {hp:7.4f} {sm:11.3f} {sp:10.3f} {sp / sm:9.1f} {fmt(em, '12.0f')} {fmt(ep, '7.0f')} {fmt(ratio, '9.3f')}"
              f"   (min/max last front migsim {min(mine['hv_ratio']):.4f}/{max(mine['hv_ratio']):.4f}, archive {min(mine['hv_ratio_archive']):.4f}/{max(mine['hv_ratio_archive']):.4f}, pymoo {min(peer['hv_ratio']):.4f}/{max(peer['hv_ratio']):.4f})")


def main():
    global CLOCK
    mode = sys.argv[1]
    with open(sys.argv[2]) as fh:
        a = json.load(fh)
    with open(sys.argv[3]) as fh:
        b = json.load(fh)
    both = all("cpu_seconds" in json.dumps(x) for x in (a, b))
    CLOCK = "cpu_seconds" if both else "seconds"
    print(f"(times: {'CPU' if both else 'wall'} seconds)")
    single(a, b) if mode == "single" else nsga2(a, b)


if __name__ == "__main__":
    main()
