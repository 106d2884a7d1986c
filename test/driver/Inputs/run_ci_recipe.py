#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""run_ci_recipe.py DOC KIND PROJECT [NAME=VALUE ...]: runs the async-lint
commands of one CI recipe of DOC (docs/ci.md) in PROJECT, as written, and
prints each command's exit status and the report file the CI reads.

KIND is one of:
  gitlab     the `script:` lines of the GitLab CI job (the ```yaml block
             with `image:`), each with bash -e -o pipefail as GitLab's shell
             runs them, stopping at the first that fails; the job's
             `variables:` and NAME=VALUE (the CI variables GitLab would set,
             such as CI_MERGE_REQUEST_TARGET_BRANCH_NAME) in the
             environment. Prints the `codequality:` report's name.
  jenkins    each `sh '...'` step of the ```groovy block, with sh -e as
             Jenkins runs it. Prints the file the `junit` step reads.
  reviewdog  the async-lint side of the ```sh pipeline into reviewdog, its
             output written to PROJECT/reviewdog-input.rdjson (what reviewdog
             would read on its stdin).
Exits 1 if a command failed (the job would fail), else 0."""
import os
import re
import shlex
import subprocess
import sys

doc, kind, project = sys.argv[1:4]
env = dict(os.environ)
env.update(a.split("=", 1) for a in sys.argv[4:])
text = open(doc, encoding="utf-8").read()


def block(lang, marker):
    """The first ```lang block of the document that contains marker."""
    for body in re.findall(r"```%s\n(.*?)```" % lang, text, re.S):
        if marker in body:
            return body
    sys.exit("no ```%s block with %r in %s" % (lang, marker, doc))


def run(label, argv, **kw):
    status = subprocess.run(argv, cwd=project, env=env, **kw).returncode
    print("%s: exit %d" % (label, status), flush=True)
    return status


failed = False
if kind == "gitlab":
    job = block("yaml", "image:")
    variables = re.search(r"\n  variables:\n((?:    .*\n)+)", job).group(1)
    for name, value in re.findall(r"^    (\w+): (.*?)(?:\s+#.*)?$", variables, re.M):
        env.setdefault(name, value.strip('"'))
    script = re.search(r"\n  script:\n((?:    - .*\n)+)", job).group(1)
    for line in re.findall(r"^    - (.*)$", script, re.M):
        if run("script: " + line, ["bash", "-e", "-o", "pipefail", "-c", line]):
            failed = True
            break
    print("codequality report: " + re.search(r"codequality: (\S+)", job).group(1))
elif kind == "jenkins":
    stage = block("groovy", "stage(")
    for command in re.findall(r"^\s*sh '(.*)'$", stage, re.M):
        failed |= run("sh: " + command, ["sh", "-e", "-c", command]) != 0
    print("junit reads: " + re.search(r"junit testResults: '([^']+)'", stage).group(1))
elif kind == "reviewdog":
    pipeline = block("sh", "reviewdog").strip()
    lint, reviewdog = [p.strip() for p in pipeline.split("|", 1)]
    with open(os.path.join(project, "reviewdog-input.rdjson"), "w") as out:
        status = run("async-lint: " + lint, ["bash", "-c", lint], stdout=out)
    print("reviewdog: " + " ".join(shlex.split(reviewdog)[1:]))
    # In the pipeline async-lint's status is not the job's: reviewdog's is.
    failed = status not in (0, 1)
else:
    sys.exit("unknown recipe " + kind)
sys.exit(1 if failed else 0)
