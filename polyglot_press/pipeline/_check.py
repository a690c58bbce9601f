"""The ``check`` stage: the glossary compliance of each translation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from polyglot_press._languages import GLOSSARY_LANGUAGES, UNDETERMINED
from polyglot_press.pipeline._context import PipelineContext, WorkItem
from polyglot_press.pipeline._results import Translation

if TYPE_CHECKING:
    from polyglot_press.glossary import ComplianceReport

__all__ = ["CheckStage"]


class CheckStage:
    """Check each translation against the glossary: which terms were expected, which used.

    Enforcing the terms happens while translating (``polyglot_press.translate``); this stage
    only measures the result. Removing it leaves translations without a compliance report.
    """

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        done = []
        for item in items:
            translation = item.translation
            if translation is None or translation.compliance is not None:
                done.append(item)
                continue
            report = _compliance(translation, context)
            done.append(replace(item, translation=replace(translation, compliance=report)))
        return done


def _compliance(translation: Translation, context: PipelineContext) -> ComplianceReport | None:
    source_lang, target = translation.source.lang or UNDETERMINED, translation.target
    if (
        source_lang == target
        or source_lang not in GLOSSARY_LANGUAGES
        or target not in GLOSSARY_LANGUAGES
    ):
        return None
    from polyglot_press.glossary import compliance_report

    pairs = [
        (original.text, new.text)
        for original, new in zip(
            translation.source.blocks, translation.document.blocks, strict=True
        )
        if original.translatable
    ]
    return compliance_report(
        "\n\n".join(text for text, _ in pairs),
        source_lang,
        "\n\n".join(text for _, text in pairs),
        target,
        context.glossary,
    )
