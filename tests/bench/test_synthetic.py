"""The synthetic benchmark corpus: deterministic, news-shaped, and something the
extractor really works on."""
import json

import synthetic

from graph.articles import Article
from graph.extract import extract


def _lines(n, seed):
    return [json.dumps(a, ensure_ascii=False) for a in synthetic.corpus(n, seed)]


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert _lines(30, 7) == _lines(30, 7)
    assert _lines(30, 7) != _lines(30, 8)


def test_articles_have_the_fields_and_about_300_words():
    arts = list(synthetic.corpus(50, 3))
    assert len({a["id"] for a in arts}) == 50
    for a in arts:
        assert set(a) == {"id", "url", "title", "date", "text"}
        assert 280 <= len(a["text"].split()) <= 360


def test_extraction_finds_people_posts_and_recurring_actors():
    arts = [Article(a["id"], a["title"], a["text"], a["date"]) for a in synthetic.corpus(60, 5)]
    exs = [extract(a) for a in arts]
    assert all(any(t == "Person" for t, _ in ex.entities) for ex in exs)
    assert sum(len(ex.posts) for ex in exs) >= 2 * len(exs)
    persons = [name for ex in exs for (t, name) in ex.entities if t == "Person"]
    assert len(persons) > len(set(persons))  # the same actors recur across articles
    assert any(r.kind == "succession" for ex in exs for r in ex.relations)
