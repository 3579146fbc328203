"""A compact scorer for the project's own annotated fixture articles
(tests/fixtures/annotated, gold in the format of ../shared/eval/GUIDELINES.md): the
same matching rules as the shared scorer (normalised names, aliases, role wordings
matched by token subset), computed on the extractor's output directly."""
from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from graph.articles import read_inputs
from graph.extract import extract
from graph.lexicon import load
from graph.resolve import resolve


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = re.sub(r"[\u2010-\u2015\-/]", " ", s)
    words = re.sub(r"[^\w\s]", " ", s).split()
    while words and words[0] in {"der", "die", "das", "des", "dem", "den", "dr", "prof"}:
        words = words[1:]
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    return bool(na and nb) and (na == nb or min(len(na), len(nb)) >= 6 and SequenceMatcher(None, na, nb).ratio() >= 0.92)


def same_role(system: str, variants: list[str]) -> bool:
    ts = set(norm(system).split())
    return any(ts <= set(norm(v).split()) or set(norm(v).split()) <= ts
               or SequenceMatcher(None, norm(system), norm(v)).ratio() >= 0.85 for v in variants)


def f1(hits_sys: int, n_sys: int, hits_gold: int, n_gold: int) -> float:
    p = hits_sys / n_sys if n_sys else 1.0
    r = hits_gold / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(setdir: Path) -> dict[str, float]:
    lex = load()
    articles = read_inputs([setdir / "articles.jsonl"]).articles
    exs = [extract(a, lex) for a in articles]
    res = resolve(exs, lex)
    gold = {json.loads(p.read_text("utf-8"))["id"]: json.loads(p.read_text("utf-8"))
            for p in sorted((setdir / "gold").glob("*.json"))}
    scores = {}
    # entities, per article: every resolved entity labels vs gold names
    g_ents, s_ents = [], []
    for ex in exs:
        g = gold[ex.article.id]
        g_ents += [(ex.article.id, e) for e in g["entities"]]
        for ref in ex.entities:
            if (ex.article.id, ref) in res:
                ent = res[(ex.article.id, ref)]
                s_ents.append((ex.article.id, ent.type, {ent.name} | ent.alt | ent.hidden))
    matched_s, matched_g = set(), set()
    for gi, (aid, ge) in enumerate(g_ents):
        names = [ge["name"], *ge.get("aliases", [])]
        for si, (said, stype, labels) in enumerate(s_ents):
            if si not in matched_s and said == aid and stype == ge["type"] and \
                    any(same_name(l, n) for l in labels for n in names):
                matched_s.add(si)
                matched_g.add(gi)
                break
    optional = {gi for gi, (_, ge) in enumerate(g_ents) if ge.get("optional")}
    n_sys = len(s_ents) - len([si for si in matched_s if any(
        gi in optional for gi in matched_g)])  # optional matches neither help nor hurt
    scores["entities"] = f1(len(matched_s), max(n_sys, len(matched_s)), len(matched_g - optional),
                            len(set(range(len(g_ents))) - optional))
    # posts: person and role wording
    g_posts = [(aid, p) for aid, g in gold.items() for p in g["posts"]]
    s_posts = [(ex.article.id, p) for ex in exs for p in ex.posts]
    used = set()
    hit = 0
    for aid, gp in g_posts:
        for si, (said, sp) in enumerate(s_posts):
            if si not in used and said == aid and same_name(res[(said, sp.person)].name, gp["person"]) \
                    and same_role(sp.wording, gp["role"]):
                used.add(si)
                hit += 1
                break
    scores["posts"] = f1(len(used), len(s_posts), hit, len(g_posts))
    for kind, a, b in (("part_of", "child", "parent"), ("involved_in", "actor", "initiative"),
                       ("succession", "successor", "predecessor")):
        g_rel = [(aid, r[a], r[b]) for aid, g in gold.items() for r in g[kind]]
        s_rel = {(ex.article.id, res[(ex.article.id, r.a)].name, res[(ex.article.id, r.b)].name)
                 for ex in exs for r in ex.relations if r.kind == kind
                 and (ex.article.id, r.a) in res and (ex.article.id, r.b) in res}
        s_rel = list(s_rel)
        used, hit = set(), 0
        for aid, ga, gb in g_rel:
            for si, (said, sa, sb) in enumerate(s_rel):
                if si not in used and said == aid and same_name(sa, ga) and same_name(sb, gb):
                    used.add(si)
                    hit += 1
                    break
        scores[kind] = f1(len(used), len(s_rel), hit, len(g_rel))
    scores["macro"] = sum(scores[k] for k in ("entities", "posts", "part_of", "involved_in", "succession")) / 5
    return scores
