"""Are two texts duplicates? A small pair classifier over what one cosine cannot see.

The cosine of the embeddings ranks candidates well but bunches same-topic texts together:
"이 텀블러에 손잡이를 달아 주세요" and "배송비를 무료로 해 주세요" share the form of a request
and score high. The pair model reads, beside the cosine, how much the two texts share (content
morphemes and all morphemes by Kiwi, character 2- and 3-grams), their length ratio, whether
their numbers, negation or question words differ, and a margin: the cosine minus how close each
text sits to a fixed pool of reference sentences (a text close to everything, such as a short
generic one, needs a larger cosine to count). Logistic regression, trained on the Korean
question pairs (duplicates.train); the cut on its probability is chosen on cross-validated
training predictions. `decide` is the one decision the product and the evaluation both use.

Beside those numbers the model reads the two texts' latent terms (encoder.latent_terms: the
concepts the encoder's sparse head finds in each text): where they differ (|a - b|) and what
they share (a * b), one sparse weight per concept. This is what tells "same topic, other
intent" apart, which no single overlap figure can: on the question pairs the cross-validated
accuracy goes from 0.912 to the figure in docs/textintel.md.

The pair model reads the encoder's own vectors, not the similarity projection's: the
projection was fitted on the same training pairs, so its cosines there are better than on new
text, and a model trained on them trusts the cosine too much (cross-validated 0.926, 0.902 on
the validation pairs; on the encoder's vectors 0.912 and 0.916). `decide` takes `embed` rows
as the product stores them and turns them back into the encoder's directions with the inverse
of the projection, kept in the model."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cocreate.core.text import detect_language, normalize
from cocreate.textintel.ml.encoder import latent_terms, project
from cocreate.textintel.morph import CONTENT_TAGS, Morpheme, analyse_batch

NEGATORS = frozenset({"안", "못", "않", "없", "아니", "말"})
QUESTION_WORDS = (
    "뭐",
    "무엇",
    "어디",
    "언제",
    "왜",
    "어떻게",
    "누구",
    "얼마",
    "몇",
    "무슨",
    "어느",
)
FEATURES = (
    "cosine",
    "content_jaccard",
    "morpheme_jaccard",
    "char2_jaccard",
    "char3_jaccard",
    "length_ratio",
    "numbers_differ",
    "negation_differs",
    "question_words_differ",
    "identical",
    "margin",
    "left_hubness",
    "right_hubness",
)
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w+")


# texts -> their latent terms (rows of a sparse matrix, in the order given)
Terms = Callable[[Sequence[str]], Any]


@dataclass
class PairModel:
    """The fitted pair classifier over `pair_matrix` (the FEATURES standardised by `scaler`,
    then the latent terms times `latent_weight`), its cut, the reference pools (float16 rows of
    the encoder's vectors: Korean questions, and English product texts), and the inverse of the
    similarity projection (`embed` rows -> encoder directions)."""

    clf: Any
    scaler: Any
    latent_weight: float
    threshold: float
    pool: np.ndarray
    # below this cosine of `embed` vectors no training pair was a duplicate: not worth scoring
    min_cosine: float
    unprojection: np.ndarray
    # English sentences for the hubness of English texts (see `features`)
    english_pool: np.ndarray | None = None

    def encoder_directions(self, embedded: np.ndarray) -> np.ndarray:
        """The encoder's L2-normalised vectors behind `embed` rows (the projection is linear and
        invertible, and a direction is all a cosine needs)."""
        return project(np.asarray(embedded, dtype=np.float32), self.unprojection)

    def probabilities(self, features: np.ndarray, left_terms: Any, right_terms: Any) -> np.ndarray:
        scaled = self.scaler.transform(features)
        x = pair_matrix(scaled, left_terms, right_terms, self.latent_weight)
        return np.asarray(self.clf.predict_proba(x)[:, 1], dtype=np.float64)


def pair_matrix(scaled: np.ndarray, left_terms: Any, right_terms: Any, weight: float) -> Any:
    """What the classifier reads of each pair: its standardised FEATURES, then where the two
    texts' latent terms differ and what they share, times `weight`."""
    from scipy.sparse import csr_matrix, hstack

    difference = abs(left_terms - right_terms)
    shared = left_terms.multiply(right_terms)
    return hstack([csr_matrix(scaled), weight * difference, weight * shared]).tocsr()


def pair_terms(left: Sequence[str], right: Sequence[str], terms: Terms) -> tuple[Any, Any]:
    """The latent terms of both sides, each distinct text read once."""
    texts = sorted(set(left) | set(right))
    found = terms(texts)
    row = {t: i for i, t in enumerate(texts)}
    return found[[row[t] for t in left]], found[[row[t] for t in right]]


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _grams(text: str, n: int) -> set[str]:
    text = text.replace(" ", "")
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def hubness(vectors: np.ndarray, pool: np.ndarray, top: int = 10) -> np.ndarray:
    """Mean cosine of each row to its `top` nearest pool sentences (the nearest one left out, in
    case the text itself is in the pool)."""
    if not len(vectors):
        return np.zeros(0)
    scores = vectors @ pool.astype(np.float32).T
    scores.sort(axis=1)
    return np.asarray(scores[:, -(top + 1) : -1].mean(axis=1), dtype=np.float64)


def _morphemes(texts: Sequence[str]) -> dict[str, list[Morpheme]]:
    unique = sorted(set(texts))
    korean = [t for t in unique if detect_language(t) == "ko"]
    found = dict(zip(korean, analyse_batch(korean), strict=True))
    return {t: found.get(t) or [(w, "SL") for w in _WORD.findall(t.lower())] for t in unique}


def language_hubness(
    texts: Sequence[str], vectors: np.ndarray, pool: np.ndarray, english_pool: np.ndarray | None
) -> np.ndarray:
    """`hubness` against the pool of the text's own language: English sentences sit far from
    every Korean question, so against the Korean pool each English text looked unusually
    distinct and any two of them a duplicate (a margin too large by about 0.07)."""
    if english_pool is None:
        return hubness(vectors, pool)
    english = np.array([detect_language(t) == "en" for t in texts], dtype=bool)
    found = np.zeros(len(texts))
    for rows, reference in ((~english, pool), (english, english_pool)):
        if rows.any():
            found[rows] = hubness(vectors[rows], reference)
    return found


def features(
    left: Sequence[str],
    right: Sequence[str],
    left_vectors: np.ndarray,
    right_vectors: np.ndarray,
    pool: np.ndarray,
    english_pool: np.ndarray | None = None,
) -> np.ndarray:
    """One row of FEATURES per pair; the vectors are the encoder's (normalised) vectors of the
    two sides."""
    a_texts = [normalize(t) for t in left]
    b_texts = [normalize(t) for t in right]
    morphs = _morphemes(a_texts + b_texts)
    cosines = np.einsum("ij,ij->i", left_vectors, right_vectors)
    hub_a = language_hubness(a_texts, left_vectors, pool, english_pool)
    hub_b = language_hubness(b_texts, right_vectors, pool, english_pool)
    rows = []
    for i, (a, b) in enumerate(zip(a_texts, b_texts, strict=True)):
        ma, mb = morphs[a], morphs[b]
        content_a = {f for f, t in ma if t in CONTENT_TAGS}
        content_b = {f for f, t in mb if t in CONTENT_TAGS}
        negation_a = sum(f in NEGATORS for f, _ in ma) % 2
        negation_b = sum(f in NEGATORS for f, _ in mb) % 2
        rows.append(
            [
                float(cosines[i]),
                _jaccard(content_a, content_b),
                _jaccard(set(ma), set(mb)),
                _jaccard(_grams(a, 2), _grams(b, 2)),
                _jaccard(_grams(a, 3), _grams(b, 3)),
                min(len(a), len(b)) / max(1, len(a), len(b)),
                float(set(_NUMBER.findall(a)) != set(_NUMBER.findall(b))),
                float(negation_a != negation_b),
                float(
                    {w for w in QUESTION_WORDS if w in a} != {w for w in QUESTION_WORDS if w in b}
                ),
                float(a == b),
                float(cosines[i] - (hub_a[i] + hub_b[i]) / 2),
                float(hub_a[i]),
                float(hub_b[i]),
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def decide(
    model: PairModel,
    left: Sequence[str],
    right: Sequence[str],
    left_vectors: np.ndarray,
    right_vectors: np.ndarray,
    terms: Terms = latent_terms,
) -> tuple[np.ndarray, np.ndarray]:
    """(probability of "same meaning", is a duplicate) for each pair; the vectors are `embed`
    rows; `terms` gives the texts' latent terms (the encoder's, unless cached ones)."""
    left_vectors = np.asarray(left_vectors, dtype=np.float32).reshape(-1, model.pool.shape[1])
    right_vectors = np.asarray(right_vectors, dtype=np.float32).reshape(-1, model.pool.shape[1])
    rows = features(
        left,
        right,
        model.encoder_directions(left_vectors),
        model.encoder_directions(right_vectors),
        model.pool,
        model.english_pool,
    )
    if not len(rows):
        return np.zeros(0), np.zeros(0, dtype=bool)
    proba = model.probabilities(rows, *pair_terms(left, right, terms))
    embedded_cosines = np.einsum("ij,ij->i", left_vectors, right_vectors)
    same = (proba > model.threshold) & (embedded_cosines >= model.min_cosine)
    return proba, same


# --- what a moderator compares --------------------------------------------------------------

# common nouns, foreign words, roots, numbers and predicates: the words that say what is asked
# for. Proper nouns count as words of a text (Kiwi tags one word NNG in one sentence and NNP in
# the next) but are never shown: a person's name is masked only next to a cue such as "님".
SHOWN_TAGS = frozenset({"NNG", "NR", "SL", "SH", "SN", "XR", "VV", "VA"})
MAX_DIFFERING = 5
MAX_WORD_CHARS = 40
# what is left of English contractions once the words are cut at the apostrophe ("doesn't")
CONTRACTION_PARTS = frozenset(
    {"doesn", "don", "didn", "isn", "wasn", "aren", "weren", "couldn", "wouldn", "shouldn"}
    | {"won", "hasn", "haven", "hadn", "ve", "ll", "re", "im", "ive"}
)


def differing_words(left: str, right: str) -> tuple[list[str], list[str]]:
    """The content words each text has and the other lacks, in order of appearance, at most
    MAX_DIFFERING each; predicates in their dictionary form (작 -> 작다), English without its
    function words. Two texts of one frame that ask for different things differ in exactly
    these ("손잡이" / "빨대"); the duplicates model, taught by question pairs where a swapped
    word is mostly a synonym, does not see it, so the moderator is shown them."""
    a, b = normalize(left), normalize(right)
    morphs = _morphemes([a, b])
    words_a, words_b = _content_words(morphs[a]), _content_words(morphs[b])
    return (
        [w for w, shown in words_a.items() if shown and w not in words_b][:MAX_DIFFERING],
        [w for w, shown in words_b.items() if shown and w not in words_a][:MAX_DIFFERING],
    )


def _content_words(morphs: Sequence[Morpheme]) -> dict[str, bool]:
    """Each content word of the text, in order, and whether it may be shown."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words: dict[str, bool] = {}
    for form, tag in morphs:
        word = form.lower().strip()
        if (tag not in SHOWN_TAGS and tag != "NNP") or not word or word in ENGLISH_STOP_WORDS:
            continue
        if tag == "SL" and (len(word) < 2 or word in CONTRACTION_PARTS):
            continue
        if tag in ("VV", "VA"):
            word += "다"
        word = word[:MAX_WORD_CHARS]
        words[word] = words.get(word, True) and tag != "NNP"
    return words
