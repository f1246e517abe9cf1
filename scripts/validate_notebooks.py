#!/usr/bin/env python3
"""Checks the exported notebooks and reports in notebooks-export/ (run by `make test`).

For every NAME.ipynb given:
  * it is a valid nbformat 4 notebook (`nbformat.validate`);
  * its metadata.migsim.stamp equals the current input stamp (below): otherwise the export is
    stale relative to the code and data, and `make notebooks` must be run;
  * NAME.html beside it exists, carries the same stamp and has no external references.

The stamp is the SHA-256 over the paths and bytes of the files that determine the export: the
bundled Korean data and model configuration, the Swift sources of every stage the report shows,
the package manifest and the script that runs the pipeline (STAMP_INPUTS). Files are taken from
`git ls-files` when in a git checkout (so untracked scratch files do not count), else from disk.

    scripts/validate_notebooks.py --stamp        prints the current stamp
    scripts/validate_notebooks.py FILE.ipynb...  validates (exit status 1 on any failure)
"""
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAMP_INPUTS = [
    "models/korea/",
    "Sources/Reports/", "Sources/MigsimCLI/", "Sources/DataIO/", "Sources/MigrationModel/", "Sources/ODE/",
    "Sources/Geodesy/", "Sources/LinearAlgebra/", "Sources/Autodiff/", "Sources/PhysicsInformed/",
    "Sources/FlowBalancing/", "Sources/Explanation/", "Sources/Identification/", "Sources/GlobalOptimization/",
    "Sources/Pipeline/", "Sources/Forecasting/", "Package.swift", "scripts/notebooks.sh",
]
EXTERNAL = [r"https?://", r"\b(src|href|xlink:href|action|poster|data)\s*=\s*\"(?!#)", r"url\(\s*['\"]?(?!#)",
            r"@import", r"<link\b", r"<script\b", r"<iframe\b", r"<object\b", r"<embed\b"]


def stamp_files():
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--"] + STAMP_INPUTS, cwd=ROOT, check=True,
                             capture_output=True).stdout.decode()
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for entry in STAMP_INPUTS:
            path = os.path.join(ROOT, entry)
            if os.path.isfile(path):
                files.append(entry)
            for base, _, names in os.walk(path):
                files += [os.path.relpath(os.path.join(base, n), ROOT) for n in names]
    return sorted(f for f in files if os.path.isfile(os.path.join(ROOT, f)))


def stamp():
    h = hashlib.sha256()
    for f in stamp_files():
        with open(os.path.join(ROOT, f), "rb") as fh:
            data = fh.read().replace(b"\r\n", b"\n")
        h.update(f.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def main(argv):
    if argv[1:] == ["--stamp"]:
        print(stamp())
        return 0
    import nbformat
    paths = argv[1:]
    if not paths:
        print("validate_notebooks: no notebooks given", file=sys.stderr)
        return 1
    current = stamp()
    failures = []
    for path in paths:
        before = len(failures)
        nb = nbformat.read(path, as_version=4)
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError as e:
            failures.append(f"{path}: not a valid nbformat 4 notebook: {e.message}")
        if nb.nbformat != 4:
            failures.append(f"{path}: nbformat {nb.nbformat}, expected 4")
        got = nb.metadata.get("migsim", {}).get("stamp")
        if got != current:
            failures.append(f"{path}: stale export (stamp {got}, inputs now {current}); run `make notebooks`")
        html_path = path[:-len(".ipynb")] + ".html"
        if not os.path.exists(html_path):
            failures.append(f"{html_path}: missing (written beside the notebook by `make notebooks`)")
            continue
        with open(html_path, encoding="utf-8") as fh:
            html = fh.read()
        if f'<meta name="migsim:stamp" content="{current}">' not in html:
            failures.append(f"{html_path}: stale export (stamp differs from the inputs); run `make notebooks`")
        for pattern in EXTERNAL:
            m = re.search(pattern, html, re.IGNORECASE)
            if m:
                line = html.count("\n", 0, m.start()) + 1
                failures.append(f"{html_path}:{line}: external reference '{m.group(0)}'; expected a self-contained file")
        if len(failures) == before:
            print(f"{path}: nbformat {nb.nbformat}.{nb.nbformat_minor}, {len(nb.cells)} cells, valid and current; {html_path} self-contained")
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
