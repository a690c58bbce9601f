"""Synthetic Argos Translate packages for tests, examples and benchmarks.

No trained translation model ships with polyglot_press, and none can be downloaded at test time,
so :func:`build_synthetic_package` writes a package with the real Argos layout — ``metadata.json``,
a real SentencePiece model and a CTranslate2 Transformer — whose weights are random. It loads and
runs exactly like a downloaded package, at a realistic speed for its size; its output is
gibberish, which is what the span-enforcement fallbacks are tested against.

Example::

    from polyglot_press.testing import build_synthetic_package

    package_dir = build_synthetic_package(tmp_path, "fr", "en")
"""

from __future__ import annotations

import io
import json
import math
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

PackageSize = Literal["tiny", "small", "base"]

LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "ko": "Korean",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "zh": "Chinese",
}

# Written for this module; covers the scripts the tests feed the packages (accents, Hangul,
# digits, punctuation), and byte fallback takes care of everything else.
DEFAULT_CORPUS: tuple[str, ...] = (
    "Le constructeur a présenté mardi sa nouvelle berline électrique à Paris.",
    "La production commencera au printemps dans l'usine de Busan, en Corée du Sud.",
    "Le véhicule offre une autonomie de 520 km selon le cycle WLTP.",
    "Les ventes ont progressé de 12,5 % au premier semestre.",
    "Plus de 300 000 exemplaires ont été livrés depuis le lancement.",
    "Le directeur général a salué l'engagement des équipes locales.",
    "Cette coentreprise réunit deux groupes automobiles européens et asiatiques.",
    "La batterie de 94 kWh se recharge en trente minutes sur une borne rapide.",
    "Les premières livraisons sont prévues pour la fin de l'année prochaine.",
    "Le modèle hybride rechargeable reste le plus vendu de la gamme.",
    "Pour toute question, contactez le service de presse par courriel.",
    "L'usine emploie environ deux mille salariés et sous-traitants.",
    "Le SUV coupé sera exporté vers l'Europe et l'Amérique du Nord.",
    "Le prix de base est fixé à 45 990 euros, bonus écologique déduit.",
    "À propos de l'entreprise : fondée en 2000, elle conçoit et fabrique des voitures.",
    "Les journalistes pourront essayer le véhicule lors d'une journée spéciale.",
    "Ce partenariat renforce la position du groupe sur le marché coréen.",
    "Les émissions de CO2 ont baissé de moitié en cinq ans.",
    "Une conférence de presse aura lieu jeudi à 10 h au salon de l'auto.",
    "Le groupe investit 1,5 milliard d'euros dans ses usines françaises.",
    "The carmaker unveiled its new electric saloon in Paris on Tuesday.",
    "Production will start in the spring at the Busan plant in South Korea.",
    "The vehicle offers a range of 520 km according to the WLTP cycle.",
    "Sales grew by 12.5% in the first half of the year.",
    "More than 300,000 units have been delivered since the launch.",
    "The chief executive praised the commitment of the local teams.",
    "This joint venture brings together European and Asian car groups.",
    "The 94 kWh battery charges in thirty minutes at a fast charger.",
    "First deliveries are expected at the end of next year.",
    "The plug-in hybrid model remains the best seller in the range.",
    "For any questions, please contact the press office by e-mail.",
    "The plant employs about two thousand staff and subcontractors.",
    "The coupe SUV will be exported to Europe and North America.",
    "The base price is set at 45,990 euros after the green bonus.",
    "About the company: founded in 2000, it designs and builds cars.",
    "Journalists will be able to test drive the car during a special day.",
    "Der Hersteller stellte am Dienstag seine neue Elektrolimousine vor.",
    "Die Produktion beginnt im Frühjahr im Werk in Südkorea.",
    "Die Batterie lädt an einer Schnellladesäule in dreißig Minuten.",
    "Mehr als 300.000 Fahrzeuge wurden seit der Markteinführung ausgeliefert.",
    "제조사는 화요일 파리에서 새로운 전기 세단을 공개했다.",
    "생산은 봄에 부산 공장에서 시작될 예정이다.",
    "이 차량은 WLTP 기준으로 520km의 주행 거리를 제공한다.",
    "상반기 판매량은 12.5% 증가했다.",
    "출시 이후 30만 대 이상이 인도되었다.",
    "최고경영자는 현지 직원들의 노력을 높이 평가했다.",
    "이 합작 회사는 유럽과 아시아의 자동차 그룹을 하나로 묶는다.",
    "배터리는 급속 충전기에서 30분 만에 충전된다.",
    "첫 인도는 내년 말로 예정되어 있다.",
    "쿠페형 SUV는 유럽과 북미로 수출될 예정이다.",
    "기자들은 특별 행사에서 차량을 시승할 수 있다.",
    "자세한 내용은 홍보팀에 이메일로 문의하시기 바랍니다.",
)


@dataclass(frozen=True, slots=True)
class _Architecture:
    encoder_layers: int
    decoder_layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int


_ARCHITECTURES: dict[str, _Architecture] = {
    "tiny": _Architecture(2, 2, 64, 2, 128, vocab_size=800),
    "small": _Architecture(3, 3, 256, 4, 1024, vocab_size=4000),
    "base": _Architecture(6, 6, 512, 8, 2048, vocab_size=16000),
}


def build_synthetic_package(
    dest_dir: Path,
    source: str,
    target: str,
    *,
    corpus: Sequence[str] | None = None,
    size: PackageSize = "tiny",
    seed: int = 0,
    archive: bool = False,
    eos_bias: float | None = None,
    version: str = "1.0",
    target_prefix: str = "",
) -> Path:
    """Write an Argos package ``translate-<source>_<target>-<version>`` with random weights.

    ``corpus`` trains the SentencePiece model (the built-in multilingual ``DEFAULT_CORPUS`` when
    ``None``); byte fallback lets any input text tokenize. ``size`` picks the Transformer:
    ``"tiny"`` (2+2 layers, d_model 64) for tests, ``"small"``, or ``"base"`` (6+6 layers,
    d_model 512, 8 heads, FFN 2048) for benchmarks. ``eos_bias`` is added to the end-of-sentence
    logit so outputs stop at realistic lengths; ``None`` picks one from the vocabulary size that
    gives outputs about as long as their source. The same arguments always produce the same model.

    Returns the package directory, or the ``.argosmodel`` zip next to it when ``archive`` is true.
    """
    import ctranslate2
    import numpy as np

    architecture = _ARCHITECTURES[size]
    package_dir = Path(dest_dir) / f"translate-{source}_{target}-{version.replace('.', '_')}"
    if package_dir.exists():
        shutil.rmtree(package_dir)
    package_dir.mkdir(parents=True)

    vocabulary = _train_sentencepiece(
        package_dir / "sentencepiece.model",
        DEFAULT_CORPUS if corpus is None else corpus,
        vocab_size=architecture.vocab_size,
    )
    spec = ctranslate2.specs.TransformerSpec.from_config(
        (architecture.encoder_layers, architecture.decoder_layers), architecture.heads
    )
    if eos_bias is None:
        eos_bias = _balanced_eos_bias(len(vocabulary))
    _fill_random_weights(
        spec, architecture, len(vocabulary), np.random.default_rng(seed), eos_bias=eos_bias
    )
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    (package_dir / "model").mkdir()
    spec.save(str(package_dir / "model"))

    metadata: dict[str, Any] = {
        "package_version": version,
        "argos_version": "1.11",
        "from_code": source,
        "from_name": LANGUAGE_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANGUAGE_NAMES.get(target, target),
        "type": "translate",
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    (package_dir / "metadata.json").write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if not archive:
        return package_dir
    return _write_archive(package_dir)


def _train_sentencepiece(model_path: Path, corpus: Iterable[str], *, vocab_size: int) -> list[str]:
    """Train a unigram SentencePiece model on ``corpus`` and return its pieces in id order."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([line for line in corpus if line.strip()]),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # small corpora cannot fill the vocabulary; take what fits
        character_coverage=1.0,
        byte_fallback=True,
        model_type="unigram",
        num_threads=1,  # multi-threaded training is not reproducible
        input_sentence_size=200_000,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    model_path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _balanced_eos_bias(vocab_size: int) -> float:
    """An EOS logit bias that ends random outputs after a few dozen tokens.

    The random output logits are roughly standard normal, so the largest of ``vocab_size`` of them
    sits near sqrt(2 ln V); a bias of that size lets EOS win the argmax now and then, rather
    than never (runs to the length cap) or at once (empty outputs).
    """
    return math.sqrt(2 * math.log(vocab_size))


def _fill_random_weights(
    spec: Any,
    architecture: _Architecture,
    vocab_size: int,
    rng: np.random.Generator,
    *,
    eos_bias: float,
) -> None:
    import numpy as np

    d_model = architecture.d_model

    def matrix(rows: int, columns: int) -> np.ndarray:
        weights: np.ndarray = rng.standard_normal((rows, columns), dtype=np.float32)
        return weights / np.float32(np.sqrt(columns))

    def linear(layer: Any, rows: int, columns: int) -> None:
        layer.weight = matrix(rows, columns)
        layer.bias = np.zeros(rows, dtype=np.float32)

    def layer_norm(layer: Any) -> None:
        layer.gamma = np.ones(d_model, dtype=np.float32)
        layer.beta = np.zeros(d_model, dtype=np.float32)

    def feed_forward(layer: Any) -> None:
        layer_norm(layer.layer_norm)
        linear(layer.linear_0, architecture.ffn, d_model)
        linear(layer.linear_1, d_model, architecture.ffn)

    # Shared embeddings, as in Argos models trained with a joint SentencePiece vocabulary.
    embeddings = (rng.standard_normal((vocab_size, d_model)) / np.sqrt(d_model)).astype(np.float32)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    for encoder_layer in spec.encoder.layer:
        layer_norm(encoder_layer.self_attention.layer_norm)
        linear(encoder_layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(encoder_layer.self_attention.linear[1], d_model, d_model)
        feed_forward(encoder_layer.ffn)
    layer_norm(spec.encoder.layer_norm)
    for decoder_layer in spec.decoder.layer:
        layer_norm(decoder_layer.self_attention.layer_norm)
        linear(decoder_layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(decoder_layer.self_attention.linear[1], d_model, d_model)
        layer_norm(decoder_layer.attention.layer_norm)
        linear(decoder_layer.attention.linear[0], d_model, d_model)
        linear(decoder_layer.attention.linear[1], 2 * d_model, d_model)
        linear(decoder_layer.attention.linear[2], d_model, d_model)
        feed_forward(decoder_layer.ffn)
    layer_norm(spec.decoder.layer_norm)
    projection_bias = np.zeros(vocab_size, dtype=np.float32)
    projection_bias[_EOS_ID] = eos_bias
    spec.decoder.projection.weight = matrix(vocab_size, d_model)
    spec.decoder.projection.bias = projection_bias


# SentencePiece's default ids: <unk>=0, <s>=1, </s>=2, which CTranslate2 reads from the vocabulary.
_EOS_ID = 2


def _write_archive(package_dir: Path) -> Path:
    """Zip ``package_dir`` as ``<name>.argosmodel`` with the directory at the archive root."""
    archive_path = package_dir.with_suffix(".argosmodel")
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive_file:
        for path in sorted(package_dir.rglob("*")):
            archive_file.write(path, path.relative_to(package_dir.parent).as_posix())
    return archive_path
