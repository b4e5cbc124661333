"""Applies swallowcancel's fixes to real code and checks the result.

Called by fixcheck.sh: fixcheck.py BIN CASES OUTDIR [-tests] REPO=CHECKOUT...
For each repository, the packages holding labeled files are analysed per
module, in default and -strict mode. The packages with findings are fixed
in a scratch copy of the module, which must then be gofmt-clean, build,
draw no new go vet findings, and draw no finding on a second run other
than those the first run offered without a fix. With -tests, the packages' tests run
before and after, and those whose outcome changed are listed: a test that
pins a swallowed nil is expected to fail once the task propagates.
Exit status 1 when a check failed.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from corpus import packages_by_module, with_env


def sh(args, cwd, timeout=None):
    try:
        p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return -1, "timeout"


def findings(bin_, module, pkgs, strict):
    """The findings as (file, line, message, has_fix), by package."""
    args = [bin_, "-json"] + (["-strict"] if strict else []) + pkgs
    p = subprocess.run(args, cwd=module, capture_output=True, text=True)
    data = json.loads(p.stdout or "{}")
    out = collections.defaultdict(list)
    for pkg, by in data.items():
        for res in by.values():
            if isinstance(res, dict):
                continue
            for d in res:
                path, line, _ = d["posn"].rsplit(":", 2)
                out[pkg].append((os.path.realpath(path), int(line), d["message"], bool(d.get("suggested_fixes"))))
    return out


def vet_lines(module, pkgs):
    # -trimpath: the scratch copy shares the build cache with the checkout.
    _, out = sh(["go", "vet", "-trimpath"] + pkgs, module)
    return {l for l in out.splitlines() if l.startswith("./") or l.startswith("/") or ".go:" in l}


def test_outcomes(module, pkgs):
    res = {}
    for p in pkgs:
        code, out = sh(["go", "test", "-count=1", "-timeout=300s", p], module, timeout=600)
        failed = sorted({l.split()[2] for l in out.splitlines() if l.startswith("--- FAIL: ")})
        res[p] = ("pass" if code == 0 else "fail", failed)
    return res


def main():
    bin_, cases_file, out = sys.argv[1:4]
    rest = sys.argv[4:]
    run_tests = "-tests" in rest
    checkouts = dict(a.split("=", 1) for a in rest if "=" in a)
    cases = [json.loads(l) for l in open(cases_file) if l.strip()]
    failed = False
    print("| repository | mode | packages fixed | fixes offered | withheld (reason) | gofmt | build | new vet findings | second run | tests changed |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    for repo, checkout in with_env(checkouts.items()):
        by_module = packages_by_module(cases, repo, checkout)
        for strict in (False, True):
            mode = "strict" if strict else "default"
            row = collections.Counter()
            withheld = collections.Counter()
            checks = {"gofmt": "ok", "build": "ok", "vet": 0, "second": "silent"}
            changed = []
            for module, pkgset in sorted(by_module.items()):
                pkgs = sorted(pkgset)
                found = findings(bin_, module, pkgs, strict)
                fixable = sorted({p for p, fs in found.items() if any(f[3] for f in fs)})
                # A package and its test variant report alike: count once.
                for f in sorted({f for fs in found.values() for f in fs}):
                    if f[3]:
                        row["offered"] += 1
                    else:
                        reason = f[2].split("(no automatic fix: ", 1)[-1].rstrip(")") if "(no automatic fix: " in f[2] else "none given"
                        withheld[reason] += 1
                if not fixable:
                    continue
                scratch = tempfile.mkdtemp(prefix="fixcheck-", dir=out)
                copy = os.path.join(scratch, "m")
                shutil.copytree(module, copy, symlinks=True)
                # A workspace given in GOWORK names the checkout: name the copy.
                work = os.environ.get("GOWORK", "")
                if work not in ("", "off") and os.path.isfile(work):
                    base = os.path.dirname(os.path.abspath(work))
                    lines = []
                    for line in open(work).read().splitlines():
                        m = re.match(r"^(\s*(?:use\s+|.*=>\s*))(\.{1,2}/\S+)(.*)$", line)
                        if m:  # a path relative to the workspace file
                            path = os.path.realpath(os.path.join(base, m.group(2)))
                            if path == os.path.realpath(module):
                                path = copy
                            line = m.group(1) + path + m.group(3)
                        lines.append(line)
                    text = "\n".join(lines) + "\n"
                    os.environ["GOWORK"] = os.path.join(scratch, "go.work")
                    open(os.environ["GOWORK"], "w").write(text)
                    if os.path.exists(work + ".sum"):
                        shutil.copy(work + ".sum", os.environ["GOWORK"] + ".sum")
                fixed_pkgs = sorted(pkgset)
                row["packages"] += len({p.split(" ")[0] for p in fixable})
                vet_before = vet_lines(copy, fixed_pkgs)
                _, fmt_before = sh(["gofmt", "-l", "."], copy)
                tests_before = test_outcomes(copy, fixed_pkgs) if run_tests else {}
                code, text = sh([bin_] + (["-strict"] if strict else []) + ["-fix"] + fixed_pkgs, copy)
                if "conflict" in text or "panic" in text:
                    failed = True
                    notes.append(f"{repo} {mode}: -fix: {text.strip()[:500]}")
                code, text = sh(["gofmt", "-l", "."], copy)
                text = "\n".join(sorted(set(text.split()) - set(fmt_before.split())))
                if text.strip():
                    checks["gofmt"] = "FAIL"
                    failed = True
                    notes.append(f"{repo} {mode}: gofmt -l: {text.strip()[:500]}")
                code, text = sh(["go", "build", "-trimpath"] + fixed_pkgs, copy)
                if code != 0:
                    checks["build"] = "FAIL"
                    failed = True
                    notes.append(f"{repo} {mode}: go build: {text.strip()[:1000]}")
                # Only the files the fixes changed can owe vet a new finding.
                edited = set()
                for dirpath, _, names in os.walk(copy):
                    for n in names:
                        if n.endswith(".go"):
                            p = os.path.join(dirpath, n)
                            o = os.path.join(module, os.path.relpath(p, copy))
                            if not os.path.exists(o) or open(p, "rb").read() != open(o, "rb").read():
                                edited.add(os.path.relpath(p, copy))
                new_vet = {l for l in vet_lines(copy, fixed_pkgs) - vet_before
                           if any(l.lstrip("./").startswith(c) or ("/" + c + ":") in l for c in edited)}
                if new_vet:
                    checks["vet"] += len(new_vet)
                    failed = True
                    notes.append(f"{repo} {mode}: new go vet findings: " + "; ".join(sorted(new_vet))[:1000])
                again = findings(bin_, copy, fixed_pkgs, strict)
                # A finding offered without a fix may stay, but only one the
                # first run made: by file and message (the lines move).
                before = {(os.path.relpath(f[0], module), f[2]) for fs in found.values() for f in fs if not f[3]}
                left = [f for fs in again.values() for f in set(fs)
                        if f[3] or "(no automatic fix: " not in f[2] or (os.path.relpath(f[0], copy), f[2]) not in before]
                if left:
                    checks["second"] = f"{len(left)} left"
                    failed = True
                    for f in left:
                        notes.append(f"{repo} {mode}: second run: {os.path.relpath(f[0], copy)}:{f[1]}: {f[2]}")
                if run_tests:
                    after = test_outcomes(copy, fixed_pkgs)
                    for p, (o, names) in sorted(after.items()):
                        b = tests_before.get(p, ("?", []))
                        if b[0] != o or b[1] != names:
                            changed.append(f"{p}: {b[0]} -> {o} {' '.join(set(names) - set(b[1]))}".strip())
                shutil.rmtree(scratch, ignore_errors=True)
                if work:
                    os.environ["GOWORK"] = work
            wh = ", ".join(f"{n} ({r})" for r, n in withheld.most_common()) or "0"
            tests = "; ".join(changed) if run_tests else "not run"
            if run_tests and not changed:
                tests = "none"
            print(f"| {repo} | {mode} | {row['packages']} | {row['offered']} | {wh} | {checks['gofmt']} | {checks['build']} | {checks['vet']} | {checks['second']} | {tests} |")
    if notes:
        print()
        print("\n".join("- " + n for n in notes))
    sys.exit(1 if failed else 0)


main()
