#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""prepend_lines.py N FILE...: inserts N comment lines at the top of each FILE."""
import sys

count = int(sys.argv[1])
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as f:
        text = f.read()
    with open(name, "w", encoding="utf-8") as f:
        f.write("".join("// inserted line %d\n" % (i + 1) for i in range(count)))
        f.write(text)
