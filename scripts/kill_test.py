#!/usr/bin/env python3
"""kill -9 at random moments of `migsim fit` or `migsim identify`: the output folder must hold the
complete old set or the complete new set every time (SPEC §8, OutputSet), never a mix or nothing.

    python3 scripts/kill_test.py .build/release/migsim [--stage fit|identify] [--runs 20] [--seed 1]
                                 [--config models/korea/model.yaml]

A reference fit is written first; each run then fits into the same folder again and is killed
with SIGKILL after a random delay in [0, 1.2 × the reference duration]. Because the fit is
reproducible, old and new sets have the same bytes: the check is that the folder holds exactly the
output files, each equal to the reference (a checkpoint beside them is the resumable state of an
interrupted run and is allowed; identify runs with --budget 2000), and that no lock is left that blocks the next run.
Prints one line per run and a summary `runs N intact I broken B`; exits 1 when B > 0.
"""
import argparse, filecmp, os, random, signal, subprocess, sys, tempfile, time

OUTPUTS = {
    "fit": ["fit.json", "force.csv", "force_curve.csv", "holdout.csv", "metrics.csv", "parameters.csv", "series.csv"],
    "identify": ["identify.json", "parameters.csv", "parameters.yaml", "series.csv", "trace.csv", "uncertainty.csv", "uncertainty.json",
                 "trials.json"],
}
CHECKPOINT = {"fit": "checkpoint.json", "identify": "identify-checkpoint.json"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--config", default="models/korea/model.yaml")
    ap.add_argument("--stage", choices=["fit", "identify"], default="fit")
    a = ap.parse_args()
    outputs, checkpoint = OUTPUTS[a.stage], CHECKPOINT[a.stage]
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="migsim-kill-")
    reference, target = os.path.join(work, "reference"), os.path.join(work, "fit")
    command = [a.binary, a.stage, "--config", a.config] + (["--budget", "2000"] if a.stage == "identify" else [])
    start = time.monotonic()
    subprocess.run(command + ["--output", reference], check=True, stderr=subprocess.DEVNULL)
    duration = time.monotonic() - start
    subprocess.run(command + ["--output", target], check=True, stderr=subprocess.DEVNULL)
    print(f"reference {a.stage}: {duration:.2f} s; killing {a.runs} runs after 0–{1.2 * duration:.2f} s", flush=True)
    broken = 0
    for k in range(1, a.runs + 1):
        delay = rng.uniform(0, 1.2 * duration)
        p = subprocess.Popen(command + ["--output", target], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        time.sleep(delay)
        finished = p.poll() is not None
        if not finished:
            p.send_signal(signal.SIGKILL)
        p.wait()
        names = sorted(os.listdir(target)) if os.path.isdir(target) else None
        problems = []
        if names is None:
            problems.append("the output folder is missing")
        else:
            extra = [n for n in names if n not in outputs and n != checkpoint]
            missing = [n for n in outputs if n not in names]
            if extra: problems.append(f"unexpected files {extra}")
            if missing: problems.append(f"missing {missing}")
            for n in outputs:
                if n in names and not filecmp.cmp(os.path.join(target, n), os.path.join(reference, n), shallow=False):
                    problems.append(f"{n} differs from the reference")
        state = "finished" if finished else "killed"
        print(f"run {k:2d}: {state} after {delay:.2f} s: " + ("; ".join(problems) if problems else "intact"), flush=True)
        broken += bool(problems)
    # The next run is not blocked by a lock or staging folder a killed run left.
    r = subprocess.run(command + ["--output", target], stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        print("a run after the kills failed: " + r.stderr.strip().splitlines()[-1])
        broken += 1
    leftovers = [n for n in os.listdir(work) if n.startswith("fit.")]
    print(f"runs {a.runs} intact {a.runs - broken} broken {broken}; left beside the folder after a clean run: {leftovers or 'nothing'}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
