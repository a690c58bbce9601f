"""The review report in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium comes from the Debian package (``.ci/run`` installs it). It is driven through
``--remote-debugging-pipe`` — JSON messages on file descriptors 3 and 4 — so the test needs no
WebDriver, no websocket library and nothing downloaded. A batch runs over ``examples/releases``
plus an unreadable file and a release whose text holds ``<script>`` and a remote image, with the
synthetic (random-weight) packages of ``conftest.py``.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_flags import CODES, write_flagged_batch
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.report import write_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "releases"
# English, so that it is summarised rather than translated by the random-weight packages and
# its page shows the document's blocks whatever those packages make of French.
INJECTED = (
    "# Plant news <script>window.__pwned = 1</script>\n\n"
    "The carmaker unveiled its new electric saloon in Paris on Tuesday "
    '<img src="https://example.com/pixel.png" onerror="window.__pwned = 2">.\n\n'
    "The 94 kWh battery charges in thirty minutes at a fast charger. "
    "Production will start in the spring at the Busan plant.\n\n"
    "Contact: press@example.com\n"
)


def _find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError(
        "headless Chromium is needed for the report tests: install the Debian package with "
        "`apt-get install chromium` (.ci/run does this)"
    )


class Chromium:
    """A headless Chromium and a DevTools session on one page, over a pipe."""

    def __init__(self, profile: Path) -> None:
        # Chromium reads commands on fd 3 and writes replies on fd 4; keep our ends above both.
        commands_read, commands_write = (_high(fd) for fd in os.pipe())
        replies_read, replies_write = (_high(fd) for fd in os.pipe())

        def wire_fds() -> None:
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        self.process = subprocess.Popen(
            [
                _find_chromium(),
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_fds,  # before any thread of ours starts
        )
        os.close(commands_read)
        os.close(replies_write)
        self._out = os.fdopen(commands_write, "wb", buffering=0)
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, args=(replies_read,), daemon=True)
        self._reader.start()
        self.session = ""
        target = self.call("Target.createTarget", url="about:blank", session=None)["targetId"]
        self.session = self.call(
            "Target.attachToTarget", targetId=target, flatten=True, session=None
        )["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def _read(self, fd: int) -> None:
        buffer = b""
        with os.fdopen(fd, "rb", buffering=0) as stream:
            while chunk := stream.read(65536):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                for raw in messages:
                    message = json.loads(raw)
                    with self._lock:
                        if "id" in message and message["id"] in self._replies:
                            self._replies[message["id"]].put(message)
                        else:
                            self.events.append(message)

    def call(self, method: str, *, session: str | None = "", **params: Any) -> dict[str, Any]:
        with self._lock:
            self._next_id += 1
            number = self._next_id
            self._replies[number] = queue.Queue()
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session or self.session
        self._out.write(json.dumps(message).encode() + b"\0")
        reply = self._replies[number].get(timeout=60)
        assert "error" not in reply, f"{method}: {reply['error']}"
        result: dict[str, Any] = reply["result"]
        return result

    def open(self, path: Path, *, width: int = 1280, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 700,
        )
        loaded = len(self._events("Page.loadEventFired"))
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + 30
        while len(self._events("Page.loadEventFired")) == loaded:
            assert time.monotonic() < deadline, f"{path.name} did not load"
            time.sleep(0.02)

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in reply, reply["exceptionDetails"]
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        reply = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        path.write_bytes(base64.b64decode(reply["data"]))
        return path

    def requested_urls(self) -> list[str]:
        return [
            event["params"]["request"]["url"] for event in self._events("Network.requestWillBeSent")
        ]

    def _events(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [event for event in self.events if event.get("method") == method]

    def close(self) -> None:
        try:
            self.call("Browser.close", session=None)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            self._out.close()


def _high(fd: int) -> int:
    """``fd`` moved to a number above 10 (non-inheritable), so that dup2 onto 3 and 4 is safe."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Path:
    """A batch over the example releases, a binary file and a release holding markup."""
    inputs = tmp_path_factory.mktemp("inputs")
    for release in EXAMPLES.iterdir():
        shutil.copy(release, inputs / release.name)
    (inputs / "corrupt.txt").write_bytes(b"\x00\x01binary\xff" * 64)
    (inputs / "injected.md").write_text(INJECTED, encoding="utf-8")
    out = tmp_path_factory.mktemp("batch") / "out"
    result = CliRunner().invoke(
        app,
        [
            *("batch", str(inputs), "--out", str(out), "--report"),
            *("--models", str(models_dir), "--no-cache"),
        ],
    )
    assert result.exit_code == 1, result.output  # the binary file fails
    assert (out / "report" / "index.html").exists()
    return out


def _release_ids(out: Path) -> list[str]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["id"] for line in lines]


def _has_brief(out: Path, doc_id: str) -> bool:
    return any((out / f"{doc_id}{suffix}").exists() for suffix in (".brief.json", ".json"))


def _brief_json(out: Path, doc_id: str) -> dict[str, Any]:
    for name in (f"{doc_id}.brief.json", f"{doc_id}.json"):
        if (out / name).exists():
            data: dict[str, Any] = json.loads((out / name).read_text(encoding="utf-8"))
            return data
    raise AssertionError(f"no brief JSON for {doc_id}")


def test_index_lists_every_release_with_problems_first(
    browser: Chromium, batch_out: Path, tmp_path: Path
) -> None:
    browser.open(batch_out / "report" / "index.html")
    ids = browser.evaluate(
        "[...document.querySelectorAll('#releases tbody tr')].map(r => r.dataset.id)"
    )
    expected = _release_ids(batch_out)
    assert sorted(ids) == sorted(expected)
    assert len(expected) == len(list(EXAMPLES.iterdir())) + 2
    statuses = browser.evaluate(
        "[...document.querySelectorAll('#releases tbody tr')].map(r => r.dataset.status)"
    )
    failed = statuses.count("failed")
    assert statuses[:failed] == ["failed"] * failed  # problems first
    assert "corrupt" in ids[:failed]
    status = browser.evaluate("document.querySelector('#releases tbody tr td').textContent")
    assert "failed" in status and "✗" in status  # a symbol, not just a colour
    shot = browser.screenshot(tmp_path / "index.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def test_index_sorts_by_a_column_with_the_inline_script(browser: Chromium, batch_out: Path) -> None:
    browser.open(batch_out / "report" / "index.html")
    browser.evaluate(
        "[...document.querySelectorAll('#releases thead th')].find("
        "th => th.textContent.includes('Source file')).querySelector('button').click()"
    )
    sources = browser.evaluate(
        "[...document.querySelectorAll('#releases tbody tr')].map(r => r.cells[2].textContent)"
    )
    assert sources == sorted(sources, key=str.lower)
    assert sources[0] != sorted(sources)[-1]
    header = browser.evaluate(
        "document.querySelector('#releases th[aria-sort=\"ascending\"]').textContent"
    )
    assert "Source file" in header


def test_release_page_shows_both_columns_and_every_glossary_hit(
    browser: Chromium, batch_out: Path, tmp_path: Path
) -> None:
    checked = 0
    for doc_id in _release_ids(batch_out):
        path = batch_out / "report" / "releases" / f"{doc_id}.html"
        data = _brief_json(batch_out, doc_id) if _has_brief(batch_out, doc_id) else {}
        if data.get("language") in (None, "en", "ko") or not data.get("blocks"):
            continue
        browser.open(path)
        columns = browser.evaluate(
            "[...document.querySelectorAll('#document-table thead th')].map(th => th.textContent)"
        )
        assert len(columns) == 3 and "French" in columns[1] and "English" in columns[2]
        rows = browser.evaluate("document.querySelectorAll('#document-table tbody tr').length")
        assert rows == len(data["blocks"])
        for key, report in data["glossary"].items():
            marks = browser.evaluate(
                f"document.querySelectorAll('mark.term:not(.target)[data-report={key}]').length"
            )
            found = browser.evaluate(
                f"document.querySelectorAll('mark.term.found[data-report={key}]').length"
            )
            assert (marks, found) == (report["expected"], report["found"]), (doc_id, key)
            table = browser.evaluate(
                f"[document.getElementById('compliance-{key}').dataset.expected,"
                f" document.getElementById('compliance-{key}').dataset.found]"
            )
            assert table == [str(report["expected"]), str(report["found"])]
        checked += 1
        browser.screenshot(tmp_path / f"{doc_id}.png")
    assert checked >= 2  # alpine-dieppe-electric, mobilize-recharge (and dacia when it has blocks)


def test_english_release_has_no_translation_column(browser: Chromium, batch_out: Path) -> None:
    english = [
        doc_id
        for doc_id in _release_ids(batch_out)
        if _has_brief(batch_out, doc_id) and _brief_json(batch_out, doc_id).get("language") == "en"
    ]
    assert english
    browser.open(batch_out / "report" / "releases" / f"{english[0]}.html")
    columns = browser.evaluate("document.querySelectorAll('#document-table thead th').length")
    assert columns == 2
    assert browser.evaluate("document.querySelectorAll('#briefs-table thead th').length") == 3


def test_failed_release_page_says_why(browser: Chromium, batch_out: Path) -> None:
    browser.open(batch_out / "report" / "releases" / "corrupt.html")
    error = browser.evaluate("document.querySelector('.problems .error').textContent")
    assert "binary" in error
    assert browser.evaluate("document.getElementById('document-table')") is None


def test_injected_markup_is_text_and_nothing_is_fetched(
    browser: Chromium, batch_out: Path, tmp_path: Path
) -> None:
    before = len(browser.requested_urls())
    browser.open(batch_out / "report" / "releases" / "injected.html")
    assert browser.evaluate("window.__pwned === undefined")
    assert browser.evaluate("document.querySelectorAll('script, img').length") == 0
    # The headline is plain text (its markup dropped by the pipeline); the blocks keep theirs,
    # shown as text.
    assert browser.evaluate("document.querySelector('h1').textContent").startswith("Plant news")
    assert browser.evaluate("document.querySelector('h1').children.length") == 0
    body = browser.evaluate("document.getElementById('document-table').textContent")
    assert "<script>window.__pwned = 1</script>" in body and "<img src=" in body
    browser.open(batch_out / "report" / "index.html")
    urls = browser.requested_urls()[before:]
    assert urls, "the pages' own loads should be seen"
    assert all(url.startswith("file://") for url in urls), urls
    shot = browser.screenshot(tmp_path / "injected.png", full_page=True)
    assert shot.stat().st_size > 5000


def test_release_page_reads_on_a_phone(browser: Chromium, batch_out: Path) -> None:
    browser.open(batch_out / "report" / "releases" / "alpine-dieppe-electric.html", width=390)
    overflow = browser.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shown = browser.evaluate(
        "getComputedStyle(document.querySelector('#document-table td')).display"
    )
    assert shown == "block"  # the columns stack


def test_every_check_flag_is_shown_beside_its_sentence(browser: Chromium, tmp_path: Path) -> None:
    out = write_flagged_batch(tmp_path / "out", {"plain": "ok", "broken": "partial"})
    write_report(out)
    browser.open(out / "report" / "releases" / "flagged.html")
    shown = browser.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.flag .check')]"
        ".filter(e => e.offsetWidth > 0 && e.offsetHeight > 0)"
        ".map(e => [e.dataset.code, [e.title, e.closest('.flag').textContent]]))"
    )
    assert sorted(shown) == sorted(CODES)
    for code, (title, sentence) in shown.items():
        assert title == CODES[code]  # the message on hover
        assert len(sentence) > len(code) + 5  # the label sits on its sentence
    listed = browser.evaluate(
        "Object.fromEntries([...document.querySelectorAll('ul.checks li')]"
        ".filter(e => e.offsetWidth > 0).map(e => [e.dataset.code, e.textContent]))"
    )
    assert sorted(listed) == sorted(CODES)
    for code, text in listed.items():
        assert CODES[code] in text  # the message as visible text
    korean = browser.evaluate(
        "[...document.querySelectorAll('#briefs-table td[lang=ko] .check')]"
        ".map(e => e.dataset.code)"
    )
    assert korean == ["wrong_language"]
    browser.screenshot(tmp_path / "flags.png", full_page=True)
    browser.open(out / "report" / "index.html")
    statuses = browser.evaluate(
        "[...document.querySelectorAll('#releases tbody tr')].map(r => r.dataset.status)"
    )
    assert statuses == ["partial", "review", "ok"]
