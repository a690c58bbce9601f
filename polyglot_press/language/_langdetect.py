"""langdetect's profiles, loaded through its own (seeded) factory.

Only the profiles that can apply to a text's script are loaded, so a Cyrillic text is never
weighed against Latin-script languages; :mod:`._ngrams` scores texts against them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory


@functools.cache
def detector_factory(profiles: tuple[str, ...]) -> DetectorFactory:
    """A private, seeded langdetect factory with only the given language profiles."""
    from pathlib import Path

    import langdetect
    from langdetect.detector_factory import DetectorFactory

    directory = Path(langdetect.__file__).parent / "profiles"
    factory = DetectorFactory()
    factory.load_json_profile([(directory / code).read_text("utf-8") for code in profiles])
    factory.set_seed(0)
    return factory
