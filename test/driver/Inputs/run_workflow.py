#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""run_workflow.py DOC PROJECT BASE_REF: runs the async-lint steps of the
GitHub Actions workflow in DOC (the first ```yaml block of docs/ci.md) in
PROJECT, as GitHub would: each `run: |` block that calls async-lint, with
bash -e, `${{ github.base_ref }}` replaced by BASE_REF. Prints each step's
name and exit status; exits non-zero if a step failed."""
import re
import subprocess
import sys

doc, project, base_ref = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
workflow = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
steps = re.split(r"\n      - ", workflow)
failed = False
for step in steps:
    name = re.match(r"name: (.*)", step)
    block = re.search(r"run: \|\n((?:          .*\n?)+)", step)
    if not name or not block or "async-lint " not in block.group(1):
        continue
    script = "\n".join(l[10:] for l in block.group(1).splitlines())
    script = script.replace("${{ github.base_ref }}", base_ref)
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=project)
    print("step '%s': exit %d" % (name.group(1), proc.returncode))
    failed |= proc.returncode != 0
sys.exit(1 if failed else 0)
