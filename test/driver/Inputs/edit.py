#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""edit.py append FILE TEXT | replace FILE OLD NEW | touch FILE |
junk DIR | big FILE MIB | race OUT1 OUT2 -- COMMAND...

Small file edits for the driver tests, the same on every platform:
  append   adds TEXT (and a newline) at the end of FILE;
  replace  replaces every OLD with NEW in FILE (fails when there is none);
  touch    sets FILE's modification time to now + 10 s without changing it;
  junk     overwrites every .json file under DIR with bytes that are not
           JSON (a corrupted cache);
  big      writes FILE of MIB mebibytes, dated a day ago (an old entry);
  race     runs COMMAND twice at once, each one's stdout to OUT1 / OUT2.
"""
import os
import subprocess
import sys
import time

cmd = sys.argv[1]
if cmd == "append":
    with open(sys.argv[2], "a") as f:
        f.write(sys.argv[3] + "\n")
elif cmd == "replace":
    path, old, new = sys.argv[2:5]
    text = open(path).read()
    if old not in text:
        sys.exit("edit.py: %r not in %s" % (old, path))
    open(path, "w").write(text.replace(old, new))
elif cmd == "touch":
    later = time.time() + 10
    os.utime(sys.argv[2], (later, later))
elif cmd == "junk":
    for root, _, files in os.walk(sys.argv[2]):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(root, name), "wb") as f:
                    f.write(b"\x00{not json")
elif cmd == "big":
    path = sys.argv[2]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b" " * (int(sys.argv[3]) << 20))
    old = time.time() - 86400
    os.utime(path, (old, old))
elif cmd == "race":
    out1, out2 = sys.argv[2:4]
    command = sys.argv[sys.argv.index("--") + 1:]
    with open(out1, "w") as f1, open(out2, "w") as f2:
        procs = [subprocess.Popen(command, stdout=f1),
                 subprocess.Popen(command, stdout=f2)]
        codes = [p.wait() for p in procs]
    sys.exit(max(codes))
else:
    sys.exit("edit.py: unknown command %s" % cmd)
