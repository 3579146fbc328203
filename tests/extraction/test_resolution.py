"""Resolution across the corpus: one node per actor."""
from graph.articles import Article
from graph.extract import extract
from graph.lexicon import load
from graph.resolve import resolve


def _resolved(*texts: str):
    lex = load()
    exs = [extract(Article(id=f"a{k}", title=title, text=text), lex) for k, (title, text) in enumerate(texts)]
    return resolve(exs, lex)


def _iri(res, article, etype, name):
    return res[(article, (etype, name))].iri


def test_family_name_joins_the_one_full_name_in_the_corpus():
    res = _resolved(("", "Bundesdigitalminister Wissing sprach."), ("", "Volker Wissing eröffnete die Messe."))
    assert _iri(res, "a0", "Person", "Wissing") == _iri(res, "a1", "Person", "Volker Wissing")
    assert res[("a0", ("Person", "Wissing"))].name == "Volker Wissing"


def test_family_name_shared_by_two_full_names_stays_apart():
    res = _resolved(("", "Minister Richter sprach."), ("", "Markus Richter sprach."), ("", "Michael Richter sprach."))
    assert _iri(res, "a0", "Person", "Richter") not in {_iri(res, "a1", "Person", "Markus Richter"),
                                                        _iri(res, "a2", "Person", "Michael Richter")}


def test_acronym_and_long_form_join_across_articles():
    res = _resolved(("", "Die Zentrale Vergabestelle für Digitales (ZVD) startet."), ("", "Die ZVD startet erneut."))
    assert _iri(res, "a0", "Organization", "Zentrale Vergabestelle für Digitales") == \
        _iri(res, "a1", "Organization", "ZVD")


def test_generic_office_is_scoped_to_its_land():
    res = _resolved(("Hamburg: A", "Die Senatskanzlei plant."), ("Berlin: B", "Die Senatskanzlei plant."))
    assert res[("a0", ("Organization", "Senatskanzlei Hamburg"))].iri != \
        res[("a1", ("Organization", "Senatskanzlei Berlin"))].iri


def test_known_actor_in_its_own_wording_gets_the_gazetteer_iri():
    res = _resolved(("", "Das Bundesinnenministerium plant."),)
    ent = res[("a0", ("Organization", "Bundesministerium des Innern"))]
    assert ent.iri.endswith("/organization/bundesministerium-des-innern")
    assert "BMI" in ent.alt


def test_gendered_and_inflected_role_nouns_map_to_one_concept():
    lex = load()
    assert len({lex.role_concept(w) for w in ("Staatssekretär", "Staatssekretärin", "Staatssekretärs",
                                               "Digitalisierungsstaatssekretärin")}) == 1


def test_canonical_name_does_not_depend_on_article_order():
    a = ("", "Die Zentrale Vergabestelle für Digitales (ZVD) startet.")
    b = ("", "Die ZVD startet erneut.")
    first = {e.name for e in _resolved(a, b).values()}
    second = {e.name for e in _resolved(b, a).values()}
    assert first == second == {"Zentrale Vergabestelle für Digitales"}
