"""What realworld.py and fixcheck.py share: which packages of a checkout
hold the labeled sites of a repository, grouped by the module that holds
them."""
import collections
import os
import sys


def module_root(checkout, rel_dir):
    """The directory of the go.mod above rel_dir, by one name."""
    d = os.path.join(checkout, rel_dir)
    while True:
        if os.path.exists(os.path.join(d, "go.mod")):
            return os.path.realpath(d)  # one name for the root module
        if os.path.abspath(d) == os.path.abspath(checkout):
            raise SystemExit(f"no go.mod above {rel_dir} in {checkout}")
        d = os.path.dirname(d)


def packages_by_module(cases, repo, checkout):
    """Module root -> the ./relative package directories holding the
    labeled files of repo; files missing from the checkout are warned of."""
    by_module = collections.defaultdict(set)
    for c in cases:
        if c["repo"] != repo:
            continue
        d = os.path.dirname(c["path"]) or "."
        if not os.path.exists(os.path.join(checkout, c["path"])):
            print(f"warning: {repo}: {c['path']} missing from checkout", file=sys.stderr)
            continue
        m = module_root(checkout, d)
        by_module[m].add("./" + os.path.relpath(os.path.join(checkout, d), m))
    return by_module
