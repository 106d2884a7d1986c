#!/usr/bin/env python3
"""Drives a clangd binary over LSP (stdio) and prints what an editor would see.

  lsp_check.py --clangd BIN --file SRC [--flag F]... [--checks GLOB]

Copies SRC into a fresh workspace with compile_flags.txt (the --flag values)
and a .clangd that enables GLOB, then: initialize, didOpen, wait for
publishDiagnostics; for every diagnostic print a line

  diagnostic L:C-L:C CODE SEVERITY MESSAGE
    link HREF|none

(1-based lines and columns), then request textDocument/codeAction for the
diagnostic's range and print, for each action that carries an edit,

    action [preferred] TITLE
      => LINE-NUMBER: TEXT-OF-THE-EDITED-LINE

with the edited document's lines that differ from the original. Exits
non-zero (with the server's stderr) on a protocol error or a timeout.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import queue

TIMEOUT = 120


class Server:
    def __init__(self, cmd, cwd):
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.stderr = []
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put(json.loads(body))

    def send(self, message):
        data = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate):
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT)
            except queue.Empty:
                self.fail("timed out waiting for the server")
            if message is None:
                self.fail("the server exited")
            if "method" in message and "id" in message:
                # A request from the server (e.g. workDoneProgress/create).
                self.send({"jsonrpc": "2.0", "id": message["id"],
                           "result": None})
                continue
            if predicate(message):
                if "error" in message:
                    self.fail("error response: %s" % message["error"])
                return message

    def fail(self, why):
        sys.stderr.write("lsp_check: %s\n%s" % (why, "".join(self.stderr)))
        self.proc.kill()
        sys.exit(1)

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=30)
        except Exception:  # noqa: BLE001 - shutting down is best effort
            self.proc.kill()


def apply_edits(text, edits):
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(pos):
        return offsets[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]),
                       reverse=True):
        start = offset(edit["range"]["start"])
        end = offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--flag", action="append", default=[])
    parser.add_argument("--checks", default="async-*")
    args = parser.parse_args()

    workspace = tempfile.mkdtemp(prefix="lsp_check.")
    try:
        name = os.path.basename(args.file)
        path = os.path.join(workspace, name)
        shutil.copy(args.file, path)
        with open(os.path.join(workspace, "compile_flags.txt"), "w") as f:
            f.write("\n".join(args.flag) + "\n")
        with open(os.path.join(workspace, ".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    Add: [%s]\n"
                    "    FastCheckFilter: None\n" % args.checks)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        uri = "file://" + path

        server = Server([args.clangd, "--log=error", "--background-index=false",
                         "--enable-config"], workspace)
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": "file://" + workspace,
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"codeDescriptionSupport": True,
                                           "relatedInformation": True},
                    "codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix"]}},
                        "isPreferredSupport": True},
                },
            },
        })
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        published = server.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri)
        diagnostics = published["params"]["diagnostics"]
        severities = {1: "error", 2: "warning", 3: "info", 4: "hint"}
        for diag in sorted(diagnostics, key=lambda d: (
                d["range"]["start"]["line"], d["range"]["start"]["character"])):
            r = diag["range"]
            print("diagnostic %d:%d-%d:%d %s %s %s" % (
                r["start"]["line"] + 1, r["start"]["character"] + 1,
                r["end"]["line"] + 1, r["end"]["character"] + 1,
                diag.get("code", "-"), severities.get(diag.get("severity"), "?"),
                diag["message"].replace("\n", " | ")))
            print("  link %s" % diag.get("codeDescription", {}).get("href",
                                                                     "none"))
            response = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": r,
                "context": {"diagnostics": [diag], "only": ["quickfix"]}})
            for action in response.get("result") or []:
                edit = action.get("edit")
                if not edit:
                    continue
                edits = edit.get("changes", {}).get(uri, [])
                for change in edit.get("documentChanges", []):
                    if change.get("textDocument", {}).get("uri") == uri:
                        edits += change["edits"]
                print("  action%s %s" % (
                    " [preferred]" if action.get("isPreferred") else "",
                    action["title"]))
                fixed = apply_edits(text, edits).split("\n")
                original = text.split("\n")
                for number, line in enumerate(fixed, 1):
                    if number > len(original) or original[number - 1] != line:
                        print("    => %d: %s" % (number, line.strip()))
        server.close()
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
