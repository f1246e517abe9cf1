#!/usr/bin/env python3
"""Bad-input suite: runs migsim on generated malformed inputs and classifies every run.

    python3 scripts/fuzz.py BINARY [--quick] [--timeout S] [--work DIR] [--log FILE] [--only TEXT]

Cases are mutations of the bundled Korean files in models/korea (CSV, YAML, the fit.json artifact),
hostile formulas and problem files, and bad option values, over all ten subcommands. Each case runs
in its own folder (unchanged inputs are symbolic links to models/korea), with a fresh output path,
a memory limit (3 GiB of address space) and a timeout. A run is

    crash    killed by a signal (SIGILL, SIGSEGV, SIGABRT, …) or a Swift runtime failure message
    hang     still running at the timeout
    partial  failed (exit status ≠ 0) but left files at its output path, or left temporary files
    unclear  failed without naming the mutated file or the option, or with an internal error text
    ok       exit 0, or exit ≠ 0 with a message that names the file or option

The last line is `cases N crashes C hangs H unclear U partial P` (and the counts of ok runs); the
log (JSON lines, default fuzz-log.jsonl in the work folder) holds every non-ok case with the command
that reproduces it. Exit status 1 when there is any crash, hang or partial run. --quick runs the
small subset `make test` uses (inputs of distances, simulate, balance and optimize).
"""
import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KOREA = os.path.join(ROOT, "models", "korea")
# The raw KOSIS files live in the data folder (MIGSIM_DATA, else ../shared/data), never in the repository.
RAW_KOREA = os.path.join(os.environ.get("MIGSIM_DATA") or os.path.join(ROOT, "..", "shared", "data"), "korea")
INTERNAL_TEXTS = ["EncodingError", "DecodingError", "keyNotFound", "typeMismatch(", "valueNotFound", "dataCorrupted",
                  "Swift.", "NSCocoaErrorDomain", "The operation could not be completed", "Optional(", "CodingKeys"]
CRASH_TEXTS = ["Fatal error", "Stack dump", "Segmentation fault", "Illegal instruction", "Aborted", "Trace/breakpoint"]


class Case:
    def __init__(self, name, args, files=None, mentions=None, output="out", quick=False, timeout=None):
        self.name = name            # what the case does, e.g. "settlements.csv: NUL byte in lat × distances"
        self.args = args            # argv after the binary; {in} is the input folder, {out} the output path
        self.files = files or {}    # file name in the input folder → bytes (the mutated inputs)
        self.mentions = mentions or []   # texts one of which a failure message must contain
        self.output = output        # output path relative to the case folder ({out}); None: none
        self.quick = quick
        self.timeout = timeout


# ---------------------------------------------------------------------------------------------
# Mutations

def read(name, folder=None):
    with open(os.path.join(folder or KOREA, name), "rb") as f:
        return f.read()


def csv_mutations(data, numeric_columns, id_column=0):
    """(label, bytes) pairs: structural damage plus bad values in every numeric column."""
    text = data.decode("utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    out = []

    def join(ls):
        return ("\n".join(ls) + "\n").encode("utf-8")

    def set_field(row, col, value):
        ls = list(lines)
        fields = ls[row].split(",")
        fields[col] = value
        ls[row] = ",".join(fields)
        return join(ls)

    out.append(("empty file", b""))
    out.append(("header only", join(lines[:1])))
    out.append(("no header", join(lines[1:])))
    out.append(("one data row", join(lines[:2])))
    out.append(("column removed from the header", join([",".join(header[:-1])] + lines[1:])))
    out.append(("first column renamed", join([",".join(["x" + header[0]] + header[1:])] + lines[1:])))
    out.append(("duplicate column", join([",".join(header[:-1] + [header[0]])] + lines[1:])))
    out.append(("extra field in row 3", join(lines[:2] + [lines[2] + ",1"] + lines[3:])))
    out.append(("missing field in row 3", join(lines[:2] + [lines[2].rsplit(",", 1)[0]] + lines[3:])))
    out.append(("unterminated quote in row 2", join(lines[:1] + ['"' + lines[1]] + lines[2:])))
    out.append(("non-UTF-8 byte in row 4", join(lines[:3]).rstrip(b"\n") + b"\n\xff\xfe" + join(lines[3:])))
    out.append(("NUL byte in row 2", join(lines[:1]).rstrip(b"\n") + b"\n" + lines[1].encode() + b"\x00\n" + join(lines[2:])))
    out.append(("byte-order mark", b"\xef\xbb\xbf" + data))
    out.append(("CRLF line ends", data.replace(b"\n", b"\r\n")))
    out.append(("duplicate row", join(lines[:3] + [lines[2]] + lines[3:])))
    out.append(("unknown id in row 2", set_field(1, id_column, "Atlantis")))
    out.append(("empty id in row 2", set_field(1, id_column, "")))
    out.append(("truncated mid-row", data[: int(len(data) * 0.6)]))
    out.append(("tab separated", data.replace(b",", b"\t")))
    out.append(("blank lines", join(lines[:2] + ["", "   "] + lines[2:])))
    out.append(("1 MB field in row 2", set_field(1, len(header) - 1, "9" * 1_000_000)))
    for col in numeric_columns:
        c = header.index(col)
        for label, value in [("0", "0"), ("-1", "-1"), ("1e308", "1e308"), ("1e309", "1e309"), ("nan", "nan"),
                             ("inf", "inf"), ("empty", ""), ("text", "abc"), ("NUL inside", "1\x00 99"),
                             ("123", "123"), ("-1e308", "-1e308")]:
            out.append((f"{col} = {label} in row 2", set_field(1, c, value)))
    return out


def yaml_mutations(data, scalars):
    """(label, bytes): damage to a YAML file; `scalars` maps key names to replacement values."""
    text = data.decode("utf-8")
    out = [("empty file", b""), ("not a mapping", b"- 1\n- 2\n"),
           ("unclosed bracket", (text + "\nextra: [1, 2\n").encode()),
           ("tab indentation", text.replace("  ", "\t", 3).encode()),
           ("unknown top-level key", (text + "\nbogus_key: 1\n").encode()),
           ("duplicate top-level key", (text + "\n" + text.splitlines()[-1] + "\n").encode()),
           ("non-UTF-8 byte", data + b"\n# \xff\xfe\n"),
           ("NUL byte", data.replace(b":", b":\x00", 1)),
           ("10,000 nested sequences", ("model: " + "[" * 10_000 + "]" * 10_000 + "\n").encode()),
           ("10,000 nested mappings", ("model: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n").encode())]
    bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for k in range(1, 10):
        bomb += f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]\n"
    out.append(("billion-laughs aliases", (bomb + text).encode()))
    lines = text.splitlines()
    for key, values in scalars.items():
        idx = [i for i, l in enumerate(lines) if l.strip().startswith(key + ":")]
        if not idx:
            continue
        i = idx[0]
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        for v in values:
            ls = list(lines)
            ls[i] = f"{indent}{key}: {v}"
            out.append((f"{key}: {v}", ("\n".join(ls) + "\n").encode()))
        ls = [l for j, l in enumerate(lines) if j != i]
        out.append((f"{key} deleted", ("\n".join(ls) + "\n").encode()))
    return out


def json_mutations(data, count, seed):
    """(label, bytes): syntax damage plus `count` seeded structural edits of the artifact."""
    out = [("empty file", b""), ("not JSON", b"fit\n"), ("truncated", data[: len(data) // 2]),
           ("empty object", b"{}"), ("wrong format", data.replace(b'"migsim-fit"', b'"other"', 1)),
           ("version 99", data.replace(b'"version":1', b'"version":99').replace(b'"version" : 1', b'"version" : 99')),
           ("non-UTF-8 byte", data[:100] + b"\xff" + data[100:])]
    doc = json.loads(data)
    if "payload" in doc and "solutionWeights" in doc["payload"]:
        # The shape inconsistencies of a fit artifact (crash class 1).
        def edit(label, change):
            d = json.loads(data)
            change(d["payload"])
            out.append((label, json.dumps(d).encode()))
        edit("solutionWeights: one too many", lambda p: p["solutionWeights"].append(0.1))
        edit("solutionWeights: one too few", lambda p: p["solutionWeights"].pop())
        edit("forceWeights: one too few", lambda p: p["forceWeights"].pop())
        edit("solutionNetwork.layerSizes: empty", lambda p: p["solutionNetwork"].__setitem__("layerSizes", []))
        edit("solutionNetwork.layerSizes: a layer removed", lambda p: p["solutionNetwork"]["layerSizes"].pop(1))
        edit("forceNetwork.layerSizes: a wider layer", lambda p: p["forceNetwork"]["layerSizes"].__setitem__(1, 64))
        edit("times: empty", lambda p: p.__setitem__("times", []))
        edit("times: unsorted", lambda p: p["times"].reverse())
        edit("normalization.means: too short", lambda p: p["normalization"]["means"].pop())
        edit("periodLength: 0", lambda p: p.__setitem__("periodLength", 0))
        edit("ids: one too few", lambda p: p["ids"].pop())
    paths = []

    def walk(x, p):
        if isinstance(x, dict):
            paths.append((p, "dict"))
            for k, v in x.items():
                walk(v, p + [k])
        elif isinstance(x, list):
            paths.append((p, "list"))
            if x and not isinstance(x[0], (int, float)):
                walk(x[0], p + [0])
        elif isinstance(x, (int, float)) and not isinstance(x, bool):
            paths.append((p, "number"))
        else:
            paths.append((p, "other"))

    walk(doc, [])
    rng = random.Random(seed)
    edits = {"list": ["drop last", "append one", "empty", "null"],
             "number": ["0", "-1", "1e308", "null", "string", "nan-string"],
             "dict": ["delete a key", "empty"], "other": ["number", "null"]}
    chosen = set()
    attempts = 0
    while len(out) < count and attempts < 20 * count:
        attempts += 1
        p, kind = rng.choice(paths[1:])
        e = rng.choice(edits[kind])
        key = (tuple(p), e)
        if key in chosen:
            continue
        chosen.add(key)
        d = json.loads(data)
        parent = d
        for k in p[:-1]:
            parent = parent[k]
        last = p[-1]
        v = parent[last]
        if e == "drop last":
            if not v:
                continue
            v.pop()
        elif e == "append one":
            v.append(v[-1] if v else 0)
        elif e == "empty":
            v = [] if isinstance(v, list) else {}
        elif e == "delete a key":
            if not v:
                continue
            del v[sorted(v)[0]]
        elif e in ("null",):
            v = None
        elif e == "0":
            v = 0
        elif e == "-1":
            v = -1
        elif e == "1e308":
            v = 1e308
        elif e == "string":
            v = "x"
        elif e == "nan-string":
            v = "NaN"
        elif e == "number":
            v = 7
        parent[last] = v
        label = "/".join(str(k) for k in p) + ": " + e
        out.append((label, json.dumps(d).encode()))
    return out


# ---------------------------------------------------------------------------------------------
# Cases over all subcommands

def build_cases(seed):
    cases = []
    settlements, yearly = read("settlements.csv"), read("balance_yearly.csv")
    model, fitjson, features = read("model.yaml"), read("fit.json"), read("features.csv")
    scenario = read("scenarios/seoul_gdp_plus10.yaml")

    # settlements.csv → distances, simulate
    for label, data in csv_mutations(settlements, ["lat", "lon", "population"]):
        quick = label in ("NUL byte in row 2", "lat = 123 in row 2")
        cases.append(Case(f"settlements.csv: {label} × distances",
                          ["distances", "{in}/settlements.csv", "--metric", "wgs84", "--output", "{out}"],
                          {"settlements.csv": data}, ["settlements.csv"], quick=quick))
        if " in row 2" in label and " = " in label:
            continue   # bad values: distances covers them; simulate gets the structural damage
        cases.append(Case(f"settlements.csv: {label} × simulate",
                          ["simulate", "--config", "{in}/model.yaml", "--end", "2000", "--output", "{out}"],
                          {"settlements.csv": data}, ["settlements.csv", "balance_quarterly.csv"]))
    # balance_yearly.csv → simulate --balance, fit --from
    for label, data in csv_mutations(yearly, ["value", "period"]):
        cases.append(Case(f"balance_yearly.csv: {label} × simulate",
                          ["simulate", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                           "--end", "2000", "--output", "{out}"], {"balance_yearly.csv": data}, ["balance_yearly.csv"]))
        if " = " in label:
            continue
        cases.append(Case(f"balance_yearly.csv: {label} × fit --from",
                          ["fit", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                           "--from", "{in}/fit.json", "--output", "{out}"], {"balance_yearly.csv": data},
                          ["balance_yearly.csv", "fit.json was fitted to other data"]))
    # model.yaml → simulate, scenario, identify (small budget), fit (1 iteration)
    scalars = {"alpha": ["-1", "abc", ".nan", "1e308"], "gamma": ["-5"], "distance_scale": ["0"],
               "start": ["1e9", "abc"], "end": ["1e9", "1990"], "output_step": ["0", "1e-9"],
               "rtol": ["0"], "step": ["-0.1"], "solver": ["euler"], "metric": ["flat"],
               "dense_limit": ["-1"], "neighbours": ["0", "100000"], "settlements": ["missing.csv"],
               "balance": ["missing.csv"], "age_function": ["{kind: smooth, young: 60, old: 30}"],
               "solution_hidden": ["[100000, 100000]", "[]", "[0]"], "holdout_periods": ["-1", "100"]}
    for k, (label, data) in enumerate(yaml_mutations(model, scalars)):
        quick = label in ("10,000 nested sequences", "end: 1e9")
        cases.append(Case(f"model.yaml: {label} × simulate",
                          ["simulate", "--config", "{in}/model.yaml", "--output", "{out}"],
                          {"model.yaml": data}, ["model.yaml", "missing.csv", "--end", "--start", "--output-step"],
                          quick=quick))
        if k % 3 != 0 and "nested" not in label and "laughs" not in label:
            continue   # scenario and identify: every third mutation and the hostile ones
        cases.append(Case(f"model.yaml: {label} × scenario",
                          ["scenario", "--fit", "{in}/fit.json", "--config", "{in}/model.yaml", "--balance",
                           "{in}/balance_yearly.csv", "--scenario", "{in}/scenario.yaml", "--output", "{out}"],
                          {"model.yaml": data, "scenario.yaml": scenario}, ["model.yaml", "missing.csv"]))
        cases.append(Case(f"model.yaml: {label} × identify",
                          ["identify", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                           "--force", "zero", "--budget", "8", "--output", "{out}"],
                          {"model.yaml": data}, ["model.yaml", "missing.csv"]))
        if label.startswith("solution_hidden") or label.startswith("holdout") or label in ("empty file", "10,000 nested sequences"):
            cases.append(Case(f"model.yaml: {label} × fit (1 iteration)",
                              ["fit", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                               "--adam-iterations", "1", "--lbfgs-iterations", "0", "--output", "{out}"],
                              {"model.yaml": data}, ["model.yaml"]))
    # scenario yaml → scenario
    for label, data in yaml_mutations(scenario, {"horizon_years": ["1.0e9", "0", "-1", "abc"], "start": ["1e9", "1800"],
                                                 "value": ["abc", ".nan", "1e308"], "operation": ["divide"],
                                                 "feature": ["nonexistent"], "regions": ["[Atlantis]", "[]"],
                                                 "from": ["3000"]}):
        cases.append(Case(f"scenario.yaml: {label} × scenario",
                          ["scenario", "--fit", "{in}/fit.json", "--config", "{in}/model.yaml", "--balance",
                           "{in}/balance_yearly.csv", "--scenario", "{in}/scenario.yaml", "--output", "{out}"],
                          {"scenario.yaml": data}, ["scenario.yaml", "horizon"]))
    # fit.json → fit --from, explain, scenario, identify --force
    for label, data in json_mutations(fitjson, 36, seed):
        for command, args in [
            ("fit --from", ["fit", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                            "--from", "{in}/fit.json", "--output", "{out}"]),
            ("explain", ["explain", "--fit", "{in}/fit.json", "--features", "{in}/features.csv", "--splits", "10",
                         "--permutations", "19", "--output", "{out}"]),
            ("scenario", ["scenario", "--fit", "{in}/fit.json", "--config", "{in}/model.yaml", "--balance",
                          "{in}/balance_yearly.csv", "--scenario", "{in}/scenario.yaml", "--output", "{out}"]),
            ("identify --force", ["identify", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                                  "--force", "{in}/fit.json", "--budget", "8", "--output", "{out}"]),
        ]:
            cases.append(Case(f"fit.json: {label} × {command}", args, {"fit.json": data, "scenario.yaml": scenario},
                              ["fit.json"]))
    # features.csv → explain
    for label, data in csv_mutations(features, ["gdp_per_capita"]):
        cases.append(Case(f"features.csv: {label} × explain",
                          ["explain", "--fit", "{in}/fit.json", "--features", "{in}/features.csv", "--splits", "10",
                           "--permutations", "19", "--output", "{out}"], {"features.csv": data}, ["features.csv"]))
    # balance: flows, margins, age margins (a small 3-region case)
    flows = b"origin,destination,migrants\nA,A,50\nA,B,10\nA,C,5\nB,A,8\nB,B,40\nB,C,6\nC,A,4\nC,B,7\nC,C,30\n"
    margins = b"region,departures,arrivals\nA,70,65\nB,50,60\nC,45,40\n"
    ages = (b"region,age_group,departures,arrivals\nA,young,20,18\nA,working,40,37\nA,old,5,7\n"
            b"B,young,15,17\nB,working,32,33\nB,old,7,6\nC,young,10,10\nC,working,25,27\nC,old,6,6\n")
    for label, data in csv_mutations(flows, ["migrants"]):
        cases.append(Case(f"flows.csv: {label} × balance ras",
                          ["balance", "--method", "ras", "--flows", "{in}/flows.csv", "--margins", "{in}/margins.csv",
                           "--output", "{out}"], {"flows.csv": data, "margins.csv": margins}, ["flows.csv", "of the flows file"],
                          quick=label == "migrants = -1 in row 2"))
    for label, data in csv_mutations(margins, ["arrivals"]):
        cases.append(Case(f"margins.csv: {label} × balance ras",
                          ["balance", "--method", "ras", "--flows", "{in}/flows.csv", "--margins", "{in}/margins.csv",
                           "--output", "{out}"], {"flows.csv": flows, "margins.csv": data}, ["margins.csv"]))
    for label, data in csv_mutations(ages, ["arrivals"]):
        cases.append(Case(f"ages.csv: {label} × balance age-split",
                          ["balance", "--method", "age-split", "--flows", "{in}/flows.csv", "--age-margins", "{in}/ages.csv",
                           "--output", "{out}"], {"flows.csv": flows, "ages.csv": data}, ["ages.csv", "age-margins"]))
    # optimize: formulas, problem files
    hostile = {"20,000 nested parentheses": "(" * 20_000 + "x1" + ")" * 20_000,
               "100,000 unary minus": "-" * 100_000 + "x1",
               "20,000 nested sin(": "sin(" * 20_000 + "x1" + ")" * 20_000,
               "100,000-term sum": "+".join(["x1"] * 100_000)}
    formulas = dict(hostile)
    formulas.update({"empty": "", "x0": "x0", "unknown function": "foo(x1)", "unbalanced": "(x1", "only operator": "+",
                     "x99999999999999999999": "x99999999999999999999", "huge exponent": "1e99999", "NUL": "x1\x00",
                     "division by zero": "1/(x1-x1)", "sqrt of negative": "sqrt(-1-x1^2)", "min one arg": "min(x1)",
                     "non-ASCII digit": "x١", "variable beyond bounds": "x1 + x5", "nan constant": "nan",
                     "two dots": "1..2*x1", "trailing comma": "max(x1,)"})
    for label, text in formulas.items():
        quick = label in ("20,000 nested parentheses", "100,000 unary minus", "20,000 nested sin(")
        if len(text) < 100_000 and "\x00" not in text:   # argv: at most 128 KiB per argument, no NUL
            cases.append(Case(f"formula: {label} × optimize --objective",
                              ["optimize", "--objective=" + text, "--bounds=-1:1", "--method", "nelder-mead", "--budget", "50",
                               "--output", "{out}"], {}, ["--objective", "column", "x5", "bounds"], quick=quick))
        document = "objective: " + json.dumps(text) + "\nbounds: [[-1, 1]]\n"
        cases.append(Case(f"formula: {label} × optimize --problem",
                          ["optimize", "--problem", "{in}/problem.yaml", "--method", "nelder-mead", "--budget", "50",
                           "--output", "{out}"], {"problem.yaml": document.encode()}, ["problem.yaml", "column", "x5"],
                          quick=False))
    problem = b"objective: x1^2 + x2^2\nbounds: [[-1, 1], [-1, 1]]\n"
    for label, data in yaml_mutations(problem, {"objective": ["", "x1 +", "[1, 2]", "(" * 5000 + "x1" + ")" * 5000],
                                                "bounds": ["[]", "[[1, -1]]", "[[a, b]]", "[[-1, 1, 2]]", "5"]}):
        cases.append(Case(f"problem.yaml: {label} × optimize",
                          ["optimize", "--problem", "{in}/problem.yaml", "--method", "nelder-mead", "--budget", "50",
                           "--output", "{out}"], {"problem.yaml": data}, ["problem.yaml"],
                          quick=label == "billion-laughs aliases"))
    # data korea: raw files from the data folder (skipped without it); the other raw files are linked in.
    raw = [("regions.csv", ["lat", "lon"]), ("population.csv", ["population", "year"]), ("economy.csv", ["gdp_per_capita"])]
    if os.path.isdir(RAW_KOREA):
        for name, cols in raw:
            for label, data in csv_mutations(read(name, RAW_KOREA), cols)[::2]:
                others = {o: read(o, RAW_KOREA) for o in ("regions.csv", "population.csv", "economy.csv") if o != name}
                cases.append(Case(f"{name}: {label} × data korea",
                                  ["data", "korea", "--input", "{in}/raw", "--mapping", "{in}/region_mapping.csv", "--output", "{out}"],
                                  {**{f"raw/{name}": data}, **{f"raw/{o}": d for o, d in others.items()},
                                   "raw/flows_quarterly.csv": read("flows_quarterly.csv", RAW_KOREA)}, [name]))
    else:
        print(f"fuzz: data folder {RAW_KOREA} not found: the data korea cases are skipped (set MIGSIM_DATA)", file=sys.stderr)
    # report: damaged inputs in its folder
    for label, data in csv_mutations(yearly, ["value"])[:20]:
        cases.append(Case(f"balance_yearly.csv: {label} × report",
                          ["report", "--input", "{in}", "--balance", "{in}/balance_yearly.csv", "--output", "{out}"],
                          {"balance_yearly.csv": data}, ["balance_yearly.csv"]))
    # options
    bad = ["0", "-1", "nan", "1e308", "abc"]
    option_cases = [
        (["distances", "{in}/settlements.csv", "--output", "{out}"], ["--neighbours"]),
        (["simulate", "--config", "{in}/model.yaml", "--output", "{out}"],
         ["--start", "--end", "--output-step", "--rtol", "--atol", "--step"]),
        (["optimize", "--builtin", "rastrigin", "--method", "sa-generalized", "--output", "{out}"],
         ["--budget", "--seed", "--dimension", "--tolerance", "--reliability", "--evolvents"]),
        (["optimize", "--objective", "x1^2", "--method", "nelder-mead", "--output", "{out}"], ["--bounds"]),
        (["explain", "--fit", "{in}/fit.json", "--features", "{in}/features.csv", "--output", "{out}"],
         ["--splits", "--train-fraction", "--permutations", "--ridge", "--shapley-samples"]),
        (["identify", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv", "--force", "zero",
          "--budget", "8", "--output", "{out}"],
         ["--parallel", "--reliability", "--evolvents", "--refine-share", "--holdout", "--tolerance", "--bounds", "--parameters"]),
        (["balance", "--method", "ras", "--flows", "{in}/flows.csv", "--margins", "{in}/margins.csv", "--output", "{out}"],
         ["--tolerance", "--max-iterations"]),
        (["balance", "--method", "age-split", "--flows", "{in}/flows.csv", "--age-margins", "{in}/ages.csv", "--output", "{out}"],
         ["--band-widths"]),
        (["fit", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv", "--from", "{in}/fit.json",
          "--output", "{out}"], ["--holdout"]),
        (["report", "--input", "{in}", "--output", "{out}"], ["--top-flows"]),
    ]
    for base, options in option_cases:
        for option in options:
            for value in bad + (["100000"] if option in ("--parallel", "--evolvents", "--neighbours") else []):
                if option == "--budget" and value == "1e308":
                    continue
                cases.append(Case(f"{base[0]} {option} {value!r}", base + [option, value],
                                  {"flows.csv": flows, "margins.csv": margins, "ages.csv": ages}, [option],
                                  quick=option == "--output-step" and value == "0"))
    cases.append(Case("optimize --builtin rastrigin --dimension 100000000",
                      ["optimize", "--builtin", "rastrigin", "--dimension", "100000000", "--method", "sa-generalized",
                       "--output", "{out}"], {}, ["--dimension"], quick=True))
    cases.append(Case("fit --from with --resume", ["fit", "--config", "{in}/model.yaml", "--balance", "{in}/balance_yearly.csv",
                                                   "--from", "{in}/fit.json", "--resume", "--output", "{out}"], {},
                      ["--resume", "--from"]))
    return cases


# ---------------------------------------------------------------------------------------------
# Running and classifying

def limit_child():
    os.nice(10)
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def files_under(path):
    if not os.path.exists(path):
        return []
    if os.path.isfile(path):
        return [path]
    found = []
    for dirpath, _, names in os.walk(path):
        found += [os.path.join(dirpath, n) for n in names]
    return found


def run_case(binary, case, folder, timeout):
    inputs = os.path.join(folder, "in")
    os.makedirs(inputs)
    for name in os.listdir(KOREA):
        if os.path.isfile(os.path.join(KOREA, name)):
            os.symlink(os.path.join(KOREA, name), os.path.join(inputs, name))
    for name, data in case.files.items():
        target = os.path.join(inputs, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.remove(target)
        with open(target, "wb") as f:
            f.write(data)
    out = os.path.join(folder, case.output) if case.output else ""
    argv = [binary] + [a.replace("{in}", inputs).replace("{out}", out) for a in case.args]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    started = time.time()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=case.timeout or timeout,
                           preexec_fn=limit_child, env=env, cwd=folder)
        status, stderr = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        status, stderr = None, (e.stderr or b"").decode("utf-8", "replace")
    elapsed = time.time() - started
    leftovers = [f for f in files_under(folder) if ".tmp" in os.path.basename(f) and not f.startswith(inputs)]
    outputs = files_under(out) if out else []
    if status is None:
        verdict = "hang"
    elif status < 0 or status >= 128 or any(t in stderr for t in CRASH_TEXTS):
        verdict = "crash"
    elif leftovers or (status != 0 and outputs):
        verdict = "partial"
    elif status != 0 and (not stderr.strip() or any(t in stderr for t in INTERNAL_TEXTS)
                          or not any(m in stderr for m in case.mentions)):
        verdict = "unclear"
    else:
        verdict = "ok"
    return {"case": case.name, "verdict": verdict, "status": status, "seconds": round(elapsed, 2),
            "message": stderr.strip()[-600:], "leftovers": [os.path.relpath(f, folder) for f in leftovers + outputs][:10],
            "argv": [a if len(a) < 200 else a[:60] + f"…({len(a)} chars)" for a in argv]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--quick", action="store_true", help="the small subset run by make test")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per run (default 60)")
    parser.add_argument("--work", help="folder for the cases (default: a temporary folder, removed afterwards)")
    parser.add_argument("--log", help="JSON-lines log of the non-ok cases (default: <work>/fuzz-log.jsonl)")
    parser.add_argument("--only", help="run only cases whose name contains this text")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", action="store_true", help="keep the case folders")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at the same time (default 2)")
    parser.add_argument("--verbose", action="store_true", help="one line per case with its time")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"fuzz.py: {args.binary}: not an executable migsim binary")
    cases = build_cases(args.seed)
    if args.quick:
        cases = [c for c in cases if c.quick]
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    work = args.work or tempfile.mkdtemp(prefix="migsim-fuzz-")
    os.makedirs(work, exist_ok=True)
    log_path = args.log or os.path.join(work, "fuzz-log.jsonl")
    counts = {"ok": 0, "crash": 0, "hang": 0, "unclear": 0, "partial": 0}
    accepted = 0
    def one(k):
        folder = os.path.join(work, f"case{k:04d}")
        result = run_case(binary, cases[k], folder, args.timeout)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        return result

    with open(log_path, "w") as log, ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case, result in zip(cases, pool.map(one, range(len(cases)))):
            counts[result["verdict"]] += 1
            accepted += result["verdict"] == "ok" and result["status"] == 0
            if args.verbose:
                print(f"{result['seconds']:7.2f}s {result['verdict']:8s} {case.name[:100]}", flush=True)
            if result["verdict"] != "ok":
                log.write(json.dumps(result, ensure_ascii=False) + "\n")
                print(f"{result['verdict']:8s} {case.name} (exit {result['status']}): "
                      f"{result['message'].splitlines()[-1][:160] if result['message'] else '(no message)'}", flush=True)
    if counts["ok"] < len(cases):
        print(f"log of the non-ok cases: {log_path}")
    print(f"cases {len(cases)} crashes {counts['crash']} hangs {counts['hang']} unclear {counts['unclear']} "
          f"partial {counts['partial']} (ok {counts['ok']}: accepted {accepted}, refused clearly {counts['ok'] - accepted})")
    if not args.work and not args.keep and counts["ok"] == len(cases):
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if counts["crash"] or counts["hang"] or counts["partial"] else 0)


if __name__ == "__main__":
    main()
