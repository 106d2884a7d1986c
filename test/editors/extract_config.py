#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""extract_config.py DOC MARKER BINARY: prints the first fenced code block of
DOC (docs/editors.md) that contains MARKER, with the path the docs give for
async-clangd, /usr/bin/async-clangd, replaced by BINARY (the one under test).
The editor tests run the configuration exactly as documented."""
import re
import sys

doc, marker, binary = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
for block in re.findall(r"^ *```[a-z]*\n(.*?)^ *```", text, re.S | re.M):
    if marker in block:
        if "/usr/bin/async-clangd" not in block:
            sys.exit("extract_config: the block with %r does not name "
                     "/usr/bin/async-clangd" % marker)
        # Blocks inside list items are indented; so is every line of them.
        lines = block.split("\n")
        indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()),
                     default=0)
        print("\n".join(l[indent:] for l in lines).rstrip("\n")
              .replace("/usr/bin/async-clangd", binary))
        sys.exit(0)
sys.exit("extract_config: no code block in %s contains %r" % (doc, marker))
