"""`cocreate textintel_evaluate` on small files in each format of data/ (extra columns, columns
in another order, quoted newlines, KorSTS quote characters)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cocreate.textintel.ml import data, pipeline

FIXTURES = Path(__file__).parent / "fixtures"


def evaluate(*args, stderr=None):
    out = StringIO()
    call_command("textintel_evaluate", *args, stdout=out, stderr=stderr or StringIO())
    lines = out.getvalue().strip().splitlines()
    return json.loads(lines[-1])


def test_readers_find_columns_by_name():
    clothing = data.read_clothing(FIXTURES / "clothing.csv", "department")
    assert {e.label for e in clothing} == {"Tops", "Dresses", "Bottoms", "Intimate", "Jackets"}
    assert any("\n" in e.text for e in clothing)  # the quoted newline survived
    sentiment = data.read_clothing(FIXTURES / "clothing.csv", "sentiment")
    assert len(sentiment) == len(clothing) - 1  # the 3-star review is left out
    assert len(data.read_kobest(FIXTURES / "kobest.tsv")) == 16
    korsts = data.read_korsts(FIXTURES / "korsts.tsv")
    assert len(korsts) == 12
    assert any('"' in p.a + p.b for p in korsts)  # quoting disabled


@pytest.mark.parametrize(("name", "n"), [("duplicates-dev.tsv", 78), ("duplicates-test.tsv", 39)])
def test_the_hand_written_product_pairs_read_as_question_pairs(settings, name, n):
    pairs = data.read_kqp(Path(settings.DATA_DIR) / "textintel-handmade" / name)
    assert len(pairs) == n
    assert {p.score for p in pairs} == {0.0, 1.0}
    assert all(p.a and p.b and p.a != p.b for p in pairs)


def test_kobest_sentiment():
    result = evaluate("--format", "kobest", "--input", str(FIXTURES / "kobest.tsv"))
    assert result["task"] == "kobest"
    assert result["n"] == 16
    assert result["accuracy"] >= 0.75
    assert set(result) >= {"task", "n", "accuracy", "macro_f1"}


def test_clothing_sentiment_and_department(tmp_path):
    path = str(FIXTURES / "clothing.csv")
    cache = tmp_path / "cache"
    sentiment = evaluate(
        "--format", "clothing", "--input", path, "--model", "sentiment", "--cache", str(cache)
    )
    assert sentiment["task"] == "clothing-sentiment"
    assert sentiment["model"].endswith("+sentiment-en-encoder@1")
    assert sentiment["accuracy"] >= 0.75
    # English sentiment is measured as the product stores it: read again with each vector
    assert (cache / "encoder-vectors.npz").is_file()
    department = evaluate(
        "--format", "clothing", "--input", path, "--target", "department", "--model", "category"
    )
    assert department["n"] == 22
    assert department["accuracy"] >= 0.6


def test_maalej_kind():
    result = evaluate(
        "--format", "maalej", "--input", str(FIXTURES / "maalej.csv"), "--model", "kind"
    )
    assert result["task"] == "maalej"
    assert result["n"] == 16
    assert 0.0 <= result["macro_f1"] <= 1.0


def test_train_pipeline_on_a_file(tmp_path):
    path = str(FIXTURES / "petitions.csv")
    cache = tmp_path / "cache"
    progress = StringIO()
    result = evaluate(
        "--format",
        "petitions",
        "--input",
        path,
        "--train",
        path,
        "--cache",
        str(cache),
        stderr=progress,
    )
    assert (cache / "encoder-vectors.npz").is_file()  # the encoder's vectors sit beside
    assert result["encoder_vectors"] is True
    # the encoder's progress goes to standard error; standard output ends with the JSON
    assert "encoder [" in progress.getvalue() and "18 / 18 texts (100 %)" in progress.getvalue()
    assert result["c"] in pipeline.TUNED_C or result["c"] == pipeline.PIPELINE_C
    assert result["n"] == 18
    assert result["n_train"] == 18
    assert result["accuracy"] >= 0.9  # measured on its own training file: it must fit it


def test_kqp_accuracy_at_the_threshold():
    result = evaluate("--format", "kqp", "--input", str(FIXTURES / "kqp.tsv"))
    assert result["task"] == "kqp"
    assert result["n"] == 12
    assert result["accuracy"] >= 0.6
    assert "threshold" in result


def test_korsts_spearman():
    result = evaluate(
        "--format", "korsts", "--input", str(FIXTURES / "korsts.tsv"), "--model", "similarity"
    )
    assert result["n"] == 12
    assert result["spearman"] > 0.5


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "kobest", "--input", "/no/such/file.tsv"],
        ["--format", "kobest", "--input", str(FIXTURES / "kobest.tsv"), "--target", "class"],
        ["--format", "kobest", "--input", str(FIXTURES / "kobest.tsv"), "--model", "category"],
        ["--format", "maalej", "--input", str(FIXTURES / "kobest.tsv"), "--model", "kind"],
    ],
)
def test_bad_arguments_are_refused(args):
    with pytest.raises(CommandError):
        call_command("textintel_evaluate", *args, stdout=StringIO())


def test_a_training_file_beyond_the_encoders_reach_is_fitted_on_the_words(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "ENCODER_MAX_TEXTS", 10)
    path = str(FIXTURES / "petitions.csv")
    cache = tmp_path / "cache"
    result = evaluate(
        "--format", "petitions", "--input", path, "--train", path, "--cache", str(cache)
    )
    assert result["encoder_vectors"] is False
    assert not (cache / "encoder-vectors.npz").exists()  # nothing was encoded
    assert result["n_train"] == 18 and result["accuracy"] >= 0.9
