"""Input files made by the tests themselves: PDFs printed by headless Chromium, DOCX written
with python-docx, e-mails built with :mod:`email.message`. No binary fixtures.

Every builder takes a small Markdown release (headings, ``**bold**``, ``*italic*``, hard line
breaks, ``- `` items, ``[links](…)``) so that one text gives every format.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from email.message import EmailMessage
from pathlib import Path

import pytest

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S)
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def chromium() -> str:
    """The Chromium binary; CI installs it, elsewhere a test without it is skipped."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (the CI script installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _inline_html(text: str) -> str:
    text = html.escape(_AUTOLINK.sub(r"\1", text), quote=False)
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    text = _AUTOLINK.sub(r'<a href="\1">\1</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return re.sub(r" {2}\n", "<br>\n", text)


def markdown_to_html(markdown: str, *, title: str = "Release", css: str = "") -> str:
    """A small Markdown release as a standalone HTML page."""
    parts = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        heading = re.fullmatch(r"(#{1,6}) (.+)", chunk.strip())
        if heading:
            level = len(heading.group(1))
            parts.append(f"<h{level}>{_inline_html(heading.group(2))}</h{level}>")
        elif chunk.lstrip().startswith("- "):
            items = [line[2:] for line in chunk.strip().split("\n")]
            parts.append("<ul>" + "".join(f"<li>{_inline_html(i)}</li>" for i in items) + "</ul>")
        else:
            parts.append(f"<p>{_inline_html(chunk.strip())}</p>")
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def print_pdf(page: str, path: Path, *, header_footer: bool = True) -> Path:
    """Print an HTML page to ``path`` with headless Chromium (its running header and footer
    included unless told otherwise)."""
    binary = chromium()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "page.html"
        source.write_text(page, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={work}/profile",
            f"--print-to-pdf={path}",
            *([] if header_footer else ["--no-pdf-header-footer"]),
            source.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    assert path.exists() and path.read_bytes().startswith(b"%PDF-")
    return path


def write_docx(markdown: str, path: Path, *, header: str = "", footer: str = "") -> Path:
    """The Markdown release as a Word file: heading styles, bold/italic runs, list styles,
    line breaks, a running header and footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        heading = re.fullmatch(r"(#{1,6}) (.+)", chunk.strip())
        if heading:
            level = len(heading.group(1))
            style = "Title" if level == 1 else f"Heading {level - 1}"
            _add_runs(document.add_paragraph(style=style), heading.group(2))
        elif chunk.lstrip().startswith("- "):
            for line in chunk.strip().split("\n"):
                _add_runs(document.add_paragraph(style="List Bullet"), line[2:])
        else:
            _add_runs(document.add_paragraph(), chunk.strip())
    document.save(str(path))
    return path


def _add_runs(paragraph: object, text: str) -> None:
    text = _AUTOLINK.sub(r"\1", _LINK.sub(r"\1", text))
    pieces = re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?=\S).+?(?<=\S)\*(?![\w*]))", text, flags=re.S)
    for piece in pieces:
        if not piece:
            continue
        bold = piece.startswith("**") and piece.endswith("**")
        italic = not bold and piece.startswith("*") and piece.endswith("*") and len(piece) > 1
        inner = piece[2:-2] if bold else piece[1:-1] if italic else piece
        lines = inner.split("  \n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)  # type: ignore[attr-defined]
            run.bold, run.italic = bold or None, italic or None
            if index < len(lines) - 1:
                run.add_break()


def build_email(
    subject: str,
    *,
    html_body: str | None = None,
    text_body: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    charset: str = "utf-8",
) -> bytes:
    """An e-mail as a newsroom gets it: multipart/alternative (quoted-printable), attachments."""
    message = EmailMessage()
    message["From"] = "Service de presse <presse@example.com>"
    message["To"] = "redaction@example.com"
    message["Subject"] = subject
    message["Date"] = "Thu, 09 Nov 2023 08:00:00 +0100"
    message["Message-ID"] = "<release-1@example.com>"
    if text_body is not None:
        message.set_content(text_body, charset=charset, cte="quoted-printable")
    if html_body is not None:
        if text_body is None:
            message.set_content(html_body, subtype="html", charset=charset, cte="quoted-printable")
        else:
            message.add_alternative(
                html_body, subtype="html", charset=charset, cte="quoted-printable"
            )
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


#: A fictional French release written for these tests (two media contacts, an "about" section).
FRENCH_RELEASE = """# Les Ateliers Lumière ouvrent une usine de batteries à Douai

DOUAI, 4 mars 2025 – Les Ateliers Lumière ont inauguré lundi une usine de batteries à Douai, \
la première du groupe en Europe. Le site fabriquera les packs de deux modèles **100 % \
électriques** destinés au marché européen.

L'usine emploiera 800 salariés et atteindra sa pleine capacité en 2026. Les cellules \
proviennent d'un fournisseur installé dans la même région, ce qui réduit les transports.

- La production démarre au second semestre 2025.
- Le site est alimenté par une énergie renouvelable.

**Claire Dubois, directrice générale**, a déclaré : « Cette usine marque une étape décisive \
pour notre groupe et pour toute la région. »

## Contacts presse

**Marc Petit**<BR>
+33 1 23 45 67 89<BR>
marc.petit@ateliers-lumiere.example

**Sophie Martin (Ateliers Lumière Nord)**<BR>
+33 6 98 76 54 32<BR>
sophie.martin@ateliers-lumiere.example

## À propos des Ateliers Lumière

Les Ateliers Lumière sont un constructeur fictif fondé en 1950, présent dans trente pays.
""".replace("<BR>\n", "  \n")  # Markdown hard breaks

HEADLINE = "Les Ateliers Lumière ouvrent une usine de batteries à Douai"
CONTACTS = (
    "Marc Petit",
    "+33 1 23 45 67 89",
    "marc.petit@ateliers-lumiere.example",
    "Sophie Martin (Ateliers Lumière Nord)",
    "+33 6 98 76 54 32",
    "sophie.martin@ateliers-lumiere.example",
)
#: What a file format leaves behind when a reader gets it wrong: quoted-printable, PDF and
#: Word syntax, browser print stamps, ligatures, soft hyphens.
DEBRIS = re.compile(
    r"=C3|=E2|=\n|=20|%PDF|\(cid:|file://|endobj|\bw:t\b|Content-(?:Type|Transfer)|"
    r"quoted-printable|\ufb01|\xad|\d+/\d+/\d+, \d+:\d+|^\d+/\d+$",
    re.MULTILINE,
)
