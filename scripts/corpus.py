"""What realworld.py and fixcheck.py share: which packages of a checkout
hold the labeled sites of a repository, grouped by the module that holds
them, and the environment a repository's runs need to load."""
import collections
import os
import string
import sys

# corpus-env.tsv: a repository, then VAR=value pairs, tab-separated; a line
# starting with # is a comment. Each pair is set for that repository's runs
# only, replacing the inherited value. A value may name ${CHECKOUT} (the
# checkout), ${CORPUS} (the CORPUS environment variable, else the checkout's
# parent directory) and any other environment variable, e.g.
# GOFLAGS=${GOFLAGS} -tags=x.
ENV_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus-env.tsv")


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


def repo_env(repo, checkout):
    """The VAR=value pairs corpus-env.tsv gives repo, expanded for checkout."""
    env = {}
    if not os.path.exists(ENV_FILE):
        return env
    names = dict(os.environ, CHECKOUT=checkout,
                 CORPUS=os.environ.get("CORPUS") or os.path.dirname(checkout))
    for line in open(ENV_FILE):
        fields = line.rstrip("\n").split("\t")
        if line.startswith("#") or fields[0].strip() != repo:
            continue
        for kv in fields[1:]:
            if kv.strip():
                k, v = kv.strip().split("=", 1)
                env[k] = string.Template(v).safe_substitute(names)
    return env


def with_env(checkouts):
    """Yields the (repo, checkout) pairs of checkouts, the checkout by its
    real path, with repo's corpus-env.tsv pairs set in os.environ until the
    next pair is asked for."""
    for repo, checkout in checkouts:
        checkout = os.path.realpath(checkout)
        env = repo_env(repo, checkout)
        if env:
            print(f"{repo}: " + " ".join(f"{k}={v}" for k, v in sorted(env.items())), file=sys.stderr)
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            yield repo, checkout
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
