#!/usr/bin/env python3
"""Run the tutorial's asserts under other CPUs' arithmetic and show what moves.

Another CPU makes OpenBLAS pick other kernels (FMA or not, other blocking) and glibc pick other
variants of exp/log/pow (FMA or not), so the last bits of a result can change. On one machine
both can be forced: OPENBLAS_CORETYPE selects OpenBLAS's kernels (OPENBLAS_VERBOSE=2 prints the
one in use; kernels for instructions the CPU lacks crash with SIGILL), and
GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA makes glibc 2.36 pick its non-FMA libm variants (the
older spelling -AVX2_Usable,-FMA_Usable is silently ignored by 2.36).

    python3 Scripts/tools/assert_matrix.py matrix      # every script under each configuration
    python3 Scripts/tools/assert_matrix.py report      # asserts whose values moved, and margins
    python3 Scripts/tools/assert_matrix.py run NAME VAR=VALUE ...   # one configuration

Each assert `assert L ≈ R within T` is preceded, in a copy of Scripts/, by `print "@file:line", L,
R, T`; `mle run --json` gives the values at full precision. Results go to .build/assert-matrix/.
Error scripts (Scripts/errors/) are run as they are and their diagnostics compared with the
.expected files. Needs a built .build/debug/mle.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPTS = os.path.join(ROOT, "Scripts")
MLE = os.path.join(ROOT, ".build", "debug", "mle")
OUT = os.path.join(ROOT, ".build", "assert-matrix")
COPY = os.path.join(OUT, "Scripts")
NO_FMA = "GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA"
CORES = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Barcelona", "Sandybridge",
         "Haswell", "Zen", "SkylakeX"]


def strip_comment(line):
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i]
    return line


def split_top(s, separators):
    """(left, separator, right) at the first separator outside brackets and strings, or None."""
    depth, quoted = 0, False
    for i, ch in enumerate(s):
        if ch == '"':
            quoted = not quoted
        if quoted:
            continue
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth:
            continue
        for sep in separators:
            if s.startswith(sep, i):
                word = sep[0].isalpha()
                before = i > 0 and (s[i - 1].isalnum() or s[i - 1] == "_")
                after = i + len(sep) < len(s) and (s[i + len(sep)].isalnum() or s[i + len(sep)] == "_")
                if word and (before or after):
                    continue
                return s[:i], sep, s[i + len(sep):]
    return None


def instrument():
    shutil.rmtree(COPY, ignore_errors=True)
    shutil.copytree(SCRIPTS, COPY, ignore=shutil.ignore_patterns("errors", "tools"))
    for path in glob.glob(COPY + "/**/*.mle", recursive=True):
        rel = os.path.relpath(path, COPY)
        lines = open(path, encoding="utf-8").read().split("\n")
        out, i = [], 0
        while i < len(lines):
            m = re.match(r"^\s*assert\s+(.*)$", lines[i])
            if not m:
                out.append(lines[i])
                i += 1
                continue
            start, block, body = i, [lines[i]], strip_comment(m.group(1))
            while body.count("(") + body.count("[") > body.count(")") + body.count("]") and i + 1 < len(lines):
                i += 1
                block.append(lines[i])
                body += " " + strip_comment(lines[i]).strip()
            i += 1
            sides = split_top(body.strip(), ["≈", "~="])
            if sides:
                tolerance = split_top(sides[2], ["within", "±", "+-"])
                args = [sides[0], tolerance[0], tolerance[2]] if tolerance else [sides[0], sides[2]]
            else:
                comparison = split_top(body.strip(), ["<=", ">=", "!=", "==", "≤", "≥", "≠", "<", ">"])
                args = [comparison[0] if comparison else body]
            out.append('print "@%s:%d", %s' % (rel, start + 1, ", ".join(a.strip() for a in args)))
            out.extend(block)
        open(path, "w", encoding="utf-8").write("\n".join(out))


def run(name, assignments):
    env = dict(os.environ)
    for kv in assignments:
        k, v = kv.split("=", 1)
        env[k] = v
    result = {"env": assignments, "asserts": {}, "failed": {}, "errors": {}}
    for path in sorted(glob.glob(COPY + "/**/*.mle", recursive=True)):
        rel = os.path.relpath(path, COPY)
        p = subprocess.run([MLE, "run", "--json", rel], cwd=COPY, env=env, capture_output=True, text=True)
        try:
            events = [e for s in json.loads(p.stdout)["scripts"] for e in s["events"]]
        except ValueError:
            result["failed"][rel] = p.stderr[-2000:]
            continue
        for e in events:
            if e["kind"] == "print" and str(e["values"][0]).startswith("@"):
                result["asserts"][e["values"][0][1:]] = e["values"][1:]
        if p.returncode:
            result["failed"][rel] = p.stderr[-2000:]
    for path in sorted(glob.glob(SCRIPTS + "/errors/*.mle")):
        rel = os.path.relpath(path, SCRIPTS)
        p = subprocess.run([MLE, "run", rel], cwd=SCRIPTS, env=env, capture_output=True, text=True)
        expected = open(path[:-4] + ".expected", encoding="utf-8").read()
        result["errors"][rel] = {"matches": p.stderr == expected, "stderr": p.stderr}
    with open(os.path.join(OUT, name + ".json"), "w") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    bad = [k for k, v in result["errors"].items() if not v["matches"]]
    print(f"{name}: failed {sorted(result['failed']) or 'none'}; diagnostics differ: {bad or 'none'}")


def flat(v):
    return [x for item in v for x in flat(item)] if isinstance(v, list) else [v]


def number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def report():
    runs = {os.path.basename(p)[:-5]: json.load(open(p)) for p in sorted(glob.glob(OUT + "/*.json"))}
    print(f"{len(runs)} configurations; per assert: spread = largest change between configurations,")
    print("deviation = largest |L − R|, tolerance (default: 1e-9·max(1, |R|)), margin = tolerance/deviation\n")
    tags = sorted({t for r in runs.values() for t in r["asserts"]},
                  key=lambda t: (t.rsplit(":", 1)[0], int(t.rsplit(":", 1)[1])))
    for tag in tags:
        values = [r["asserts"][tag] for r in runs.values() if tag in r["asserts"]]
        first = flat(values[0][0])
        spread = max((abs(a - b) for v in values for a, b in zip(flat(v[0]), first) if number(a) and number(b)),
                     default=0)
        line = f"{tag:<34} spread {spread:<9.3g}"
        if len(values[0]) >= 2:
            ref = flat(values[0][1])
            deviation = max((abs(a - b) for v in values
                             for a, b in zip(flat(v[0]), ref if len(ref) > 1 else ref * len(flat(v[0])))
                             if number(a) and number(b)), default=0)
            scale = max([abs(x) for x in ref if number(x)] + [0])
            tolerance = values[0][2] if len(values[0]) > 2 else 1e-9 * max(1, scale)
            margin = tolerance / deviation if deviation else float("inf")
            line += f" deviation {deviation:<9.3g} tolerance {tolerance:<9.3g} margin {margin:<8.3g}"
            if margin < 10:
                line += "  ← below 10"
        if spread or len(sys.argv) > 2:
            print(line)
    for name, r in runs.items():
        for rel, why in r["failed"].items():
            print(f"FAILED {rel} under {name}: {why.strip().splitlines()[0] if why.strip() else ''}")
        for rel, v in r["errors"].items():
            if not v["matches"]:
                print(f"DIAGNOSTICS DIFFER {rel} under {name}")


def matrix():
    for core in CORES:
        for libm in ([], [NO_FMA]):
            for threads in (["MLE_THREADS=1", "OPENBLAS_NUM_THREADS=1"], ["MLE_THREADS=2", "OPENBLAS_NUM_THREADS=2"]):
                name = "_".join([core, "nofma" if libm else "fma", threads[0][-1]])
                run(name, [f"OPENBLAS_CORETYPE={core}"] + libm + threads)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    command = sys.argv[1] if len(sys.argv) > 1 else "report"
    if command in ("run", "matrix"):
        instrument()
    if command == "run":
        run(sys.argv[2], sys.argv[3:])
    elif command == "matrix":
        matrix()
    else:
        report()
