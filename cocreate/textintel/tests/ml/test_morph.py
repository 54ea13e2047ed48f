import subprocess
import sys

from cocreate.textintel import morph


def test_importing_does_not_load_kiwi():
    code = (
        "import cocreate.textintel.morph as m, cocreate.textintel.ml.api as api;"
        "import sys; sys.exit(1 if m.kiwi_loaded() or 'kiwipiepy' in sys.modules else 0)"
    )
    env_code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.test';" + code
    # our own interpreter running our own code
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", env_code], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()


def test_one_kiwi_per_process():
    assert morph.get_kiwi() is morph.get_kiwi()
    assert morph.kiwi_loaded()


def test_morphemes_are_form_tag_pairs():
    result = morph.morphemes("배송이 빨랐어요")
    assert ("배송", "NNG") in result
    assert ("이", "JKS") in result
    assert all(form for form, _tag in result)


def test_irregular_tags_are_plain():
    # Kiwi writes irregular stems as VA-R, VV-I, ...; the product sees the plain tag
    assert ("빠르", "VA") in morph.morphemes("배송이 빨랐어요")


def test_search_terms_drop_particles_and_endings():
    assert morph.search_terms("배송이 빨랐어요") == ["배송", "빠르"]
    assert morph.search_terms("Nike 운동화를 샀어요") == ["nike", "운동화", "사"]


def test_search_terms_of_nothing():
    assert morph.search_terms("") == []
    assert morph.search_terms("   ") == []
