"""Regression over the project's own annotated articles (tests/fixtures/annotated):
written for this project in its own words, with gold by ../shared/eval/GUIDELINES.md.
The thresholds sit a little below today's scores, so a change that makes the extractor
worse on them fails here."""
import pytest

from tests.conftest import FIXTURES
from tests.extraction.evaluation import evaluate

FLOORS = {"entities": 0.90, "posts": 0.90, "part_of": 0.80, "involved_in": 0.65, "succession": 0.90, "macro": 0.85}


@pytest.fixture(scope="module")
def scores():
    return evaluate(FIXTURES / "annotated")


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_annotated_articles_score_above_the_floor(scores, measure):
    assert scores[measure] >= FLOORS[measure], scores
