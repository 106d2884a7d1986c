#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Feeds an LSP stream through a filter command and prints what came out.

  lsp_stream.py CASES.json -- FILTER-COMMAND...

CASES.json is a list; each item is either a JSON-RPC message (sent framed
with Content-Length, compact, or indented when the item is wrapped as
{"pretty": MESSAGE}) or {"raw": TEXT} (sent as is). The whole stream is
written at once, then standard input is closed. Prints each piece of the
output on its own line: "message: " + the body as it came (newlines shown as
"\\n"), or "raw: " + the bytes outside any message.
"""

import json
import subprocess
import sys


def frame(body):
    data = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def main():
    cases_path = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1:]
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)
    stream = b""
    for case in cases:
        if "raw" in case:
            stream += case["raw"].encode("utf-8")
        elif "pretty" in case:
            stream += frame(json.dumps(case["pretty"], indent=2))
        else:
            stream += frame(json.dumps(case, separators=(",", ":")))
    out = subprocess.run(command, input=stream, stdout=subprocess.PIPE,
                         check=True).stdout
    while out:
        if out.lower().startswith(b"content-length:") and b"\r\n\r\n" in out:
            header, rest = out.split(b"\r\n\r\n", 1)
            length = int(header.split(b"\r\n")[0].split(b":")[1])
            if len(rest) >= length:
                body = rest[:length].decode("utf-8")
                print("message: " + body.replace("\n", "\\n"))
                if b"\r\n" in header:
                    print("  headers: " + header.decode().replace("\r\n", " | "))
                out = rest[length:]
                continue
        end = out.find(b"Content-Length", 1)
        piece, out = (out, b"") if end < 0 else (out[:end], out[end:])
        print("raw: " + piece.decode("utf-8").replace("\n", "\\n")
              .replace("\r", "\\r"))


if __name__ == "__main__":
    main()
