"""Finding mentions in a sentence: persons, known actors, roles, organisations,
initiatives and places. Each finder claims tokens; later finders only see free ones,
so the order of the calls in extract.py is the order of precedence."""
from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicon import Lexicon, OrgKind
from .nlp import pipeline
from .spans import SentState, Span
from .tokens import (ARTICLES, INDEFINITE, PARTICLES, QUOTES_CLOSE, QUOTES_OPEN, function_word, is_acronym,
                     is_cap, is_first_name, is_nameish, is_number, is_proper_adjective, is_surname,
                     modifier_stem)

# ------------------------------------------------------------------ persons


def full_names(st: SentState, lex: Lexicon) -> None:
    """First name(s) + family name: 'Katharina Fegebank', 'Hans-Josef Fischer',
    'Sven-Georg Adenauer'. Titles before the name are skipped, not kept."""
    i = 0
    while i < st.n:
        end = _name_end(st, lex, i) if st.owner[i] is None else None
        if end:
            st.add(Span("Person", i, end, st.text(i, end)))
            i = end
        else:
            i += 1


def _name_end(st: SentState, lex: Lexicon, i: int) -> int | None:
    if not is_first_name(lex, st.toks[i]):
        return None
    j = i + 1
    while j < st.n and is_first_name(lex, st.toks[j]) and j + 1 < st.n and is_surname(lex, st.toks[j + 1]) \
            and st.owner[j] is None:
        j += 1
    k = j
    m = 0
    while k + m < st.n and st.toks[k + m] in PARTICLES and m < 2:
        m += 1  # "von", "von der", "van den"
    if m and is_cap(st.tok(k + m)):
        k += m
    if k < st.n and st.owner[k] is None and is_surname(lex, st.toks[k]) \
            and (not is_first_name(lex, st.toks[k]) or _name_continues(st, k)):
        return k + 1
    if k == j and j - i >= 2 and is_surname(lex, st.toks[j - 1]):
        return j  # "Thomas Martin": the last first-name-like word is the family name
    return None


def _name_continues(st: SentState, k: int) -> bool:
    """A family name that is also a first name ('Michael Martin') still ends a name
    when punctuation or a lower-case word follows."""
    nxt = st.tok(k + 1)
    return not nxt or not is_cap(nxt)


def surname_mentions(st: SentState, lex: Lexicon, surnames: dict[str, str]) -> None:
    """Later mentions by family name alone ('Klement folgt auf ...', genitive
    'Feußners'), for names that are unambiguous in the article."""
    for i, tok in enumerate(st.toks):
        if st.owner[i] is not None:
            continue
        full = surnames.get(tok) or (surnames.get(tok[:-1]) if tok.endswith("s") else None)
        if full:
            st.add(Span("Person", i, i + 1, full, how="surname"))


def titled_surnames(st: SentState, lex: Lexicon) -> None:
    """A family name alone right after a role or title: 'Bundesdigitalminister Wissing',
    'Botschafter Prosor', 'Professoren Rombach und Steinebach'."""
    titles = lex.wordlist("titles")
    for i, tok in enumerate(st.toks):
        if i == 0 or st.owner[i] is not None or not tok[:1].isupper():
            continue
        prev = st.owner[i - 1]
        after_title = st.toks[i - 1] in titles
        if not (after_title or prev is not None or st.toks[i - 1] == "und"):
            continue  # only after a title, a role or a name pair can a family name stand alone
        if not is_surname(lex, tok) or is_first_name(lex, tok) or tok in lex.surfaces:
            continue  # a known place or body after a role is no family name ("Ministerpräsident Brandenburgs")
        after_role = prev is not None and prev.kind == "Role" and prev.end == i
        # second of a pair: "Professoren Rombach und Steinebach"
        after_pair = (st.tok(i - 1) == "und" and st.at(i - 2) is not None and st.at(i - 2).kind == "Person"
                      and st.at(i - 2).how == "titled")
        if not (after_title or after_role or after_pair):
            continue
        nxt = st.tok(i + 1)
        if nxt and is_cap(nxt) and not is_acronym(nxt):
            continue  # "Landrat Kreis..." is no name; a name is followed by a verb or punctuation
        st.add(Span("Person", i, i + 1, tok, how="titled"))


# ------------------------------------------------------------------ known actors (gazetteer)

def _gazetteer_matcher(lex: Lexicon) -> PhraseMatcher:
    """spaCy's PhraseMatcher over every surface form of the gazetteer; the match id is the
    form itself, which leads to the actor (and how it refers: name, adjective, genitive).
    Built once per lexicon."""
    def build(lex_: Lexicon, _key: str) -> PhraseMatcher:
        nlp = pipeline()
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(lex_.surfaces)
        for form, doc in zip(forms, nlp.tokenizer.pipe(forms)):
            matcher.add(form, [doc])
        return matcher
    return lex.cached("phrase-matcher", "gazetteer", build)


PLACE_CUES = {"in", "nach", "aus", "von", "bei", "Stadt", "Gemeinde", "Kreis", "Landkreis", "(", "und", ","}


def gazetteer_matches(states: list[SentState], lex: Lexicon) -> list[list[tuple[int, int, str]]]:
    """Per sentence, the (start, end, surface form) of every gazetteer match: one
    PhraseMatcher run over the article's tokens (a match never crosses a sentence)."""
    matcher = _gazetteer_matcher(lex)
    words, spaces, offsets = [], [], []
    for st in states:
        offsets.append(len(words))
        words.extend(st.toks)
        spaces.extend(st.sent.spaces)
    doc = Doc(matcher.vocab, words=words, spaces=spaces)
    out: list[list[tuple[int, int, str]]] = [[] for _ in states]
    strings = matcher.vocab.strings
    k = 0
    for mid, start, end in sorted(matcher(doc), key=lambda m: m[1]):
        while k + 1 < len(offsets) and offsets[k + 1] <= start:
            k += 1
        if end - offsets[k] <= states[k].n:
            out[k].append((start - offsets[k], end - offsets[k], strings[mid]))
    return out


def known_entities(st: SentState, lex: Lexicon, matches: list[tuple[int, int, str]]) -> None:
    """Longest matches of the gazetteer's labels, adjectives and genitives. A place name
    that is also a common noun ('Lage', 'Hof') counts only with a cue ('in Lage',
    'Stadt Lage', '(Lage)', a list of places)."""
    # longest first at each start; then left to right without overlap
    candidates = sorted((start, -end, form) for start, end, form in matches)
    ambiguous = lex.wordlist("ambiguous_places")
    taken_until = 0
    for start, neg_end, form in candidates:
        end = -neg_end
        if start < taken_until or not st.free(start, end):
            continue
        if (form in ambiguous or len(form) < 3) and st.tok(start - 1) not in PLACE_CUES \
                and st.tok(end) not in (",", ")"):
            continue
        if function_word(lex, form):
            continue
        iri, how = lex.surfaces[form][0]
        if how == "genitive" and not is_cap(st.tok(end)) and not (is_cap(st.tok(start - 1)) and lex.role_concept(
                st.tok(start - 1))):
            continue  # "Hessens Digitalministerin", "Ministerpräsident Brandenburgs"; not "Aus diesem Grund"
        ent = lex.entities[iri]
        if _is_municipality(ent) and how == "name" and st.tok(start - 1).lower() in ARTICLE_OR_CONTRACTION:
            continue  # "im Norden", "die Lage", "der Hof": a noun with its article, not the town
        kind = lex.org_kind(ent.pref.split(" ")[0]) if ent.type == "Organization" else None
        st.add(Span(ent.type, start, end, ent.pref, iri=iri, how=how,
                    aliases=[form] if form != ent.pref and how == "name" else [], level=ent.level,
                    kind_iri=kind.concept if kind else None))
        taken_until = end
    for i in range(st.n):
        compound = _compound_prefix(st, lex, i)
        if compound:
            st.add(compound)


ARTICLE_OR_CONTRACTION = ARTICLES | {"im", "am", "vom", "zum", "beim", "ins", "ans"}


def _is_municipality(ent) -> bool:
    return bool(ent.level and ent.level.endswith("/gemeinde"))


def _compound_prefix(st: SentState, lex: Lexicon, i: int) -> Span | None:
    """'OZG-Umsetzung', 'NOOTS-Staatsvertrag': a known short name as the first part of
    a hyphenated compound mentions that actor. ('NRW-Innenminister' is a role; the
    role finder reads its place.)"""
    tok = st.toks[i]
    if st.owner[i] is not None or "-" not in tok or lex.role_concept(tok) or lex.initiative_kind(tok):
        return None  # "NOOTS-Staatsvertrag" is a treaty of its own, found by its head noun
    parts = tok.split("-")
    refs = None
    for k in range(len(parts) - 1, 0, -1):
        # "Einer-für-Alle-Verfahren": a multi-word name written with hyphens
        first = " ".join(parts[:k]) if k > 1 else parts[0]
        refs = lex.surfaces.get(first)
        if refs and (k > 1 or is_acronym(first)):
            break
        refs = None
    if not refs:
        return None
    iri, how = refs[0]
    ent = lex.entities[iri]
    if how != "name" or ent.type == "Person":
        return None
    return Span(ent.type, i, i + 1, ent.pref, iri=iri, how="compound", level=ent.level)


# ------------------------------------------------------------------ roles

GENDER_SUFFIX = {"innen", "Innen"}


def roles(st: SentState, lex: Lexicon) -> None:
    """Role nouns with their modifiers and 'für ...' complement: 'Bezirkssenatorin',
    'neuer Chief Digital Officer (CDO)', 'Minister für Digitales und Infrastruktur',
    'Unterabteilungsleiter:innen', 'Bürgermeister von Detmold' (before a name)."""
    i = 0
    while i < st.n:
        found = _role_at(st, lex, i) if st.owner[i] is None else None
        if not found:
            i += 1
            continue
        start, head_end, concept = found
        end = head_end
        if st.tok(end) in (":", "*") and st.tok(end + 1) in GENDER_SUFFIX:
            end += 2  # "Unterabteilungsleiter:innen"
        end = _skip_parenthesised_acronym(st, end)
        compl_end = _fuer_complement(st, lex, end)
        left, former, appointment = _role_left(st, lex, start)
        words = [t for t in st.toks[left:start] if _kept_modifier(lex, t)]
        wording = " ".join(words + [_role_nominative(lex, st.text(start, head_end))] +
                           ([st.text(end, compl_end)] if compl_end > end else []))
        span_end = _place_before_name(st, compl_end)
        span = st.add(Span("Role", left, span_end, wording.strip(), iri=concept,
                           former=former, appointment=appointment))
        span.scope_hint = _jurisdiction_before(st, left) or _jurisdiction_in(lex, st.toks[start])
        if span_end > compl_end:
            span.attach.append(st.at(compl_end + 1) or span)
        i = span_end


def offices_named_by_role(st: SentState, lex: Lexicon) -> None:
    """'Staatsrat beim Senator für Finanzen': in Bremen an authority is named after its
    senator; a role with a 'für' field after 'beim' / 'bei der' and with no person of its
    own is that authority, not a posting."""
    for sp in [s for s in st.spans if s.kind == "Role"]:
        prep, prep2 = st.tok(sp.start - 1), st.tok(sp.start - 2)
        if not (prep == "beim" or prep in ("der", "dem") and prep2 in ("bei", "von")) or " für " not in sp.name:
            continue
        if _person_follows(st, lex, sp.end):
            continue
        st.remove(sp)
        kind = lex.org_kind("Behörde")
        st.add(Span("Organization", sp.start, sp.end, sp.name, kind_iri=kind.concept if kind else None,
                    org_class=kind.org_class if kind else None))


def _role_at(st: SentState, lex: Lexicon, i: int) -> tuple[int, int, str] | None:
    tok = st.toks[i]
    if not (is_cap(tok) or tok[:1].isdigit() and "-" in tok) or function_word(lex, tok):
        return None  # "4IT-Verbandsvorsitzende" starts with a digit
    multi = _multiword_role(st, lex, i)
    if multi:
        return i, multi[0], multi[1]
    concept = lex.role_concept(tok)
    if not concept:
        return None
    if (lex.org_kind(tok) or lex.initiative_kind(tok)) and not _person_follows(st, lex, i + 1):
        return None  # "Stadtrat" is the council, "Stadtrat Oliver Nöll" a person's office
    return i, i + 1, concept


def _person_follows(st: SentState, lex: Lexicon, j: int) -> bool:
    while st.tok(j) in lex.wordlist("titles"):
        j += 1
    nxt = st.at(j)
    return nxt is not None and nxt.kind == "Person"


def _place_before_name(st: SentState, end: int) -> int:
    """'Bürgermeister von Detmold Rainer Heller': the place joins the role when a name follows."""
    if st.tok(end) == "von":
        place = st.at(end + 1)
        if place is not None and place.kind == "Jurisdiction":
            after = st.at(place.end)
            if after is not None and after.kind == "Person":
                return place.end
    return end


def _jurisdiction_in(lex: Lexicon, tok: str) -> Span | None:
    """'NRW-Innenminister', 'Bundes-CIO': a known place as the first part of a role compound."""
    if "-" not in tok:
        return None
    refs = [r for r in lex.surfaces.get(tok.split("-", 1)[0], ()) if r[1] == "name"]
    if refs and lex.entities[refs[0][0]].type == "Jurisdiction" and not _is_municipality(lex.entities[refs[0][0]]):
        ent = lex.entities[refs[0][0]]
        return Span("Jurisdiction", -1, -1, ent.pref, iri=ent.iri, level=ent.level, how="compound")
    return None


def _multiword_role(st: SentState, lex: Lexicon, i: int) -> tuple[int, str] | None:
    """'Chief Digital Officer' and other multi-word labels; any 'Chief ... Officer'."""
    for parts, concept in lex.role_phrases.get(st.toks[i], ()):
        if tuple(st.toks[i:i + len(parts)]) == parts and st.free(i, i + len(parts)):
            return i + len(parts), concept
    if st.toks[i] == "Chief":
        for j in range(i + 1, min(i + 5, st.n)):
            if st.toks[j] in ("Officer", "Officers"):
                return j + 1, lex.role_concept("officer") or ""
            if not is_cap(st.toks[j]):
                break
    return None


_ADJECTIVAL = re.compile(r"^(.*(?:vorsitzend|beauftragt|abgeordnet|beigeordnet|angestellt))(en|em|e|er)$", re.I)


def gendered_role(wording: str, gender: str | None) -> str:
    """Nominalised adjectives take the holder's gender: 'Vorsitzender' / 'Vorsitzende'."""
    words = wording.split(" ")
    for k, w in enumerate(words):
        m = _ADJECTIVAL.match(w)
        if m and (k == len(words) - 1 or words[k + 1] in ("für", "der", "des")):
            words[k] = m.group(1) + ("e" if gender == "f" else "er")
    return " ".join(words)


def _role_nominative(lex: Lexicon, text: str) -> str:
    """The role as a headword: 'Staatssekretärs' -> 'Staatssekretär', 'Präsidenten' ->
    'Präsident', 'Vorsitzenden' -> 'Vorsitzender', 'Officers' -> 'Officer'."""
    words = text.split(" ")
    last = words[-1]
    m = _ADJECTIVAL.match(last)
    if m:
        words[-1] = m.group(1) + "er"
        return " ".join(words)
    for ending in ("en", "es", "s", "n"):
        base = last[: -len(ending)]
        if last.endswith(ending) and len(base) > 3 and lex.role_concept(base) == lex.role_concept(last) \
                and lex.role_concept(base) is not None and not base.endswith(("in", "e")):
            words[-1] = base
            break
    return " ".join(words)


def _kept_modifier(lex: Lexicon, tok: str) -> bool:
    """Modifiers that change the role stay in the wording (stellvertretender, Technischer);
    those of time or news (neuer, bisheriger, designierte) do not."""
    stem = modifier_stem(lex, tok)
    if stem:
        return stem not in lex.wordlist("dropped_modifiers")
    return is_proper_adjective(tok) and tok not in lex.surfaces


def _role_left(st: SentState, lex: Lexicon, start: int) -> tuple[int, bool, bool]:
    """Extend a role over its modifiers to the left; tell whether it was held before
    ('ehemaliger') or is being taken up ('neuer', 'designierte')."""
    left, former, appointment = start, False, False
    while left > 0 and st.owner[left - 1] is None:
        tok = st.toks[left - 1]
        stem = modifier_stem(lex, tok)
        if stem:
            former |= stem in lex.wordlist("former_modifiers")
            appointment |= stem in ("neu", "designiert", "künftig", "zukünftig")
        elif not (is_proper_adjective(tok) and not function_word(lex, tok) and tok not in lex.surfaces):
            break
        left -= 1
    return left, former, appointment


def _jurisdiction_before(st: SentState, left: int):
    """A Land adjective or genitive right before the role: 'bayerische Digitalminister',
    'Hessens Digitalministerin'."""
    prev = st.at(left - 1)
    if prev is not None and prev.kind == "Jurisdiction" and prev.end == left:
        return prev
    return None


def _skip_parenthesised_acronym(st: SentState, end: int) -> int:
    if st.tok(end) == "(" and st.tok(end + 2) == ")" and is_acronym(st.tok(end + 1)):
        return end + 3
    return end


def _fuer_complement(st: SentState, lex: Lexicon, end: int) -> int:
    """'für Digitales und Infrastruktur', 'für den Bereich Digitalisierung'."""
    if st.tok(end) != "für":
        return end
    j = _np_list(st, lex, end + 1, allow_articles=True)
    return j if j > end + 1 else end


def _np_list(st: SentState, lex: Lexicon, j: int, allow_articles: bool = False) -> int:
    """End of a coordinated list of capitalised nouns: 'Wissenschaft, Forschung,
    Gleichstellung und Bezirke'; lower-case adjectives before a noun are allowed."""
    end = j
    while j < st.n:
        tok = st.toks[j]
        own = st.owner[j]
        if own is not None and own.kind != "Jurisdiction":
            break
        if is_cap(tok) and not function_word(lex, tok) and not lex.role_concept(tok):
            j += 1
            end = j
        elif tok.endswith("-") and len(tok) > 2:  # "Wirtschafts-" in "Wirtschafts- und Digitalminister"
            j += 1
        elif tok in ("und", ",", "sowie") and j + 1 < st.n and (is_cap(st.toks[j + 1]) or
                                                                  _adjective_before_noun(st, j + 1)):
            if tok == "," and not is_cap(st.toks[j + 1]):
                break
            j += 1
        elif allow_articles and (tok in ARTICLES or tok in INDEFINITE) and j + 1 < st.n and \
                (is_cap(st.toks[j + 1]) or _adjective_before_noun(st, j + 1)):
            j += 1  # "Gesetz für ein interoperables Europa"
        elif tok[:1].islower() and _adjective_before_noun(st, j):
            j += 1
        else:
            break
    return end


def _adjective_before_noun(st: SentState, j: int) -> bool:
    tok, nxt = st.tok(j), st.tok(j + 1)
    return (tok[:1].islower() and tok.endswith(("e", "en", "er", "es", "em")) and len(tok) > 3 and is_cap(nxt)
            and tok not in ARTICLES | INDEFINITE | {"eine", "seine", "ihre", "unsere", "diese", "alle", "beide"})


# ------------------------------------------------------------------ organisations and initiatives


def organisations(st: SentState, lex: Lexicon) -> None:
    _headed(st, lex, "Organization", lex.org_kind)


def initiatives(st: SentState, lex: Lexicon) -> None:
    _headed(st, lex, "Initiative", lex.initiative_kind)


def _headed(st: SentState, lex: Lexicon, etype: str, kind_of) -> None:
    i = 0
    owner, toks, fw, heads = st.owner, st.toks, lex.function_words, lex.org_heads
    while i < st.n:
        tok = toks[i]
        if owner[i] is not None or not tok[:1].isupper() and tok not in heads:
            i += 1
            continue
        kind = kind_of(tok) if tok[:1].isupper() and tok not in fw else None
        if kind is None and tok in heads and etype == "Organization":
            kind = heads[tok]  # legal forms: GmbH, eG, AöR
        if kind is None:
            i += 1
            continue
        span = _headed_span(st, lex, etype, i, kind)
        if span:
            st.add(span)
            i = span.end
        else:
            i += 1


def _is_legal_form(lex: Lexicon, tok: str) -> bool:
    return tok in lex.org_heads and (any(c.isupper() for c in tok[1:]) or tok in ("eG", "e.V.", "mbH"))


def _headed_span(st: SentState, lex: Lexicon, etype: str, i: int, kind: OrgKind) -> Span | None:
    tok = st.toks[i]
    if _is_legal_form(lex, tok):
        return _company(st, lex, i, kind)
    kind_of = lex.org_kind if etype == "Organization" else lex.initiative_kind
    head = _nominative_head(tok, kind_of)
    start = i
    scope_hint = None
    # left: coordinated first part ("Presse- und Informationsstelle"), proper adjectives
    if st.tok(i - 1) in ("und", "oder") and st.tok(i - 2).endswith("-") and st.free(i - 2, i):
        start = i - 2
    while start > 0 and st.owner[start - 1] is None and is_proper_adjective(st.toks[start - 1]) \
            and not function_word(lex, st.toks[start - 1]) and not modifier_stem(lex, st.toks[start - 1]):
        start -= 1
    prev = st.at(start - 1)
    if prev is not None and prev.kind == "Jurisdiction" and prev.how in ("adjective", "genitive") \
            and prev.end == start:
        scope_hint = prev
    end = _name_complement(st, lex, i + 1, etype, kind)
    if head in lex.wordlist("portfolio_words") and st.tok(i + 1) in ("des", "der") \
            and st.at(i + 2) is not None and st.at(i + 2).kind == "Organization":
        return None  # "zum Geschäftsbereich des Bundesministeriums": a relation, not a unit
    specific = end > i + 1 or start < i or "-" in tok.strip("-") or any(c.isupper() for c in tok[1:])
    if scope_hint is not None and kind.scoped_by is None and scope_hint.how == "adjective" and not specific \
            and is_cap(st.toks[scope_hint.start]):
        # "Hessischer Landkreistag": the Land adjective is part of the name
        start, scope_hint, specific = scope_hint.start, scope_hint, True
        st.remove(prev)
    bare = _kind_head(lex, head, kind).lower() == head.lower()
    if _indefinite_before(st, start) and end == i + 1 and (etype == "Organization" or bare):
        return None  # "ein Staatsvertrag", "eine Kommunikations- und Strategieagentur"; not "eines Interoperabilitätsgesetzes"
    parts = ([_adjectives_nominative(st.text(start, i))] if start < i else []) + [head] + \
            ([st.text(i + 1, end)] if end > i + 1 else [])
    span = Span(etype, start, end, " ".join(parts).strip(), kind_iri=kind.concept, org_class=kind.org_class)
    if etype == "Initiative" and end > i + 1 and start == i and is_proper_adjective(st.tok(i + 1)) \
            and head.lower() == _kind_head(lex, head, kind).lower():
        span.aliases.append(span.name)  # "Projekt Digitale Modellregionen" is "Digitale Modellregionen"
        span.name = st.text(i + 1, end)
    span.scope_hint = scope_hint
    if specific:
        return span
    if tok in lex.wordlist("anaphoric_heads") or head in lex.wordlist("anaphoric_heads"):
        span.how = "anaphor"  # "das Ministerium": the one named before, if any
        span.generic = [head]
        return span
    if kind.scoped_by is None:
        # A bare compound organisation ("Rechenzentrum") names nothing specific; a bare
        # compound initiative usually is a name ("Digitaldialog", "Registermodernisierung").
        if etype == "Initiative" and kind.named_by_compound and len(head) > len(_kind_head(lex, head, kind)) + 3:
            return span
        return None
    adjective = _descriptive_adjective(st, lex, start)
    if adjective and etype == "Initiative":
        # "die bezirkliche Digitalstrategie": another strategy than the Land's own
        span.start = start - 1
        span.name = f"{adjective} {head}"
        span.generic = [st.text(start - 1, end)]
        return span
    span.how = "generic"
    span.generic = [head]
    span.scope = "parent" if kind.scoped_by == "parent" else _scope_level(head)
    return span


_ADJ_END = re.compile(r"(e|en|er|es|em)$")


def _adjectives_nominative(text: str) -> str:
    """'Hessischen' -> 'Hessische', 'Kommunales' -> 'Kommunale': one form for every case,
    so that an office named in the genitive and in the nominative is one name."""
    return " ".join(_ADJ_END.sub("e", w) if is_proper_adjective(w) else w for w in text.split(" "))


def _indefinite_before(st: SentState, start: int) -> bool:
    k = start - 1
    while k >= 0 and st.toks[k][:1].islower() and st.toks[k].endswith(("e", "es", "en", "er", "em")) \
            and st.toks[k].lower() not in INDEFINITE and k > start - 3:
        k -= 1
    return st.tok(k).lower() in INDEFINITE


def _descriptive_adjective(st: SentState, lex: Lexicon, start: int) -> str | None:
    """A lower-case adjective that makes a generic name another thing: 'bezirkliche'
    (not 'neue', not a Land adjective), in its nominative feminine/neuter form."""
    tok = st.tok(start - 1)
    if not tok[:1].islower() or st.at(start - 1) is not None or tok in ARTICLES or len(tok) < 5:
        return None
    if not re.search(r"(lich|isch|al|ig)(e|en|er|es|em)$", tok):
        return None
    stem = modifier_stem(lex, tok)
    if stem in lex.wordlist("dropped_modifiers"):
        return None
    base = _ADJ_END.sub("", tok)
    return base[:1].upper() + base[1:] + "e"


def _kind_head(lex: Lexicon, word: str, kind: OrgKind) -> str:
    """The head noun a word of this kind ends in: 'Digitalstrategie' -> 'strategie'."""
    def compute(lex_: Lexicon, w: str) -> str:
        low = w.lower()
        heads = [h for h, k in {**lex_.org_heads, **lex_.initiative_heads}.items()
                 if k == kind and low.endswith(h.lower())]
        return max(heads, key=len) if heads else w
    return lex.cached("kind-head:" + kind.concept, word, compute)


def _company(st: SentState, lex: Lexicon, i: int, kind: OrgKind) -> Span | None:
    """'KL.digital GmbH', 'govdigital eG', 'INFOKOM Gütersloh AöR': the name precedes the legal form."""
    prev = st.at(i - 1)
    if prev is not None and prev.kind == "Organization" and prev.end == i and prev.iri:
        # "Lecos GmbH" where Lecos is known: the same actor with its legal form
        st.remove(prev)
        prev.aliases.append(f"{st.text(prev.start, i)} {st.toks[i]}")
        prev.end = i + 1
        return prev
    start = i
    while start > 0 and i - start < 4 and (st.owner[start - 1] is None or st.owner[start - 1].kind == "Jurisdiction"
                                           or st.owner[start - 1].kind == "Organization" and st.owner[start - 1].iri):
        tok = st.toks[start - 1]
        if tok in ARTICLES or function_word(lex, tok) or tok in (",", "(", ")", "–", "-", "und", "sowie") \
                or tok in QUOTES_OPEN or tok in QUOTES_CLOSE:
            break
        if is_cap(tok) and not (is_acronym(tok) or "." in tok or tok in lex.surfaces or any(c.isdigit() for c in tok)):
            if start < i and not (i - start == 1 and _looks_like_brand(tok)):
                break
        start -= 1
    if st.toks[i] == "e.V." and st.at(i - 1) is not None and st.at(i - 1).kind == "Organization":
        prev = st.at(i - 1)  # "Bundes-Arbeitsgemeinschaft ... e.V.": the association's own suffix
        st.remove(prev)
        prev.end, prev.name = i + 1, f"{prev.name} e.V."
        return prev
    if start == i:
        prev = st.at(i - 1)
        if prev is not None and prev.kind == "Organization" and prev.end == i:
            # "Lecos GmbH" where Lecos is known: the same actor with its legal form
            st.remove(prev)
            prev.aliases.append(f"{st.text(prev.start, i)} {st.toks[i]}")
            prev.end = i + 1
            return prev
        return None
    inner = []
    for k in range(start, i):
        if st.owner[k] is not None and all(st.owner[k] is not x for x in inner):
            inner.append(st.owner[k])
    for span in inner:
        st.remove(span)  # "INFOKOM Gütersloh AöR": the town is part of the company's name
    return Span("Organization", start, i + 1, st.text(start, i + 1), kind_iri=kind.concept,
                org_class=kind.org_class)


def _looks_like_brand(tok: str) -> bool:
    return any(c.isdigit() for c in tok) or "." in tok or any(c.isupper() for c in tok[1:])


def _nominative_head(tok: str, kind_of) -> str:
    """'Amtes' -> 'Amt', 'Landesbetriebs' -> 'Landesbetrieb', 'Bundestages' -> 'Bundestag'."""
    for ending in ("es", "s"):
        base = tok[: -len(ending)]
        if tok.endswith(ending) and len(base) > 2 and kind_of(base) is not None and kind_of(base) == kind_of(tok):
            if ending == "es" or not base.endswith("s"):
                return base
    return tok


def _name_complement(st: SentState, lex: Lexicon, j: int, etype: str, kind: OrgKind) -> int:
    """End of what follows a head noun and belongs to the name."""
    if j >= st.n:
        return j
    tok = st.tok(j)
    head = st.tok(j - 1)
    if tok in kind.complements and "-" not in head:
        end = _np_list(st, lex, j + 1, allow_articles=etype == "Initiative")
        return end if end > j + 1 else j
    if tok == "der" and kind.concept.endswith("/verband"):
        k = j + 1
        while k < st.n and is_proper_adjective(st.toks[k]) and st.owner[k] is None:
            k += 1
        if k > j + 1 or (is_cap(st.tok(k)) and st.owner[k] is None and not lex.org_kind(st.tok(k))):
            if is_cap(st.tok(k)) and st.owner[k] is None and not function_word(lex, st.tok(k)):
                return k + 1  # "Bundes-Arbeitsgemeinschaft der Kommunalen IT-Dienstleister"
    if tok in ("des", "der") and etype == "Organization" and kind.concept.endswith("/ministerium"):
        nxt = st.tok(j + 1)
        if is_cap(nxt) and st.owner[j + 1] is None and not lex.org_kind(nxt) and nxt not in lex.surfaces:
            return j + 2  # "Bundesministerium des Innern", "der Finanzen"
    if tok in ("des", "der") and kind.org_class.endswith("OrganizationalUnit"):
        role = st.at(j + 1)
        if role is not None and role.kind == "Role" and role.start == j + 1:
            return role.end  # "Geschäftsbereich der Chief Digital Officer", "Stabsstelle des Oberbürgermeisters"
    if etype == "Initiative" and head.lower() == _kind_head(lex, head, kind).lower() and st.owner[j] is None \
            and is_proper_adjective(tok) and is_cap(st.tok(j + 1)) and st.owner[j + 1] is None:
        return j + 2  # "das Projekt Digitale Modellregionen": a name after the bare noun
    if etype == "Initiative" and is_number(tok):
        end = j
        while end < st.n and (is_number(st.toks[end]) or st.toks[end] in ("-", "–", "/")):
            end += 1
        return end
    # a name of its own right after the head: a place ("Bezirksamt Hamburg-Nord",
    # "Universität Gießen"), an acronym ("Fachamt N-ITB"), or for units and
    # public enterprises a capitalised phrase ("Abteilung Digitale Verwaltung",
    # "Landesbetrieb Information und Technik Nordrhein-Westfalen")
    own = st.at(j)
    if own is not None and own.kind == "Jurisdiction" and own.how == "name" and etype == "Organization":
        st.remove(own)  # "Universität Gießen": the place is part of the name
        if own.level and own.level.endswith("/land"):
            st.implied.append(own)  # "Landtag Brandenburg" still speaks of the Land
        return _slashed(st, lex, own.end)
    if st.owner[j] is None and is_acronym(tok) and not lex.role_concept(tok):
        return j + 1
    if kind.concept.endswith(("/einheit", "/betrieb")):
        if st.owner[j] is None and is_cap(tok) and not function_word(lex, tok) and not lex.org_kind(tok):
            end = _np_list(st, lex, j)
            if end > j:
                return _slashed(st, lex, end)
    if kind.concept.endswith("/amt") and head.lower().rstrip("s").endswith("fachamt") and st.owner[j] is None \
            and is_cap(tok) and not function_word(lex, tok) and not lex.role_concept(tok):
        return j + 1  # "Fachamt Bauprüfung": a Fachamt is named by its field
    return j


def _slashed(st: SentState, lex: Lexicon, end: int) -> int:
    """'Minden-Ravensberg / Lippe': a slash joins a second name part."""
    if st.tok(end) == "/" and is_nameish(st.tok(end + 1)) and not function_word(lex, st.tok(end + 1)):
        return end + 2
    return end


def _scope_level(head: str) -> str:
    """Which jurisdiction a generic office belongs to, by its compound: Kreisverwaltung
    and Landratsamt to the Kreis, Stadtverwaltung to the city, the rest to the Land."""
    low = head.lower()
    if low.startswith(("kreis", "landrats", "landkreis")):
        return "kreis"
    if low.startswith(("stadt", "gemeinde", "rathaus", "bürgermeister", "bezirks")):
        return "stadt"
    return "land"


def programme_appositions(st: SentState, lex: Lexicon) -> None:
    """'das Bundesprogramm Modellprojekte Smart Cities', 'die Plattform BundID': a
    generic initiative noun right before a named initiative is part of its mention."""
    for sp in [s for s in st.spans if s.kind == "Initiative"]:
        nxt = st.at(sp.end)
        if nxt is not None and nxt is not sp and nxt.kind == "Initiative" and nxt.how == "name" \
                and sp.how in ("name", "anaphor") and " " not in sp.name and not sp.iri:
            st.remove(sp)
            st.remove(nxt)
            nxt.aliases.append(f"{st.text(sp.start, sp.end)} {nxt.name}")
            nxt.start = sp.start
            st.add(nxt)


def councils(st: SentState, lex: Lexicon) -> None:
    """'der Rat der Stadt Münster', 'der Rat der Gemeinde X': the council of a place."""
    for i, tok in enumerate(st.toks):
        if tok not in ("Rat", "Rates", "Rats") or st.owner[i] is not None or st.tok(i + 1) not in ("der", "des"):
            continue
        place = st.at(i + 3) if st.tok(i + 2) in lex.place_nouns else None
        if place is None or place.kind != "Jurisdiction":
            continue
        kind = lex.org_kind("Stadtrat")
        name = f"Rat der {st.tok(i + 2)} {place.name}" if st.tok(i + 1) == "der" else f"Rat des {st.tok(i + 2)} {place.name}"
        st.add(Span("Organization", i, i + 1, name, kind_iri=kind.concept if kind else None,
                    org_class=kind.org_class if kind else None, generic=["Rat"]))


def quoted_initiatives(st: SentState, lex: Lexicon) -> None:
    """A quoted name after an initiative noun (Programm „Starke Heimat Hessen“,
    Pilotprojekt „Bürgeramt der Zukunft“) or before an apposition that says it is one
    (für das „Digitale Verwaltungszentrum“, ein aktuelles Projekt des ...)."""
    for i, tok in enumerate(st.toks):
        if tok not in QUOTES_OPEN or i == 0:
            continue
        close = next((j for j in range(i + 1, min(i + 12, st.n)) if st.toks[j] in QUOTES_CLOSE), None)
        if close is None or close == i + 1 or not is_cap(st.toks[i + 1]):
            continue
        noun = st.toks[i - 1]
        before_noun = lex.initiative_kind(noun) is not None and is_cap(noun)
        after_noun = (st.tok(close + 1) == "," and st.tok(close + 2).lower() in INDEFINITE
                      and any(lex.initiative_kind(t) for t in st.toks[close + 3:close + 7] if is_cap(t)))
        if not (before_noun or after_noun) or any(s.kind == "Person" for s in st.spans if i < s.start < close):
            continue
        for inner in [s for s in st.spans if i < s.start < close]:
            st.remove(inner)  # "Starke Heimat Hessen" is the programme, not the Land
        name = st.text(i + 1, close)
        if before_noun and st.at(i - 1) is not None:
            st.remove(st.at(i - 1))
        start = i - 1 if before_noun else i + 1
        aliases = [f"{noun} {name}"] if before_noun else []
        span = st.add(Span("Initiative", start, close + 1 if before_noun else close, name, aliases=aliases))
        if after_noun:
            span.scope = "apposition"


# ------------------------------------------------------------------ places


def place_patterns(st: SentState, lex: Lexicon) -> None:
    """'Stadt Lage', 'Gemeinde Kirchlengern', 'Kreis Gütersloh', 'Landkreis Böblingen',
    'den Kreisen Minden-Lübbecke, Herford, Lippe', 'Werra-Meißner-Kreis', and a
    dateline at the start of a paragraph ('Lemgo.')."""
    i = 0
    while i < st.n:
        tok = st.toks[i]
        if st.owner[i] is not None:
            i += 1
            continue
        level = lex.place_nouns.get(tok) or (lex.place_nouns.get("Kreis") if tok in ("Kreisen", "Landkreisen") else None)
        if level and i + 1 < st.n and is_nameish(st.toks[i + 1]) and not function_word(lex, st.toks[i + 1]):
            i = _place_after_noun(st, lex, i, level)
            continue
        if tok.endswith("-Kreis") and is_nameish(tok):
            st.add(Span("Jurisdiction", i, i + 1, tok, level=lex.place_nouns.get("Kreis")))
        i += 1
    _dateline(st, lex)


def _place_after_noun(st: SentState, lex: Lexicon, i: int, level: str) -> int:
    """The place(s) after a place noun; returns where to go on."""
    tok = st.toks[i]
    own = st.at(i + 1)
    if own is not None and own.kind == "Jurisdiction" and own.iri and not tok.startswith(("Kreis", "Landkreis")):
        # "Land Berlin", "Stadt Hamburg": the known place, the noun joins its span
        st.remove(own)
        own.start, own.aliases = i, own.aliases + [st.text(i, own.end)]
        st.add(own)
        return own.end
    if level.endswith("/land") or (own is not None and own.kind != "Jurisdiction"):
        return i + 1
    j = i + 1
    plural = tok in ("Kreisen", "Landkreisen")
    while True:
        own = st.at(j)
        if own is not None:
            st.remove(own)
        name = st.toks[j]
        if level.endswith("/kreis"):
            name = f"{'Landkreis' if tok.startswith('Landkreis') else 'Kreis'} {name}"
        written = st.text(i, j + 1) if j == i + 1 else st.toks[j]
        st.add(Span("Jurisdiction", i if j == i + 1 else j, j + 1, name, how="name", level=level,
                    aliases=[written, st.toks[j]] if written != name else [st.toks[j]]))
        if not plural or st.tok(j + 1) not in (",", "und") or not is_nameish(st.tok(j + 2)) \
                or function_word(lex, st.tok(j + 2)) or st.at(j + 2) is not None and st.at(j + 2).kind != "Jurisdiction":
            return j + 1
        j += 2


def _dateline(st: SentState, lex: Lexicon) -> None:
    """'Lemgo.' as a sentence of its own, 'Kiel (dpa) -', 'Magdeburg -', 'Marburg-Biedenkopf –'."""
    if st.n == 0 or st.owner[0] is not None or not is_nameish(st.toks[0]) or function_word(lex, st.toks[0]):
        return
    rest = list(st.toks[1:4])
    if (st.n == 2 and rest[:1] == ["."]) or rest[:1] in (["–"], ["-"]) or rest[:1] == ["("] and st.tok(3) == ")":
        st.add(Span("Jurisdiction", 0, 1, st.toks[0], how="name"))
