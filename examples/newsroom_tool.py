"""A newsroom tool built on polyglot_press: the morning digest of incoming releases.

Reads every release in a folder, writes one Markdown digest an editor can paste into the
newsroom chat, and a JSON file the CMS imports. Releases whose glossary term use falls below a
threshold are flagged for a sub-editor, and unreadable files are listed rather than stopping the
run.

    python examples/newsroom_tool.py examples/releases --out digest/ [--models DIR] [--langs en,ko]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from polyglot_press import Pipeline, PolyglotPressError

TERM_USE_ALERT = 0.9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--out", type=Path, default=Path("digest"))
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--langs", default="en,ko")
    args = parser.parse_args()

    try:
        pipeline = Pipeline(models_dir=args.models, langs=tuple(args.langs.split(",")))
    except PolyglotPressError as error:
        parser.error(str(error))

    releases = sorted(p for p in args.inbox.iterdir() if p.suffix in {".md", ".txt", ".html"})
    sections, records, problems = [], [], []
    for result in pipeline.process_many(releases):
        if not result.ok:
            problems.append(f"- `{result.source}`: {result.error}")
            continue
        section = result.to_markdown()
        rate = result.term_use_rate
        if rate is not None and rate < TERM_USE_ALERT:
            section += f"\n> 🔎 sub-editor: only {rate:.0%} of glossary terms were used\n"
        sections.append(section)
        records.append(result.to_dict())

    args.out.mkdir(parents=True, exist_ok=True)
    digest = ["# Morning digest", "", *sections]
    if problems:
        digest += ["## Could not process", *problems]
    (args.out / "digest.md").write_text("\n".join(digest) + "\n", encoding="utf-8")
    (args.out / "digest.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(records)} briefs, {len(problems)} problems → {args.out}/digest.md")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
