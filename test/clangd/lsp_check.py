#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Opens a C++ file in async-clangd over LSP and prints what an editor sees.

How to write the LSP test of a check: one file per check,
test/clangd/<check>.cpp, with the code and, after each finding, what the
editor must show for it:

    // RUN: %lsp-check %s | %FileCheck %s
    #include <cppcoro/task.hpp>          // mock headers from test/Inputs
    // CHECK: published 1 diagnostics
    cppcoro::task<int> fetch();
    cppcoro::task<> user() {
      fetch();
      co_return;
    }
    // CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:10 async-foo warning Message (fix available)
    // CHECK-NEXT: link <docs>/async-foo.md
    // CHECK-NEXT: action [preferred] insert 'co_await '
    // CHECK-NEXT: => [[@LINE-6]]: co_await fetch();
    // CHECK-NEXT: end

  - The output starts with "published N diagnostics" and ends with "end".
    Match the first with CHECK: and every other line with CHECK-NEXT:, so
    that any extra finding, note or action, or a missing [preferred], fails.
  - Every diagnostic, in source order, prints

      diagnostic L:C-L:C CODE SEVERITY MESSAGE   (1-based, end exclusive;
                                                  clangd capitalises the
                                                  message and appends
                                                  "(fix available)")
        link <docs>/CHECK.md       (the docs page async-clangd links to)
        note L:C-L:C MESSAGE       (each note without a fix: related info)
        action [preferred] TITLE   (each quick-fix; a fix carried by a note
                                    is an action titled with the note's
                                    message, never [preferred])
          => N: TEXT               (each line of the file after applying the
                                    action's edit that differs from before;
                                    "deleted N: TEXT" for removed lines)

  - Directives in the test file change the set-up:
      // LSP-FLAGS: -DFOO -Iinclude   more compile flags (the defaults are
                                      -std=c++20 -isystem test/Inputs)
      // LSP-CHECKS: async-foo        the checks to enable (default async-*)
      // LSP-CLANG-TIDY: CheckOptions: {async-foo.Opt: 'x'}
                                      a line of the workspace's .clang-tidy
  - With --project DIR the file is opened in place, in DIR, whose
    compile_commands.json gives the flags (for findings that need the rest
    of a project, such as the link step's).

For every diagnostic this script also asserts, and fails (exit 1, with a
message) when it does not hold:
  - textDocument/codeAction requested the way an editor does when the cursor
    is on the finding (the diagnostic's range, every published diagnostic
    that overlaps it as context, no kind filter) returns the same quick-fixes
    for it: same titles, preference and edits;
  - the fixes clangd embeds in the diagnostic (its codeActionsInline
    extension) are the same too;
  - each edit applies to the file as opened;
  - a file:// documentation link names a file that exists.
"""

import argparse
import difflib
import json
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

TIMEOUT = 120
DIRECTIVE = re.compile(r"^\s*//\s*LSP-(FLAGS|CHECKS|CLANG-TIDY):\s?(.*)$")
SEVERITIES = {1: "error", 2: "warning", 3: "info", 4: "hint"}


class Failure(Exception):
    pass


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
                raise Failure("timed out waiting for the server")
            if message is None:
                raise Failure("the server exited")
            if "method" in message and "id" in message:
                # A request from the server (e.g. workDoneProgress/create).
                self.send({"jsonrpc": "2.0", "id": message["id"],
                           "result": None})
                continue
            if predicate(message):
                if "error" in message:
                    raise Failure("error response: %s" % message["error"])
                return message

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
        if pos["line"] >= len(lines) or pos["character"] > len(
                lines[pos["line"]]):
            raise Failure("edit position %s is outside the file" % pos)
        return offsets[pos["line"]] + pos["character"]

    ordered = sorted(edits, key=lambda e: offset(e["range"]["start"]),
                     reverse=True)
    for edit in ordered:
        start = offset(edit["range"]["start"])
        end = offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def edits_of(action, uri):
    edit = action.get("edit") or {}
    edits = list(edit.get("changes", {}).get(uri, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            edits += change["edits"]
    return edits


def summary(actions, uri):
    """What an editor shows and does: title, preference, edits."""
    return [(a["title"], bool(a.get("isPreferred")),
             json.dumps(sorted(edits_of(a, uri),
                               key=lambda e: json.dumps(e, sort_keys=True)),
                        sort_keys=True))
            for a in actions if a.get("kind") == "quickfix" and "edit" in a]


def overlaps(a, b):
    def key(pos):
        return (pos["line"], pos["character"])
    return key(a["start"]) <= key(b["end"]) and key(b["start"]) <= key(a["end"])


def same_diagnostic(a, b):
    # clangd identifies a diagnostic by its range and message.
    return a["range"] == b["range"] and a["message"] == b["message"]


def position(r):
    return "%d:%d-%d:%d" % (r["start"]["line"] + 1, r["start"]["character"] + 1,
                            r["end"]["line"] + 1, r["end"]["character"] + 1)


def describe_link(diag, docs_base):
    href = diag.get("codeDescription", {}).get("href")
    code = str(diag.get("code", ""))
    if href and href.startswith("file://"):
        path = urllib.parse.unquote(href[len("file://"):])
        if not os.path.exists(path):
            raise Failure("link %s names no file" % href)
    if not code.startswith("async-"):
        return href or "none"
    if not docs_base:
        return "<docs>/%s.md: none, as configured" % code if not href else (
            "%s (expected none)" % href)
    expected = docs_base + code + ".md"
    if href and urllib.parse.unquote(href) == expected:
        return "<docs>/%s.md" % code
    return href or "none"


def print_changes(original, fixed):
    before = original.split("\n")
    after = fixed.split("\n")
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for number in range(b1, b2):
            print("    => %d: %s" % (number + 1, after[number].strip()))
        if op == "delete":
            for number in range(a1, a2):
                print("    deleted %d: %s" % (number + 1,
                                              before[number].strip()))


def read_directives(text):
    flags, checks, tidy = [], None, []
    for line in text.split("\n"):
        match = DIRECTIVE.match(line)
        if not match:
            continue
        kind, value = match.groups()
        if kind == "FLAGS":
            flags += shlex.split(value)
        elif kind == "CHECKS":
            checks = value.strip()
        else:
            tidy.append(value)
    return flags, checks, tidy


def run(args):
    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    extra_flags, checks, tidy_lines = read_directives(text)
    flags = ["-std=c++20"]
    if args.inputs:
        flags += ["-isystem", args.inputs]
    flags += args.flag + extra_flags
    checks = args.checks or checks or "async-*"

    # --project: the file is opened where it is, in a project whose
    # compile_commands.json gives its flags; otherwise in a scratch
    # workspace with compile_flags.txt.
    workspace = args.project or tempfile.mkdtemp(prefix="lsp_check.")
    server = None
    try:
        if args.project:
            path = os.path.abspath(args.file)
        else:
            path = os.path.join(workspace, os.path.basename(args.file))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(workspace, "compile_flags.txt"), "w") as f:
                f.write("\n".join(flags) + "\n")
        if args.config_from:
            # The project's own configuration files (e.g. from
            # `async-lint init`), as they are.
            for name in (".clangd", ".clang-tidy"):
                source = os.path.join(args.config_from, name)
                if os.path.exists(source):
                    shutil.copy(source, os.path.join(workspace, name))
        else:
            with open(os.path.join(workspace, ".clangd"), "w") as f:
                f.write("Diagnostics:\n  ClangTidy:\n    Add: [%s]\n"
                        "    FastCheckFilter: None\n" % checks)
        if tidy_lines:
            with open(os.path.join(workspace, ".clang-tidy"), "w") as f:
                f.write("\n".join(tidy_lines) + "\n")
        uri = "file://" + urllib.parse.quote(path)

        server = Server([args.clangd, "--log=error",
                         "--background-index=false", "--enable-config"],
                        workspace)
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": "file://" + urllib.parse.quote(workspace),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"codeDescriptionSupport": True,
                                           "relatedInformation": True,
                                           "codeActionsInline": True},
                    "codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": [
                            "quickfix", "refactor", "info"]}},
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
        print("published %d diagnostics" % len(diagnostics))
        for diag in sorted(diagnostics, key=lambda d: (
                d["range"]["start"]["line"], d["range"]["start"]["character"],
                d["message"])):
            r = diag["range"]
            print("diagnostic %s %s %s %s" % (
                position(r), diag.get("code", "-"),
                SEVERITIES.get(diag.get("severity"), "?"),
                diag["message"].replace("\n", " | ")))
            print("  link %s" % describe_link(diag, args.docs_base))
            for note in diag.get("relatedInformation", []):
                where = position(note["location"]["range"])
                if note["location"]["uri"] != uri:
                    where = "%s:%s" % (os.path.basename(
                        note["location"]["uri"]), where)
                print("  note %s %s" % (where, note["message"]))

            # The quick-fixes of this diagnostic, asked for by it.
            response = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": r,
                "context": {"diagnostics": [diag], "only": ["quickfix"]}})
            actions = response.get("result") or []
            for action in actions:
                if action.get("kind") != "quickfix" or "edit" not in action:
                    continue
                print("  action%s %s" % (
                    " [preferred]" if action.get("isPreferred") else "",
                    action["title"]))
                print_changes(text, apply_edits(text, edits_of(action, uri)))
            mine = summary(actions, uri)

            # The same, asked for the way an editor does with the cursor on
            # the finding.
            context = [d for d in diagnostics if overlaps(d["range"], r)]
            response = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": r,
                "context": {"diagnostics": context}})
            by_range = summary([a for a in response.get("result") or []
                                if any(same_diagnostic(d, diag)
                                       for d in a.get("diagnostics", []))],
                               uri)
            if by_range != mine:
                raise Failure("the code actions requested for %s differ:\n"
                              "  for the diagnostic: %s\n  for the range: %s"
                              % (position(r), mine, by_range))
            inline = summary(diag.get("codeActions", []), uri)
            if inline != mine:
                raise Failure("the fixes embedded in the diagnostic at %s "
                              "differ:\n  requested: %s\n  embedded: %s"
                              % (position(r), mine, inline))
        print("end")
    except Failure as failure:
        sys.stderr.write("lsp_check: %s\n" % failure)
        if server:
            sys.stderr.write("".join(server.stderr))
            server.proc.kill()
        return 1
    finally:
        if not args.project:
            shutil.rmtree(workspace, ignore_errors=True)
    server.close()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--inputs", help="mock headers, added with -isystem")
    parser.add_argument("--docs-base", default="",
                        help="the docs base URL async-clangd was built with")
    parser.add_argument("--flag", action="append", default=[],
                        help="a further compile flag")
    parser.add_argument("--checks", help="overrides LSP-CHECKS")
    parser.add_argument("--project", metavar="DIR",
                        help="open --file in place, in the project DIR with "
                        "its compile_commands.json (a .clangd is written "
                        "there)")
    parser.add_argument("--config-from", metavar="DIR",
                        help="use DIR's .clangd and .clang-tidy instead of "
                        "writing a .clangd that enables the checks")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
