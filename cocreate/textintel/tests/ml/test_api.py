"""The interface the product uses: analyse, embed, similarity."""

import numpy as np

from cocreate.textintel.ml import api
from cocreate.textintel.ml.artifacts import load, model_id
from cocreate.textintel.morph import search_terms


def test_analyse_korean_review():
    (result,) = api.analyse(["배송은 빨랐는데 사이즈가 너무 작아서 안 맞아요"])
    assert result.language == "ko"
    assert result.sentiment is not None
    assert result.sentiment.model == model_id("sentiment-ko")
    assert result.sentiment.score is not None
    assert 0.0 <= result.sentiment.score <= 1.0
    assert result.sentiment.confidence >= 0.5
    assert result.kind.model == model_id("kind")
    assert result.kind.label in {"review", "complaint", "idea", "question"}
    aspects = {a.aspect: a.polarity for a in result.aspects}
    assert aspects.get("delivery") == "positive"
    assert aspects.get("size_fit") == "negative"
    assert all(a.model == model_id("aspects") for a in result.aspects)
    # the same Kiwi analysis gives the search terms
    assert result.terms == search_terms("배송은 빨랐는데 사이즈가 너무 작아서 안 맞아요")
    assert "배송" in result.terms


def test_analyse_english_review():
    (result,) = api.analyse(["Love this dress! The fabric is soft and it fits perfectly."])
    assert result.language == "en"
    assert result.sentiment.label == "positive"
    assert result.sentiment.model == model_id("sentiment-en")
    assert result.category is not None
    assert result.category.label == "2271"  # Apparel & Accessories > Clothing > Dresses
    assert result.category.model == model_id("category")
    assert result.terms is None  # not analysed by Kiwi: search reads its plain words


def test_analyse_batch_keeps_order_and_languages():
    texts = ["정말 최고예요", "Terrible, it broke after a day.", "素晴らしい", ""]
    results = api.analyse(texts)
    assert [r.language for r in results] == ["ko", "en", "other", "other"]
    assert results[0].sentiment.label == "positive"
    assert results[1].sentiment.label == "negative"
    assert results[2].sentiment is None  # no model for this language
    assert results[3].sentiment is None
    assert all(r.kind is not None for r in results)
    assert api.analyse([]) == []


def test_kinds():
    idea, question, complaint = api.analyse(
        [
            "이 텀블러에 손잡이를 달아 주시면 좋겠어요",
            "이 바지 세탁기에 돌려도 되나요?",
            "환불 신청한 지 2주째인데 아직도 처리가 안 됐어요. 빨리 해결해 주세요",
        ]
    )
    assert idea.kind.label == "idea"
    assert question.kind.label == "question"
    assert complaint.kind.label == "complaint"


def test_category_from_product_words_in_korean():
    (result,) = api.analyse(["운동화가 발에 잘 맞고 가벼워요"])
    assert result.category is not None
    assert result.category.label == "187"  # Apparel & Accessories > Shoes


def test_no_category_without_a_product():
    (result,) = api.analyse(["오늘 기분이 좋아요"])
    assert result.category is None


def test_embed_rows_are_normalised_float32():
    vectors = api.embed(["배송이 빨라요", "택배가 빨리 왔어요", "Love it"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert api.embed([]).shape == (0, 384)


def test_similarity_ranks_paraphrases_above_unrelated_texts():
    close = api.similarity("배송이 정말 빨라요", "택배가 엄청 빨리 도착했어요")
    far = api.similarity("배송이 정말 빨라요", "이 바지는 허리가 너무 커요")
    assert close > far
    assert -1.0 <= far <= close <= 1.0


def test_duplicate_decision_separates_a_duplicate():
    idea = "이 텀블러에 손잡이를 달아 주세요"
    others = ["텀블러에 손잡이 달아주세요", "이 바지는 허리가 너무 커요"]
    proba, same = api.duplicate_decisions([idea, idea], others)
    assert list(same) == [True, False]
    # the rewording is near certain; the unrelated complaint well below the cut (duplicates@3
    # and @4 give it 0.28 against a cut of 0.46, @2 gave 0.18)
    cut = load("duplicates").threshold
    assert proba[0] > 0.99
    assert proba[1] < cut * 0.7
    # a rewording ranks above another request of the same form (which the loose "same
    # meaning" of the training pairs may still let through: see docs/textintel.md)
    assert api.similarity(idea, "배송비를 무료로 해 주세요") < api.similarity(idea, others[0])
    assert 0 < api.DUPLICATE_MIN_COSINE < 1
    assert model_id("similarity") == api.SIMILARITY_MODEL
    assert model_id("duplicates") == api.DUPLICATE_MODEL
    assert api.duplicate_decisions([], [])[1].shape == (0,)


def test_english_sentiment_second_pass_reads_the_vector():
    from cocreate.textintel.ml import sentiment_encoder

    texts = [
        "Runs a little small, but I love it and wear it daily.",
        "The fabric pilled after one wash and the seams came apart. Returning it.",
    ]
    vectors = api.embed(texts)
    assert sentiment_encoder.labels(texts, vectors) == ["positive", "negative"]
    positive = sentiment_encoder.positive_probabilities(texts, vectors)
    assert positive[0] > 0.5 > positive[1]
    # the vector matters: the same words beside another text's vector score differently
    swapped = sentiment_encoder.positive_probabilities(texts, vectors[::-1])
    assert not np.allclose(swapped, positive)
    assert sentiment_encoder.positive_probabilities([], np.zeros((0, 384))).shape == (0,)


def test_english_texts_on_different_subjects_are_not_duplicates():
    # measured against Korean questions, every English text looked distinct and these pairs
    # passed (duplicates@3); against English sentences they do not
    left = [
        "The delivery took two weeks",
        "The battery drains very fast",
        "The box arrived crushed",
    ]
    right = [
        "Please offer an unscented version",
        "How do I get a refund?",
        "Please add a handle to this tumbler",
    ]
    proba, same = api.duplicate_decisions(
        [*left, "Please add a handle to this tumbler"], [*right, "I wish the tumbler had a handle"]
    )
    assert list(same) == [False, False, False, True]
    assert max(proba[:3]) < load("duplicates").threshold
