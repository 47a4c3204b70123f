"""Headless Chromium driven over the DevTools protocol, for what ``--dump-dom`` cannot
show: where a page is scrolled, what its address became, where an element is drawn.

The protocol runs over a pipe (``--remote-debugging-pipe``: commands on the browser's
file descriptor 3, replies on 4, each a JSON message ended by a NUL byte), so nothing
listens on a port and no package beyond the standard library is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from conftest import missing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Page:
    """One page in its own headless Chromium, closed with the ``with`` block."""

    def __init__(self, url: str, profile: Path, width: int = 1000, height: int = 700) -> None:
        if CHROMIUM is None:
            missing("chromium is needed to check the HTML pages; .ci/run installs it")
        commands, self._to_browser = os.pipe()
        self._from_browser, replies = os.pipe()

        def at_3_and_4() -> None:
            # Moved out of the way first, so that neither lands on the other.
            high = [os.dup(commands), os.dup(replies)]
            os.dup2(high[0], 3, inheritable=True)
            os.dup2(high[1], 4, inheritable=True)

        self._process = subprocess.Popen(
            [
                CHROMIUM,
                *FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=at_3_and_4,  # only dup2 runs in the child: nothing that could lock
            close_fds=False,
        )
        os.close(commands)
        os.close(replies)
        self._next = 0
        self._buffer = b""
        target = self._call("Target.getTargets")["targetInfos"]
        (page,) = [t["targetId"] for t in target if t["type"] == "page"]
        self._session = self._call("Target.attachToTarget", targetId=page, flatten=True)[
            "sessionId"
        ]
        self._call("Page.enable", session=True)
        # The viewport itself, not the window around it, is width by height.
        self._call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self._call("Page.navigate", session=True, url=url)
        self.wait_for("document.readyState === 'complete'")

    def _send(self, method: str, session: bool, params: dict[str, Any]) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next

    def _call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        wanted = self._send(method, session, params)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed its pipe")
                self._buffer += chunk
            message, _, self._buffer = self._buffer.partition(b"\0")
            reply = json.loads(message)
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply["result"])
        raise TimeoutError(method)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self._call(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait_for(self, condition: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not self.evaluate(condition):
            if time.monotonic() > deadline:
                raise TimeoutError(condition)
            time.sleep(0.05)
        # Two frames more, so that a scroll the page asked for on load has happened.
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._process.terminate()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
