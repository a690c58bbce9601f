"""E-mail inputs (issue 21): messages built with :mod:`email.message` in the test; MIME and
transfer encodings decoded, the Subject as title, signatures and quoted replies dropped,
attachments read as documents of their own (``message.eml#name``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import (
    CONTACTS,
    DEBRIS,
    FRENCH_RELEASE,
    HEADLINE,
    build_email,
    markdown_to_html,
    write_docx,
)

from polyglot_press.batch import expand_inputs
from polyglot_press.documents import (
    BlockKind,
    email_attachments,
    plain_text,
    read_document,
    render_document,
)
from polyglot_press.errors import InputError


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_an_html_email_is_decoded_and_read_as_html(tmp_path: Path) -> None:
    page = markdown_to_html(FRENCH_RELEASE)
    message = build_email("TR: Communiqué", html_body=page, text_body=FRENCH_RELEASE)
    assert b"=C3=A9" in message  # the body really is quoted-printable
    document = read_document(_write(tmp_path / "release.eml", message))
    assert document.format == "html"
    assert document.meta["input_format"] == "eml"
    assert document.title == HEADLINE
    contacts = "\n".join(
        plain_text(b.text, "html") for b in document.blocks if b.kind is BlockKind.CONTACT
    )
    assert all(contact in contacts for contact in CONTACTS)
    assert not DEBRIS.search(render_document(document))


def test_a_plain_email_loses_its_signature_and_the_quoted_reply(tmp_path: Path) -> None:
    body = (
        FRENCH_RELEASE.split("## À propos")[0]
        + "-- \nJean Expéditeur\nAgence Fictive\n\n"
        + "Le 3 mars 2025 à 10:00, Rédaction <redaction@example.com> a écrit :\n"
        + "> Pouvez-vous nous envoyer le communiqué ?\n"
    )
    message = build_email("Communiqué", text_body=body, charset="windows-1252")
    document = read_document(_write(tmp_path / "plain.eml", message))
    text = render_document(document)
    assert "Jean Expéditeur" not in text and "a écrit" not in text and "> " not in text
    assert document.title == HEADLINE
    assert "Sophie Martin (Ateliers Lumière Nord)" in text  # accents decoded from cp1252
    assert document.meta["charset"] == "windows-1252"


@pytest.mark.parametrize(
    "quote",
    [
        '<blockquote type="cite"><p>Pouvez-vous nous envoyer le communiqué ?</p></blockquote>',
        '<div class="gmail_quote"><div dir="ltr">Le 3 mars 2025, Rédaction a écrit :</div>'
        "<blockquote><p>Pouvez-vous nous envoyer le communiqué ?</p></blockquote></div>",
        '<div class="gmail_signature" data-smartmail="gmail_signature"><p>Jean Expéditeur'
        "<br>Agence Fictive</p></div>",
        '<div class="moz-signature">-- <br>Jean Expéditeur</div>',
        '<div id="divRplyFwdMsg"><p><b>De :</b> Rédaction<br><b>Envoyé :</b> lundi</p></div>',
        "<div class='signature x'><p>Jean Expéditeur, Agence Fictive</p></div>",
    ],
    ids=["cite", "gmail-quote", "gmail-signature", "moz-signature", "outlook", "signature"],
)
def test_an_html_email_loses_its_quotes_and_signatures(tmp_path: Path, quote: str) -> None:
    page = markdown_to_html(FRENCH_RELEASE).replace("</body>", quote + "\n</body>")
    document = read_document(_write(tmp_path / "reply.eml", build_email("Re: x", html_body=page)))
    text = render_document(document)
    for gone in ("Pouvez-vous", "Jean Expéditeur", "Envoyé", "a écrit"):
        assert gone not in text
    # The rest is the body as written: the cut leaves the source's own markup.
    assert text == page.replace(quote, "")
    assert document.title == HEADLINE


def test_the_subject_is_the_title_when_the_body_has_none(tmp_path: Path) -> None:
    body = FRENCH_RELEASE.split("\n\n", 1)[1]  # without its headline
    message = build_email("Fwd: [Presse] " + HEADLINE, text_body=body)
    document = read_document(_write(tmp_path / "untitled.eml", message))
    assert document.blocks[0].kind is BlockKind.TITLE
    assert document.title == HEADLINE
    assert document.meta["subject"] == HEADLINE


def test_a_message_with_nothing_to_read_says_so_without_pointing_at_attachments(
    tmp_path: Path,
) -> None:
    with pytest.raises(InputError, match="has no text") as raised:
        read_document(_write(tmp_path / "blank.eml", b"From: a@example.com\n\n"))
    assert "attachment as FILE.eml#NAME" not in (raised.value.hint or "")
    assert "no body, subject or attachment" in (raised.value.hint or "")


def test_the_format_comes_from_the_content(tmp_path: Path) -> None:
    message = build_email("Communiqué", text_body=FRENCH_RELEASE)
    document = read_document(_write(tmp_path / "message.txt", message))
    assert document.meta["input_format"] == "eml"
    assert "Content-Type" not in render_document(document)


def test_attachments_are_documents_of_their_own(tmp_path: Path) -> None:
    docx = write_docx(FRENCH_RELEASE, tmp_path / "communique.docx").read_bytes()
    attachments = (
        (
            "communique.docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("logo.png", b"\x89PNG\r\n\x1a\nnot really", "image/png"),
        (
            "communique.docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    )
    note = "Bonjour, veuillez trouver notre communiqué en pièce jointe. Cordialement"
    message = _write(
        tmp_path / "message.eml",
        build_email("Communiqué", text_body=note, attachments=attachments),
    )
    assert email_attachments(message) == ["communique.docx", "communique-2.docx"]
    attached = read_document(f"{message}#communique.docx")
    assert attached.source == f"{message}#communique.docx"
    assert attached.title == HEADLINE and attached.meta["input_format"] == "docx"
    # The batch lists the attachments; a short cover note is no release of its own.
    items = expand_inputs([str(tmp_path)])
    assert sorted(item.label for item in items) == [
        str(tmp_path / "communique.docx"),
        f"{message}#communique-2.docx",
        f"{message}#communique.docx",
    ]
    assert len({item.doc_id for item in items}) == 3


def test_a_missing_attachment_names_the_ones_there(tmp_path: Path) -> None:
    message = _write(
        tmp_path / "m.eml",
        build_email(
            "x",
            text_body="Voir la pièce jointe.",
            attachments=(("a.txt", b"Texte.", "text/plain"),),
        ),
    )
    with pytest.raises(InputError, match="no release attachment") as caught:
        read_document(f"{message}#b.pdf")
    assert caught.value.hint is not None and "a.txt" in caught.value.hint


def test_an_email_with_only_attachments_says_so(tmp_path: Path) -> None:
    message = build_email("", attachments=(("a.txt", b"Un communique.", "text/plain"),))
    with pytest.raises(InputError, match="no text of its own"):
        read_document(_write(tmp_path / "only.eml", message))


def test_a_header_of_thousands_of_encoded_words_is_cut_before_it_is_parsed(
    tmp_path: Path,
) -> None:
    # The standard parser grows faster than the header: 300,000 words in a Subject took 6 GB.
    from polyglot_press.documents._email import MAX_HEADER_CHARS, read_email

    body = FRENCH_RELEASE.split("\n\n", 1)[1]
    message = build_email(HEADLINE, text_body=body).replace(
        b"Subject: ", b"Subject: " + b"=?utf-8?q?mot?= " * 3_000, 1
    )
    mail = read_email(message, source="long.eml")
    # 16 raw characters a word, 3 decoded: the 9,000 characters of all 3,000 were cut
    assert mail.subject.startswith("mot") and len(mail.subject) < MAX_HEADER_CHARS // 4
    assert body.split("\n")[0] in mail.text
