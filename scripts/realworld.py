"""Compares swallowcancel's findings on checkouts with dev-cases.jsonl labels.

Called by realworld.sh: realworld.py BIN CASES OUTDIR REPO=CHECKOUT...
For each repository, the packages holding labeled files are analysed, per
module, in default and -strict mode. A labeled site is found when a finding
sits on its swallow_line; a finding on a site labeled not to flag (at its
line or swallow_line) is a false positive; any other finding is unlabeled
and listed for review. A repository's runs get the environment that
corpus-env.tsv gives it (see corpus.py); its wall time goes to stderr.
Exit status 1 when a run failed or panicked.
"""
import collections
import json
import os
import subprocess
import sys
import time

from corpus import packages_by_module, with_env


def run(bin_, module, pkgs, strict, raw):
    args = [bin_, "-json"] + (["-strict"] if strict else []) + pkgs
    p = subprocess.run(args, cwd=module, capture_output=True, text=True)
    with open(raw, "w") as f:
        f.write(p.stdout)
    problems = []
    if p.returncode != 0 or "panic" in p.stderr or "internal error" in p.stderr:
        problems.append(f"{module}: exit {p.returncode}: {p.stderr.strip()[:2000]}")
    findings = []
    try:
        data = json.loads(p.stdout or "{}")
    except json.JSONDecodeError as e:
        problems.append(f"{module}: bad -json output: {e}")
        data = {}
    for pkg, by in data.items():
        for res in by.values():
            if isinstance(res, dict):
                problems.append(f"{pkg}: {res.get('error')}")
                continue
            for d in res:
                path, line, _ = d["posn"].rsplit(":", 2)
                findings.append((os.path.realpath(path), int(line), d.get("category", ""), d["message"]))
    return findings, problems


def main():
    bin_, cases_file, out = sys.argv[1:4]
    checkouts = dict(a.split("=", 1) for a in sys.argv[4:])
    cases = [json.loads(l) for l in open(cases_file) if l.strip()]
    failed = False
    for repo, checkout in with_env(checkouts.items()):
        start, repo_failed = time.time(), False
        rc = [c for c in cases if c["repo"] == repo]
        by_module = packages_by_module(rc, repo, checkout)
        print(f"\n### {repo}\n")
        print("| mode | labeled to flag | found | missed | findings on sites not to flag | unlabeled findings | in _test.go files |")
        print("|---|---|---|---|---|---|---|")
        details = []
        for strict in (False, True):
            mode = "strict" if strict else "default"
            findings = []
            for i, (m, pkgs) in enumerate(sorted(by_module.items())):
                raw = os.path.join(out, f"{repo.replace('/', '+')}.{i}.{mode}.json")
                f, problems = run(bin_, m, sorted(pkgs), strict, raw)
                findings += f
                for p in problems:
                    failed = repo_failed = True
                    print(f"error: {p}", file=sys.stderr)
            at = collections.defaultdict(list)
            for f in sorted(set(findings)):  # a package and its test variant report alike
                at[(f[0], f[1])].append(f)
            key = "flag_strict" if strict else "flag_default"
            want = [c for c in rc if c[key]]
            found, missed, fps, used = [], [], [], set()
            for c in rc:
                p = os.path.join(checkout, c["path"])
                lines = {c["swallow_line"]} if c[key] else {c["line"], c["swallow_line"]}
                hits = [k for k in at if k[0] == p and k[1] in lines]
                used.update(hits)
                if c[key]:
                    (found if hits else missed).append(c)
                elif hits:
                    fps.append(c)
            unlabeled = [f for k, fs in at.items() if k not in used for f in fs]
            intests = [f for f in unlabeled if f[0].endswith("_test.go")]
            unlabeled = [f for f in unlabeled if not f[0].endswith("_test.go")]
            print(f"| {mode} | {len(want)} | {len(found)} | {len(missed)} | {len(fps)} | {len(unlabeled)} | {len(intests)} |")
            for c in missed:
                details.append(f"- {mode}: missed {c['path']}:{c['swallow_line']} ({c['label']}, {c['func']})")
            for c in fps:
                details.append(f"- {mode}: flagged {c['path']}:{c['line']} labeled {c['label']} ({c['func']})")
            for f in sorted(unlabeled):
                details.append(f"- {mode}: unlabeled {os.path.relpath(f[0], checkout)}:{f[1]} [{f[2]}] {f[3]}")
        if details:
            print()
            print("\n".join(details))
        print(f"{repo}: {time.time() - start:.0f}s{', failed' if repo_failed else ''}", file=sys.stderr)
    sys.exit(1 if failed else 0)


main()
