#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check_html_report.py REPORT.html REPORT.json SCREENSHOT.png

Loads REPORT.html (async-lint --format html) in headless Chromium, in a
400x900 phone-sized window, and checks what a reader sees against
REPORT.json (the same run's findings, --format json):

- the page loads with no console error, uncaught exception or blocked
  request (it is self-contained: nothing may be fetched);
- it shows every finding, in order, with its message and place, and each
  finding's notes as its chain steps, in order, each with its code line;
- the page does not scroll sideways (long lines scroll inside their box);
- unticking a check hides exactly its findings, "All" shows them again;
- a screenshot of the narrow window is a non-empty PNG (SCREENSHOT).

It speaks the DevTools protocol over --remote-debugging-pipe (NUL-separated
JSON on file descriptors 3 and 4), so it needs only the standard library.
Prints what is wrong and exits 1, or exits 0.
"""
import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time

html_path, json_path, png_path = sys.argv[1:4]
findings = json.load(open(json_path, encoding="utf-8"))
TIMEOUT = 60


class Browser:
    def __init__(self, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def remap():  # in the child: the pipe ends become fds 3 and 4
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            ["chromium", "--headless=new", "--disable-gpu", "--no-sandbox",
             "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            close_fds=False, preexec_fn=remap)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT

    def receive(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise RuntimeError("Chromium did not answer in %ds" % TIMEOUT)
            chunk = os.read(self.from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method):
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self.receive())

    def evaluate(self, session, expression):
        result = self.send("Runtime.evaluate", session, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: %s" % result["exceptionDetails"])
        return result["result"]["value"]

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# What the page shows, read from the DOM after load.
READ_PAGE = """(() => {
  const text = (e) => e ? e.textContent : null;
  return {
    findings: [...document.querySelectorAll('article.finding')].map((f) => ({
      check: f.getAttribute('data-check'),
      where: text(f.querySelector('h3 .where')),
      message: text(f.querySelector('h3 .message')),
      hit: text(f.querySelector(':scope > pre.source .hit')),
      steps: [...f.querySelectorAll('ol.chain > li.step')].map((s) => ({
        where: text(s.querySelector('.where')),
        message: text(s.querySelector('.note')),
        code: text(s.querySelector('pre.source')),
      })),
      visible: f.getClientRects().length > 0,
    })),
    checks: [...document.querySelectorAll('input.check-filter')].map((b) => b.value),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
})()"""

TOGGLE = """(() => {
  const box = [...document.querySelectorAll('input.check-filter')]
      .find((b) => b.value === %s);
  box.click();
  const shown = [...document.querySelectorAll('article.finding')]
      .filter((f) => f.getClientRects().length > 0);
  const result = {shown: shown.map((f) => f.getAttribute('data-check')),
                  counter: document.getElementById('shown').textContent};
  document.getElementById('all').click();
  result.after = [...document.querySelectorAll('article.finding')]
      .filter((f) => f.getClientRects().length > 0).length;
  return result;
})()"""


def problems_of(browser):
    problems = []
    need = lambda ok, what: ok or problems.append(what)
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target,
                           flatten=True)["sessionId"]
    for domain in ("Runtime", "Log", "Page"):
        browser.send(domain + ".enable", session)
    browser.send("Emulation.setDeviceMetricsOverride", session, width=400,
                 height=900, deviceScaleFactor=1, mobile=True)
    browser.send("Page.navigate", session,
                 url="file://" + os.path.abspath(html_path))
    browser.wait_for("Page.loadEventFired")
    page = browser.evaluate(session, READ_PAGE)

    shown = page["findings"]
    need(len(shown) == len(findings),
         "%d findings on the page, %d in the json report" % (len(shown), len(findings)))
    for f, s in zip(findings, shown):
        where = "%s:%d:%d" % (f["file"], f["line"], f["column"])
        need(s["visible"], "%s is not visible" % where)
        need((s["check"], s["where"], s["message"]) == (f["check"], where, f["message"]),
             "finding %s %r shown as %s %r" % (where, f["message"], s["where"], s["message"]))
        need(s["hit"] is not None and s["hit"].strip(),
             "%s: no marked source line" % where)
        need(len(s["steps"]) == len(f["notes"]),
             "%s: %d chain steps, %d notes" % (where, len(s["steps"]), len(f["notes"])))
        for n, step in zip(f["notes"], s["steps"]):
            at = "%s:%d:%d" % (n["file"], n["line"], n["column"])
            need((step["where"], step["message"]) == (at, n["message"]),
                 "%s: step %r %r, note %r %r" % (where, step["where"], step["message"],
                                                 at, n["message"]))
            need(step["code"] and step["code"].strip(), "%s: step %s without code" % (where, at))
    need(page["scrollWidth"] <= page["innerWidth"],
         "the page scrolls sideways: %d pixels wide in a %d-pixel window"
         % (page["scrollWidth"], page["innerWidth"]))

    # The filter: unticking the first check hides its findings only.
    if page["checks"]:
        check = page["checks"][0]
        toggled = browser.evaluate(session, TOGGLE % json.dumps(check))
        others = [f["check"] for f in findings if f["check"] != check]
        need(toggled["shown"] == others,
             "unticking %s shows %s" % (check, toggled["shown"]))
        need(toggled["counter"] == str(len(others)),
             "the counter says %s shown, not %d" % (toggled["counter"], len(others)))
        need(toggled["after"] == len(findings), "'All' shows %d" % toggled["after"])

    png = base64.b64decode(browser.send("Page.captureScreenshot", session,
                                        format="png")["data"])
    with open(png_path, "wb") as out:
        out.write(png)
    need(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000,
         "the screenshot is not a PNG")

    # Every console message, exception and log entry of the load: errors
    # fail (a blocked fetch, a script error), and so do warnings.
    for e in browser.events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            problems.append("exception: %s" % details.get("exception", {}).get(
                "description", details["text"]))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
            problems.append("console %s: %s" % (params["type"], params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            problems.append("log %s: %s" % (params["entry"]["level"], params["entry"]["text"]))
    return problems


with tempfile.TemporaryDirectory() as profile:
    browser = Browser(profile)
    try:
        problems = problems_of(browser)
    except RuntimeError as e:
        browser.log.seek(0)
        problems = [str(e), browser.log.read().decode(errors="replace")[-4000:]]
    finally:
        browser.close()

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok: %d findings shown" % len(findings))
