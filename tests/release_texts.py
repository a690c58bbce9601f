"""A small English release written for the tests, shared by the summary tests."""

MARKDOWN_RELEASE = """# Harbour Motors opens a battery plant

LYON, 3 March 2025 – Harbour Motors opened a **battery plant** in Lyon on Monday, its first in \
[Europe](https://example.com/europe). The site will build packs for two electric models.

- The plant employs 800 people and will reach full output in 2026.
- Cells come from a supplier in the same region.

## About Harbour Motors

Harbour Motors is a fictional carmaker founded in 1950 that sells cars in thirty countries.

## Press contacts

Jane Roe, jane.roe@example.com, +33 1 23 45 67 89
"""


BODY_SENTENCES = [
    "Harbour Motors opened a battery plant in Lyon on Monday, its first in Europe.",
    "The site will build packs for two electric models.",
    "The plant employs 800 people and will reach full output in 2026.",
    "Cells come from a supplier in the same region.",
]
