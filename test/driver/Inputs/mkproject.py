#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""mkproject.py [--fixture NAME] DEST [INPUTS]: a fresh copy of a fixture
project in DEST.

Copies test/driver/Inputs/NAME (default: project) to DEST (replacing it) and writes its
compile_commands.json with DEST's absolute path and the mock headers'
directory INPUTS. Also makes DEST a git repository with one commit, so that
--changed-since and the project root have something to work with.
"""
import os
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
fixture = "project"
if len(sys.argv) > 1 and sys.argv[1].startswith("--fixture="):
    fixture = sys.argv.pop(1).split("=", 1)[1]
dest = os.path.abspath(sys.argv[1])
inputs = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "Inputs")
inputs = os.path.abspath(inputs)
shutil.rmtree(dest, ignore_errors=True)
shutil.copytree(os.path.join(here, fixture), dest)
template = os.path.join(dest, "compile_commands.json.in")
with open(template) as f:
    text = f.read().replace("@ROOT@", dest).replace("@INPUTS@", inputs)
os.remove(template)
with open(os.path.join(dest, "compile_commands.json"), "w") as f:
    f.write(text)
git = ["git", "-C", dest, "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
with open(os.path.join(dest, ".gitignore"), "w") as f:
    f.write("compile_commands.json\n*.sarif\n*.json.out\n")
subprocess.run(git + ["add", "-A"], check=True)
subprocess.run(git + ["commit", "-q", "-m", "fixture"], check=True)
