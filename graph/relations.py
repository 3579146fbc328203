"""Relations in a sentence: postings, part_of, involvement and succession.

Each finder reads the spans of a sentence (and, for pronouns, the persons of the
sentences before) and returns values; none of them changes the spans.
"""
from __future__ import annotations

import re

from .dates import find_date
from .lexicon import Lexicon
from .model import EntityRef, Post, Relation
from .spans import SentState, Span
from .tokens import ARTICLES, PUNCT, is_cap, is_number, modifier_stem

CLAUSE_BREAK = {",", ";", ":", "„", "“", "”", '"', "(", ")", "–", "—"}
POSSESSIVE = {"seinem", "seinen", "seiner", "ihrem", "ihren", "ihrer", "ihr", "sein", "seine", "ihre"}

# ------------------------------------------------------------------ postings


def postings(st: SentState, lex: Lexicon) -> list[Post]:
    """Postings of a sentence from the patterns German news uses:
    prenominal ('Bundes-CIO Markus Richter'), apposition ('Christian Pfromm, Chief
    Digital Officer der ...'), 'als' ('X als neuer CDO'), copula and appointment
    ('X wurde zum neuen Minister ... ernannt', 'X ist seit 2021 Direktor der ...'),
    role first ('Staatssekretär ... soll X werden', 'Als neuer Verbandsvorsteher
    wurde X ernannt'), reversed apposition ('die Ministerin ..., Lydia Hüskens,')
    and parenthesis ('Gerhard Steinebach (CUO)')."""
    out: dict[tuple, Post] = {}
    date = find_date(st.toks)
    for role in [s for s in st.spans if s.kind == "Role"]:
        for person in _holders(st, lex, role):
            if person.ref is None:
                continue
            org = _org_of(st, role, person)
            start = date if role.appointment or _appointment_sentence(st, lex) else None
            post = Post(person.ref, role.name, role.iri or "", org, st.sent.index, start)
            out.setdefault((post.person, post.wording, post.org), post)
    return list(out.values())


def _holders(st: SentState, lex: Lexicon, role: Span) -> list[Span]:
    found = []
    # prenominal: role, optional titles, person
    j = role.end
    while st.tok(j) in lex.wordlist("titles"):
        j += 1
    nxt = st.at(j)
    if nxt is not None and nxt.kind == "Person":
        return _coordinated_persons(st, nxt)
    # apposition / als / copula: person before the role
    before = _person_before(st, lex, role)
    if before is not None:
        found.append(before)
    # role first: "Als neuer X wurde ... P ernannt", "X ... soll P werden", "Zum X wählte ... P"
    if not found:
        after = _person_after(st, lex, role)
        if after is not None:
            found.append(after)
    return found


def _coordinated_persons(st: SentState, first: Span) -> list[Span]:
    """'Professoren Rombach und Steinebach': a plural title before two names."""
    persons = [first]
    if st.tok(first.end) == "und" and st.at(first.end + 1) is not None and st.at(first.end + 1).kind == "Person" \
            and first.how == "titled":
        persons.append(st.at(first.end + 1))
    return persons


def _person_before(st: SentState, lex: Lexicon, role: Span) -> Span | None:
    i = role.start - 1
    # walk left over what may stand between a person and his role
    steps = 0
    saw_comma = False
    while i >= 0 and steps < 14:
        tok = st.toks[i]
        own = st.at(i)
        if own is not None and own.kind == "Person":
            if saw_comma and not _apposition_gap(st, lex, own.end, role.start):
                return None
            return own
        if own is not None and own.kind == "Role":
            # "CDO ... und Leiter des Amtes": a second role of the same person
            if st.tok(own.end) == "und" or _is_attachment_gap(st, own, role.start):
                return _person_before(st, lex, own)
            return None
        if own is not None and own.kind in ("Organization", "Jurisdiction", "Initiative"):
            # the organisation of an earlier role: "Chief Digital Officer der Freien und Hansestadt Hamburg und Leiter"
            i = own.start - 1
            steps += 1
            continue
        if tok == "und" and st.at(i - 1) is not None and st.at(i - 1).kind != "Person":
            pass  # "... der Freien und Hansestadt Hamburg und Leiter ...": the chain goes on
        elif tok == ",":
            if saw_comma:
                return None
            saw_comma = True
        elif tok in CLAUSE_BREAK or tok in (".", "?", "!"):
            return None
        elif not _bridge_word(lex, tok):
            return None
        i -= 1
        steps += 1
    return None


def _apposition_gap(st: SentState, lex: Lexicon, start: int, end: int) -> bool:
    """Only a comma, an article and adverbs between person and role: an apposition."""
    gap = [t for t in st.toks[start:end]]
    return gap[:1] == [","] and all(t in ARTICLES or t in ("bisher", "zuletzt", "derzeit", "damals", "seit", "zuvor")
                                     or modifier_stem(lex, t) or is_number(t) for t in gap[1:])


def _is_attachment_gap(st: SentState, role: Span, end: int) -> bool:
    return all(st.at(k) is not None or st.toks[k] in ARTICLES | {"und", "im", "in", "beim", "bei"}
               for k in range(role.end, end))


def _bridge_word(lex: Lexicon, tok: str) -> bool:
    """Words that may stand between a person and the role he takes or holds:
    'als', copulas, 'zum/zur', articles, dates and time adverbs."""
    return (tok in ("als", "zum", "zur", "zu", "seit", "ab", "von", "bis", "dem", "am", "bereits", "nun", "jetzt",
                    "künftig", "auch", "erneut", "wieder", "weiterhin", "dann", "zudem", "noch", "damit", "nach",
                    "Ende", "Anfang", "Mitte", "Jahr", "Jahren", "worden", "offiziell", "erstmals", "zuletzt", "bisher")
            or tok in ARTICLES or tok in lex.wordlist("copulas") or tok in lex.wordlist("months")
            or is_number(tok) or modifier_stem(lex, tok) is not None or tok in POSSESSIVE)


def _person_after(st: SentState, lex: Lexicon, role: Span) -> Span | None:
    """The role comes first in the clause and the person follows: 'Als neuer
    Verbandsvorsteher wurde der Bürgermeister Rüdiger Meier ernannt', 'Staatssekretär
    ... soll Bernd Schlömer werden', 'Zu ihrem neuen Vorsitzenden ... wählte ... X',
    'die designierte Ministerin ..., Lydia Hüskens,'."""
    lead = st.tok(role.start - 1)
    lead2 = st.tok(role.start - 2)
    first_in_clause = role.start == 0 or lead in CLAUSE_BREAK or lead in ARTICLES and (role.start == 1
                                                                                       or st.tok(role.start - 2) in CLAUSE_BREAK)
    as_role = lead in ("Als", "als", "Zum", "Zur", "zum", "zur") or lead in POSSESSIVE and lead2 in ("Zu", "zu")
    if not (as_role or first_in_clause):
        return None
    # reversed apposition: "ROLE, PERSON,"
    if st.tok(role.end) == ",":
        nxt = st.at(role.end + 1)
        if nxt is not None and nxt.kind == "Person" and st.tok(nxt.end) in (",", "(", "."):
            return nxt
    for k in range(role.end, min(role.end + 14, st.n)):
        tok = st.toks[k]
        own = st.at(k)
        if own is not None and own.kind == "Person":
            verbs = set(st.toks[role.end:k]) | set(st.toks[k:k + 4])
            appointed = verbs & (lex.wordlist("appointment_words") | {"werden", "wählte", "ernannte", "berief",
                                                                     "bestellte", "bestimmte", "wurde"})
            if as_role and appointed or ("soll" in verbs or "sollen" in verbs) and "werden" in verbs:
                prev = st.at(own.start - 1)
                if prev is not None and prev.kind == "Role" and prev is not role and not as_role:
                    return None
                return own
            return None
        if tok in (".", ";", ":"):
            return None
    return None


def _org_of(st: SentState, role: Span, person: Span) -> EntityRef | None:
    """Where the role is held: its genitive or prepositional attachment ('der Freien
    und Hansestadt Hamburg', 'im Innenministerium'), a place in brackets after the name
    ('Bürgermeister Matthias Kalkreuter (Stadt Lage)'), a Land adjective or genitive
    before the role, or 'Bundes-' in the role itself."""
    j = role.end
    if st.tok(j) in ("der", "des", "im", "beim", "von", "vom", "am") or st.tok(j) in ("in", "bei") and st.tok(j + 1) in ARTICLES:
        k = j + 1 if st.tok(j) not in ("in", "bei") else j + 2
        while st.tok(k) in ARTICLES or (st.tok(k)[:1].islower() and st.at(k) is None and k < role.end + 5
                                       and st.tok(k) not in ("und", "sowie")):
            k += 1
        own = st.at(k)
        if own is not None and own.kind in ("Organization", "Jurisdiction") and own.ref is not None:
            return own.ref
    if st.tok(person.end) == "(":
        own = st.at(person.end + 1)
        if own is not None and own.kind == "Jurisdiction" and own.ref is not None:
            return own.ref
    if role.scope_hint is not None and role.scope_hint.ref is not None:
        return role.scope_hint.ref
    if role.name.startswith(("Bundes", "Bundes-")):
        return ("Jurisdiction", "Bund")
    return None


def _appointment_sentence(st: SentState, lex: Lexicon) -> bool:
    return bool(set(st.toks) & (lex.wordlist("appointment_words") | {"übernimmt", "wechselt", "tritt"}))


# ------------------------------------------------------------------ part_of


def part_of(st: SentState, lex: Lexicon, previous: list[SentState]) -> list[Relation]:
    """'Fachamt N-ITB im Bezirksamt Hamburg-Nord', 'Amt für IT und Digitalisierung der
    Senatskanzlei', '... angesiedelt bei der Behörde ...', boards of a body
    ('Verwaltungsrat der AKDB'), and units without a stated parent placed in the
    organisation named just before ('im BMI die Abteilung Digitale Verwaltung')."""
    out = []
    orgs = [s for s in st.spans if s.kind == "Organization" and s.ref is not None]
    for sp in orgs:
        if sp.how == "generic" and sp.scope == "parent" and sp.scope_hint is not None and sp.scope_hint.ref:
            out.append(Relation("part_of", sp.ref, sp.scope_hint.ref, st.sent.index))
            continue
        parent = _attached_parent(st, sp)
        if parent is not None and parent.ref != sp.ref:
            out.append(Relation("part_of", sp.ref, parent.ref, st.sent.index))
    if any(t.startswith(("angesiedelt", "eingegliedert", "zugeordnet", "untergeordnet")) for t in st.toks):
        out.extend(_placed_at(st, orgs))
    for sp in orgs:
        if (sp.org_class or "").endswith("OrganizationalUnit") and sp.how == "name" \
                and not any(r.a == sp.ref for r in out):
            parent = _nearest_org_before(st, sp, previous)
            if parent is not None:
                out.append(Relation("part_of", sp.ref, parent.ref, st.sent.index))
    return out


def _attached_parent(st: SentState, sp: Span) -> Span | None:
    j = sp.end
    if st.tok(j) == "(":  # skip "(BWFGB)"
        while j < st.n and st.toks[j] != ")":
            j += 1
        j += 1
    prep = st.tok(j)
    if prep in ("im", "der", "des", "beim") or prep in ("in", "bei") and st.tok(j + 1) in ("der", "dem"):
        k = j + 1 if prep not in ("in", "bei") else j + 2
        own = st.at(k)
        if own is not None and own.kind == "Organization" and own.ref is not None \
                and not (own.org_class or "").endswith("OrganizationalUnit") or \
                own is not None and own.kind == "Organization" and own.ref is not None and prep in ("im", "beim"):
            return own
    return None


def _placed_at(st: SentState, orgs: list[Span]) -> list[Relation]:
    """'Die CDO-Organisation, die ... in der Behörde ... angesiedelt sein wird'."""
    if len(orgs) < 2:
        return []
    child = orgs[0]
    for sp in orgs[1:]:
        prep = st.tok(sp.start - 1)
        prep2 = st.tok(sp.start - 2)
        if prep in ("im", "beim") or prep in ("der", "dem") and prep2 in ("in", "bei"):
            if sp.ref != child.ref:
                return [Relation("part_of", child.ref, sp.ref, st.sent.index)]
    return []


def _nearest_org_before(st: SentState, unit: Span, previous: list[SentState]) -> Span | None:
    for sp in reversed([s for s in st.spans if s.end <= unit.start]):
        if sp.kind == "Organization" and sp.ref and not (sp.org_class or "").endswith("OrganizationalUnit"):
            return sp
    for prev in reversed(previous[-1:]):
        cands = [s for s in prev.spans if s.kind == "Organization" and s.ref
                 and not (s.org_class or "").endswith("OrganizationalUnit")]
        if cands:
            return cands[-1]
    return None


# ------------------------------------------------------------------ involvement


def involvement(st: SentState, lex: Lexicon, previous: list[SentState]) -> list[Relation]:
    """An actor and an initiative in one clause with a verb that says what the actor
    does (patterns/involvement.jsonl). The actor is the subject: the first actor of the
    clause (not one behind a preposition), or, when the clause names none, the
    subject of the clause before it, a pronoun's person ('er', 'sie'), or the subject
    of the previous sentence ('Schleswig-Holstein hat ... vorgestellt. Geplant ist die
    Beteiligung an der Deutschen Verwaltungscloud.')."""
    out = []
    triggers = _triggers(st, lex)
    carried = None
    for a, b in _clauses(st):
        subjects = _subjects(st, (a, b), previous) or carried or []
        carried = subjects or carried
        inits = [s for s in st.spans if s.kind == "Initiative" and s.ref and a <= s.start < b]
        trig = [t for t in triggers if a <= t[0] < b]
        if not inits or not trig:
            continue
        if not subjects:
            subjects = _previous_subject(previous)
        for actor in subjects:
            for init in inits:
                if actor.ref != init.ref:
                    out.append(Relation("involved_in", actor.ref, init.ref, st.sent.index, trig[0][1]))
    return out


def _triggers(st: SentState, lex: Lexicon) -> list[tuple[int, str]]:
    found = []
    for i, tok in enumerate(st.toks):
        low = tok.lower()
        for entry in lex.involvement:
            if low in entry["words"] or any(low.startswith(p) for p in entry.get("prefixes", ())):
                found.append((i, entry["kind"]))
                break
    return found


def _clauses(st: SentState) -> list[tuple[int, int]]:
    """Clause-ish stretches between commas, semicolons and colons: crude, but it keeps
    a subject with its verb in the formulaic sentences of news."""
    bounds = [0]
    for i, tok in enumerate(st.toks):
        if tok in (";", ":", ","):
            bounds.append(i + 1)
    bounds.append(st.n)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


ACTOR_KINDS = ("Person", "Organization", "Jurisdiction")
PREPOSITIONS = {"in", "im", "für", "mit", "bei", "beim", "an", "am", "auf", "aus", "nach", "über", "zum", "zur", "zu",
                "von", "des", "der", "dem", "den", "unter", "gegenüber", "durch", "ohne", "gegen", "seit", "vor"}


def _subjects(st: SentState, clause: tuple[int, int], previous: list[SentState]) -> list[Span]:
    a, b = clause
    spans = [s for s in st.spans if s.kind in ACTOR_KINDS and s.ref and a <= s.start < b
             and s.how not in ("adjective", "genitive")]
    # a subject never follows a preposition, except the agent in "vom Land entwickelt"
    spans = [s for s in spans if _not_governed(st, s)]
    pronoun = next((i for i in range(a, min(a + 8, b)) if st.toks[i] in ("er", "sie", "Er", "Sie")), None)
    if not spans and pronoun is not None:
        person = _last_person(st, pronoun, previous)
        return [person] if person else []
    if not spans:
        return []
    first = spans[0]
    group = [first]
    k = first.end
    while st.tok(k) in ("und", ",", "sowie") and st.at(k + 1) is not None and st.at(k + 1) in spans:
        group.append(st.at(k + 1))
        k = st.at(k + 1).end
    return group


def _not_governed(st: SentState, sp: Span) -> bool:
    k = sp.start - 1
    while k >= 0 and st.toks[k][:1].islower() and st.toks[k] not in PREPOSITIONS and st.toks[k] not in ("vom",) \
            and k > sp.start - 3:
        k -= 1  # adjectives and determiners between preposition and name
    prev = st.tok(k)
    if prev in ("der", "dem", "den", "des") and st.tok(k - 1) in PREPOSITIONS:
        return False
    return prev not in PREPOSITIONS or prev in ("der", "den")


def _previous_subject(previous: list[SentState]) -> list[Span]:
    if not previous:
        return []
    prev = previous[-1]
    for a, b in _clauses(prev):
        subj = _subjects(prev, (a, b), [])
        if subj:
            return subj
    return []


def _last_person(st: SentState, before: int, previous: list[SentState]) -> Span | None:
    cands = [s for s in st.spans if s.kind == "Person" and s.end <= before and s.ref]
    if cands:
        return cands[-1]
    for prev in reversed(previous[-2:]):
        cands = [s for s in prev.spans if s.kind == "Person" and s.ref]
        if cands:
            return cands[0]
    return None


# ------------------------------------------------------------------ succession

_SUCCESSION_PREV = re.compile(r"^(Nachfolger(in)?|Nachfolge|Staffelstab)$")


def succession(st: SentState, lex: Lexicon, previous: list[SentState], posts: list[Post]) -> list[Relation]:
    """'Der Nachfolger von Susanna Karawanskij ...', 'Klement folgt auf den bisherigen
    CDO Ralf Kleindiek', 'übernimmt den Staffelstab von X', 'Sein Vorgänger X', 'tritt
    die Nachfolge des ... X an'. The successor is the clause's subject, or the person
    last named before when the sentence speaks of him ('Der Nachfolger', 'Sein')."""
    out = []
    toks = st.toks
    persons = [s for s in st.spans if s.kind == "Person" and s.ref]
    for i, tok in enumerate(toks):
        pred = None
        if _SUCCESSION_PREV.match(tok) or (tok == "folgt" and st.tok(i + 1) == "auf") or tok.startswith("Vorgänger"):
            later = [p for p in persons if p.start > i]
            if tok.startswith("Vorgänger"):
                pred = later[0] if later and later[0].start - i <= 2 else None
            elif later and later[0].start - i <= 8:
                pred = later[0]
        if pred is None:
            continue
        earlier = [p for p in persons if p.end <= i and p.ref != pred.ref]
        successor = earlier[0] if earlier else None
        if successor is None:
            successor = _last_person(st, i, previous)
            if successor is not None and successor.ref == pred.ref:
                successor = None
        if successor is not None:
            out.append(Relation("succession", successor.ref, pred.ref, st.sent.index))
    return out
