#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check_ci_report.py FORMAT REPORT FINDINGS [CLEAN_FILES]

Checks that REPORT (gitlab, junit or rdjson) has the shape its consumer
reads -- GitLab's Code Quality widget, a JUnit viewer, reviewdog -- and
holds FINDINGS findings, with every path relative to the project root.
For junit, CLEAN_FILES is how many files pass. Prints what is wrong and
exits 1, or exits 0.
"""
import json
import sys
import xml.etree.ElementTree as ET

fmt, path, findings = sys.argv[1], sys.argv[2], int(sys.argv[3])
problems = []


def need(condition, what):
    if not condition:
        problems.append(what)


def relative(p):
    return isinstance(p, str) and p and not p.startswith("/")


if fmt == "gitlab":
    issues = json.load(open(path, encoding="utf-8"))
    need(isinstance(issues, list), "not a JSON array")
    need(len(issues) == findings, "%d issues, expected %d" % (len(issues), findings))
    fingerprints = set()
    for i in issues:
        for key in ("description", "check_name", "fingerprint", "severity"):
            need(isinstance(i.get(key), str) and i[key], "issue without %s" % key)
        need(i.get("severity") in ("info", "minor", "major", "critical", "blocker"),
             "bad severity %r" % i.get("severity"))
        need(relative(i["location"]["path"]), "bad path %r" % i["location"]["path"])
        need(i["location"]["lines"]["begin"] >= 1, "bad line")
        fingerprints.add(i["fingerprint"])
    need(len(fingerprints) == len(issues), "fingerprints are not unique")
elif fmt == "junit":
    root = ET.parse(path).getroot()
    need(root.tag == "testsuites", "root is %s" % root.tag)
    cases = list(root.iter("testcase"))
    failures = [c for c in cases if c.find("failure") is not None]
    need(len(failures) == findings, "%d failures, expected %d" % (len(failures), findings))
    need(int(root.get("failures")) == findings, "testsuites failures=%s" % root.get("failures"))
    need(int(root.get("tests")) == len(cases), "testsuites tests=%s" % root.get("tests"))
    clean = len(cases) - len(failures)
    if len(sys.argv) > 4:
        need(clean == int(sys.argv[4]), "%d passing cases, expected %s" % (clean, sys.argv[4]))
    for suite in root.iter("testsuite"):
        need(relative(suite.get("name")), "bad suite name %r" % suite.get("name"))
        mine = suite.findall("testcase")
        need(int(suite.get("tests")) == len(mine), "suite tests=%s" % suite.get("tests"))
        need(int(suite.get("failures")) == sum(c.find("failure") is not None for c in mine),
             "suite failures=%s" % suite.get("failures"))
    for case in failures:
        failure = case.find("failure")
        need(failure.get("message") and failure.get("type"), "failure without message or type")
        need(failure.text and case.get("classname") in failure.text, "failure text without its file")
elif fmt == "rdjson":
    report = json.load(open(path, encoding="utf-8"))
    need(report["source"]["name"] == "async-lint", "source name")
    diagnostics = report["diagnostics"]
    need(len(diagnostics) == findings, "%d diagnostics, expected %d" % (len(diagnostics), findings))
    for d in diagnostics:
        need(d["message"], "diagnostic without message")
        need(relative(d["location"]["path"]), "bad path %r" % d["location"]["path"])
        need(d["location"]["range"]["start"]["line"] >= 1, "bad line")
        need(d["severity"] in ("ERROR", "WARNING", "INFO"), "bad severity")
        need(d["code"]["value"] and d["code"]["url"], "code without value or url")
        for s in d.get("suggestions", []):
            start, end = s["range"]["start"], s["range"]["end"]
            need((start["line"], start["column"]) <= (end["line"], end["column"]),
                 "suggestion range ends before it starts")
            need("text" in s, "suggestion without text")
        for r in d.get("related_locations", []):
            need(r["message"] and relative(r["location"]["path"]), "bad related location")
else:
    problems.append("unknown format " + fmt)

if problems:
    print("\n".join(problems))
    sys.exit(1)
