import pytest

from cocreate.core.text import MAX_REPEAT, detect_language, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "\uff21\uff22\uff23\u3000\uff11\uff12\uff13",
            "ABC 123",
        ),  # NFKC: full-width letters, digits and space
        ("  배송이\t\t빨라요\n\n좋아요  ", "배송이 빨라요 좋아요"),
        ("ㅋㅋㅋㅋㅋㅋㅋ 최고", "ㅋㅋㅋ 최고"),
        ("너무 좋아요ㅠㅠㅠㅠㅠ", "너무 좋아요ㅠㅠㅠ"),
        ("Amazing!!!!!!!", "Amazing!!!"),
        ("sooooo good", "sooo good"),
        ("ㅋㅋㅋ", "ㅋㅋㅋ"),  # a run of exactly MAX_REPEAT is kept
        ("a\u200bb", "ab"),  # zero-width space
        ("㈜삼성", "(주)삼성"),
        ("", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_keeps_compatibility_jamo():
    # NFKC alone would turn ㅋ (U+314B) into the conjoining ᄏ (U+110F)
    assert normalize("ㅋㅋ") == "\u314b\u314b"


def test_normalize_is_idempotent():
    text = "\uff21\uff22\uff23  ㅋㅋㅋㅋㅋ!!!!!   좋아요"
    assert normalize(normalize(text)) == normalize(text)


def test_runs_are_cut_to_max_repeat():
    assert normalize("!" * 50) == "!" * MAX_REPEAT


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("배송이 빨라서 좋아요", "ko"),
        ("나이키 Air Zoom Pegasus 사이즈 잘 맞아요", "ko"),
        ("ㅋㅋㅋ", "ko"),
        ("Love this dress, fits perfectly.", "en"),
        ("ok", "en"),
        ("このドレスは素敵です", "other"),
        ("Отличное платье", "other"),
        ("12345 !!!", "other"),
        ("", "other"),
        ("x", "other"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language
