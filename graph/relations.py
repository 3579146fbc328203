"""Relations in a sentence: postings, part_of, involvement and succession.

Each finder reads the spans of a sentence (and, for pronouns, the persons of the
sentences before) and returns values; none of them changes the spans.
"""
from __future__ import annotations

from .dates import find_date
from .lexicon import Lexicon
from .mentions import gendered_role
from .model import EntityRef, Post, Relation
from .spans import SentState, Span
from .tokens import ARTICLES, is_cap, is_number, modifier_stem

CLAUSE_BREAK = {",", ";", ":", "„", "“", "”", '"', "(", ")", "–", "—", "-"}
POSSESSIVE = {"seinem", "seinen", "seiner", "ihrem", "ihren", "ihrer", "ihr", "sein", "seine", "ihre", "dessen",
              "deren"}
PRONOUNS = {"er", "sie", "Er", "Sie"}
APPOINTING_VERBS = {"wählte", "wählten", "ernannte", "berief", "bestellte", "bestimmte", "wurde", "werden", "wird"}
COPULAS_BEFORE_ROLE = {"ist", "war", "wird", "wurde", "bleibt", "blieb", "als", "zum", "zur"}

# ------------------------------------------------------------------ postings


def postings(st: SentState, lex: Lexicon, previous: list[SentState]) -> list[Post]:
    """Postings of a sentence from the patterns German news uses:
    prenominal ('Bundes-CIO Markus Richter'), apposition ('Christian Pfromm, Chief
    Digital Officer der ...'), 'als' ('X als neuer CDO'), copula and appointment
    ('X wurde zum neuen Minister ... ernannt', 'X ist seit 2021 Direktor der ...',
    'sie ist oberste Digitalisierungsbeauftragte'), role first ('Staatssekretär ...
    soll X werden', 'Neuer Vorsitzender ... ist X'), reversed apposition ('die
    Ministerin ..., Lydia Hüskens,'), parenthesis ('Gerhard Steinebach (CUO)'),
    'X übernimmt den Vorsitz des ...' and 'X leitet das Ministerium ...'."""
    out: dict[tuple, Post] = {}
    date = find_date(st.toks)
    appointing = _appointment_sentence(st, lex)

    def add(person: Span, role_iri: str, wording: str, org: EntityRef | None, appointment: bool) -> None:
        if person.ref is None:
            return
        wording = gendered_role(wording, lex.gender(person.name))
        post = Post(person.ref, wording, role_iri, org, st.sent.index, date if appointment or appointing else None)
        out.setdefault((post.person, post.wording, post.org), post)

    for role in [s for s in st.spans if s.kind == "Role"]:
        if _governed_by_role(st, role):
            continue  # "Stellvertreter des Beauftragten": the deputy's office, not the commissioner's
        for person in _holders(st, lex, role, previous):
            for org in _orgs_of(st, role, person):
                add(person, role.iri or "", role.name, org, role.appointment)
    for person, role_iri, wording, org in _offices_with_holder(st, lex):
        add(person, role_iri, wording, org, False)
    for person, role_iri, wording, org in _verbal_posts(st, lex, previous):
        if not any(p.person == person.ref and p.org == org and p.role == role_iri for p in out.values()):
            add(person, role_iri, wording, org, True)
    return list(out.values())


def _governed_by_role(st: SentState, role: Span) -> bool:
    prev = st.at(role.start - 2)
    return st.tok(role.start - 1) in ("des", "der") and prev is not None and prev.kind == "Role" \
        and prev.end == role.start - 1


def _holders(st: SentState, lex: Lexicon, role: Span, previous: list[SentState]) -> list[Span]:
    # prenominal: role, optional titles, person ("Landrat und 4IT-Verbandsvorsitzender Roland Bernhard")
    after = _prenominal_person(st, lex, role)
    if after is not None:
        return _coordinated_persons(st, after)
    # parenthesis: "Gerhard Steinebach (CUO)"
    if st.tok(role.start - 1) == "(" and st.tok(role.end) == ")":
        prev = st.at(role.start - 2)
        if prev is not None and prev.kind == "Person":
            return [prev]
    # "Neuer Vorsitzender der Hauptversammlung ist ... X": the copula decides, not an apposition before
    later = _person_after(st, lex, role)
    if later is not None and st.tok(_after_attachments(st, role)) in ("ist", "wird", "war", "wurde"):
        return [later]
    before = _person_before(st, lex, role, previous) or _clause_subject(st, lex, role, previous)
    if before is not None:
        return [before]
    if later is not None:
        return [later]
    return _appointed_with(st, lex, role)


def _appointed_with(st: SentState, lex: Lexicon, role: Span) -> list[Span]:
    """'Die Stadt hat mit Tobias Reichel erstmals einen Chief Digital Officer berufen':
    the one person named with 'mit' in a sentence that appoints an indefinite role."""
    if st.tok(role.start - 1).lower() not in ("einen", "eine", "einem", "ein"):
        return []
    if not set(st.toks) & lex.wordlist("appointment_words"):
        return []
    named = [s for s in st.spans if s.kind == "Person" and s.ref and st.tok(s.start - 1) == "mit"]
    return named if len(named) == 1 else []


def _clause_subject(st: SentState, lex: Lexicon, role: Span, previous: list[SentState]) -> Span | None:
    """'Zudem wechselt Ernst Bürger aus dem BMI nach Potsdam und wird Staatssekretär',
    'Er arbeitete ... als Referent': with 'als' or a copula right before the role, the
    subject of the clause holds it, however far back it is named."""
    start = max((k for k in range(role.start) if st.toks[k] in (",", ";", ":")), default=-1) + 1
    between = st.toks[start:role.start]
    lead = st.tok(role.start - 1)
    if not (lead in COPULAS_BEFORE_ROLE or lead.lower() in ARTICLES and st.tok(role.start - 2) in COPULAS_BEFORE_ROLE
            or set(between) & {"ist", "war", "wurde", "wird"} and not any(
                s.kind in ("Role", "Person") for s in st.spans if start <= s.start < role.start and s is not role
                and s.kind == "Role")):
        return None
    for k in range(start, role.start):
        own = st.at(k)
        if own is not None and own.kind == "Person" and _not_governed(st, own):
            return own
        if st.toks[k] in PRONOUNS:
            return _last_person(st, k, previous, lex.gender_of_pronoun(st.toks[k]), lex)
        if start == 0 and _descriptor_start(st, lex, k):
            return _last_person(st, 0, previous, "f" if st.toks[0] == "Die" else "m", lex)
    return None


def _prenominal_person(st: SentState, lex: Lexicon, role: Span) -> Span | None:
    j = role.end
    while st.tok(j) in lex.wordlist("titles"):
        j += 1
    nxt = st.at(j)
    if nxt is not None and nxt.kind == "Person":
        return nxt
    if nxt is not None and nxt.kind == "Role" and st.tok(role.end) == "und":
        return _prenominal_person(st, lex, nxt)  # both roles go to the one name
    if st.tok(role.end) == "und" and st.at(role.end + 1) is not None and st.at(role.end + 1).kind == "Role":
        return _prenominal_person(st, lex, st.at(role.end + 1))
    return None


def _coordinated_persons(st: SentState, first: Span) -> list[Span]:
    """'Unterabteilungsleiter:innen Cordula Kießling und Wolfgang Mosbacher',
    'Professoren Rombach und Steinebach': names joined by 'und' share a role before
    them, unless a name has an apposition of its own ('und Sven-Georg Adenauer, Landrat')."""
    persons = [first]
    k = first.end
    while st.tok(k) in ("und", ",") and st.at(k + 1) is not None and st.at(k + 1).kind == "Person":
        nxt = st.at(k + 1)
        own_role = st.tok(nxt.end) == "," and any(s.kind == "Role" and s.start in (nxt.end + 1, nxt.end + 2)
                                                  for s in st.spans)
        if own_role:
            break
        persons.append(nxt)
        k = nxt.end
    return persons


def _person_before(st: SentState, lex: Lexicon, role: Span, previous: list[SentState]) -> Span | None:
    """Walk left from the role over what may stand between a person and the role he
    holds or takes: a comma of an apposition, 'als', copulas, 'zum', dates, adverbs,
    a bracketed party, and earlier roles of the same person with their organisations."""
    i = role.start - 1
    steps = 0
    saw_comma = False
    while i >= 0 and steps < 16:
        tok = st.toks[i]
        own = st.at(i)
        if own is not None and own.kind == "Person":
            if saw_comma and not _apposition_gap(st, lex, own.end, role.start):
                return None
            return own
        if own is not None and own.kind == "Role":
            if st.tok(own.end) in ("und", "sowie") or _is_attachment_gap(st, own, role.start):
                return _person_before(st, lex, own, previous)
            return None
        if own is not None and own.kind in ("Organization", "Jurisdiction", "Initiative"):
            i = own.start - 1
            steps += 1
            continue
        if tok in PRONOUNS and not saw_comma:
            return _last_person(st, i, previous, lex.gender_of_pronoun(tok), lex)
        if _descriptor_start(st, lex, i):
            # "Der 40-jährige SPD-Politiker war ... Beauftragter": the person named before
            return _last_person(st, 0, previous, "f" if st.toks[0] == "Die" else "m", lex)
        if tok == ")":
            opening = next((k for k in range(i - 1, max(i - 8, -1), -1) if st.toks[k] == "("), None)
            if opening is None:
                return None
            i = opening - 1
            steps += 1
            continue
        if tok in ("und", "sowie") and st.at(i - 1) is not None and st.at(i - 1).kind != "Person":
            pass  # "... der Freien und Hansestadt Hamburg und Leiter ...": the chain goes on
        elif tok in ("und", "sowie") and _role_before_attachment(st, i) is not None:
            # "Chief Digital Officer des Landes und Leiterin ...": a second role of the same person
            return _person_before(st, lex, _role_before_attachment(st, i), previous)
        elif tok == ",":
            if saw_comma:
                return None
            saw_comma = True
        elif tok in CLAUSE_BREAK or tok in (".", "?", "!") or not _bridge_word(lex, tok):
            return None
        i -= 1
        steps += 1
    return None


def _role_before_attachment(st: SentState, i: int) -> Span | None:
    """The role a genitive or prepositional attachment ending before token i belongs to:
    'Chief Digital Officer des Landes | und'."""
    k = i - 1
    while k >= 0 and i - k <= 6:
        own = st.at(k)
        if own is not None and own.kind == "Role":
            return own
        if own is None and not (st.toks[k] in ARTICLES or st.toks[k] in ("im", "beim", "am") or is_cap(st.toks[k])):
            return None
        k = own.start - 1 if own is not None else k - 1
    return None


def _descriptor_start(st: SentState, lex: Lexicon, i: int) -> bool:
    """'Der Diplom-Finanzwirt', 'Der 50-Jährige', 'Der 40-jährige SPD-Politiker' opening a
    sentence: a description of a person, not a name."""
    if st.toks[0] not in ("Der", "Die") or i > 3 or st.at(i) is not None:
        return False
    words = st.toks[1:i + 1]
    last = words[-1] if words else ""
    return bool(words) and (is_cap(last) or last[:1].isdigit() and "-" in last) and not lex.role_concept(last) \
        and not lex.org_kind(last) and all(st.at(k) is None for k in range(1, i + 1))


def _apposition_gap(st: SentState, lex: Lexicon, start: int, end: int) -> bool:
    """Between person and role only a comma, a bracketed party, an article and
    adverbs: an apposition."""
    gap = list(st.toks[start:end])
    if gap[:1] == ["("] and ")" in gap:
        gap = gap[gap.index(")") + 1:]
    return gap[:1] == [","] and all(t in ARTICLES or t in lex.wordlist("bridge_words") or modifier_stem(lex, t)
                                     or is_number(t) for t in gap[1:])


def _is_attachment_gap(st: SentState, role: Span, end: int) -> bool:
    return all(st.at(k) is not None or st.toks[k] in ARTICLES | {"und", "im", "in", "beim", "bei", "(", ")"}
               for k in range(role.end, end))


def _bridge_word(lex: Lexicon, tok: str) -> bool:
    """Words that may stand between a person and the role he takes or holds."""
    return (tok in ARTICLES or tok in lex.wordlist("copulas") or tok in lex.wordlist("bridge_words")
            or tok in lex.wordlist("months") or is_number(tok) or modifier_stem(lex, tok) is not None
            or tok in POSSESSIVE)


def _person_after(st: SentState, lex: Lexicon, role: Span) -> Span | None:
    """The role comes first and the person follows: 'Als neuer Verbandsvorsteher wurde
    der Bürgermeister Rüdiger Meier ernannt', 'Staatssekretär ... soll Bernd Schlömer
    werden', 'Zu ihrem neuen Vorsitzenden wählte ... X', 'Neuer Vorsitzender des
    Verwaltungsrates ist Straubings Oberbürgermeister X', and the reversed apposition
    'die designierte Ministerin ..., Lydia Hüskens,'."""
    lead, lead2 = st.tok(role.start - 1), st.tok(role.start - 2)
    first_in_clause = role.start == 0 or lead in CLAUSE_BREAK or (
        lead in ARTICLES and (role.start == 1 or lead2 in CLAUSE_BREAK))
    as_role = lead in ("Als", "als", "Zum", "Zur", "zum", "zur") or lead in POSSESSIVE and lead2 in ("Zu", "zu")
    end = _after_attachments(st, role)
    # reversed apposition: "ROLE [attachment], PERSON [(party)],"
    if st.tok(end) in (",", ":"):
        nxt = st.at(end + 1)
        if nxt is not None and nxt.kind == "Role":  # "Der Präsident des ..., Landrat Joachim Walter,"
            nxt = _prenominal_person(st, lex, nxt)
        # "ROLE, PERSON," or "hat einen Digitalbeauftragten: Stadtdirektor X übernimmt ..."
        if nxt is not None and nxt.kind == "Person" and (st.tok(end) == ":" or st.tok(nxt.end) in (",", "(", ".", "an")):
            return nxt
    if not (as_role or first_in_clause):
        return None
    appointed = bool(set(st.toks) & (lex.wordlist("appointment_words") | APPOINTING_VERBS))
    for k in range(end, min(end + 20, st.n)):
        tok = st.toks[k]
        own = st.at(k)
        if own is not None and own.kind == "Person":
            between = set(st.toks[end:k])
            copula_first = first_in_clause and between & {"ist", "war", "wird", "wurde"} and k - end <= 8
            will_be = ("soll" in between or "sollen" in between) and "werden" in st.toks[k:k + 6]
            if (as_role and appointed) or copula_first or will_be:
                return own
            return None
        if tok in (".", ";", ":") or tok == "," and not as_role:
            return None
    return None


def _after_attachments(st: SentState, role: Span) -> int:
    """Index after the role's organisation: 'Staatssekretärin im Innenministerium',
    'Finanzministers von Sachsen-Anhalt', 'Präsidentin des Bundesamts ... (BSI)'."""
    j = role.end
    while st.tok(j) in ("im", "der", "des", "von", "beim", "in", "bei", "dem"):
        k = j + 1
        while st.tok(k) in ARTICLES:
            k += 1
        own = st.at(k)
        if own is None or own.kind not in ("Organization", "Jurisdiction"):
            break
        j = own.end
        if st.tok(j) == "(" and st.tok(j + 2) == ")":
            j += 3  # its acronym
    return j


FEDERAL_OFFICES = ("/minister", "/cio", "/cdo", "/beauftragter", "/staatssekretaer", "/bundeskanzler", "/praesident")


def _orgs_of(st: SentState, role: Span, person: Span) -> list[EntityRef | None]:
    """One posting per organisation: 'Vorsitzender der Verbandsversammlung und des
    Verwaltungsrates' is chair of both."""
    first = _org_of(st, role, person)
    out = [first]
    if first is None:
        return out
    j = _after_attachments(st, role)
    while st.tok(j) == "und" and st.tok(j + 1) in ("der", "des", "dem"):
        own = st.at(j + 2)
        if own is None or own.kind != "Organization" or own.ref is None:
            break
        out.append(own.ref)
        j = own.end
    return out


def _org_of(st: SentState, role: Span, person: Span) -> EntityRef | None:
    """Where the role is held: its genitive or prepositional attachment ('der Freien
    und Hansestadt Hamburg', 'im Sächsischen Staatsministerium'), a place in brackets
    after the name ('(Stadt Lage)'), 'von Detmold' before the name, a Land adjective or
    genitive before the role, or 'Bundes-' in the role itself."""
    for attached in role.attach:
        if attached.ref is not None:
            return attached.ref
    j = role.end
    if st.tok(j) in ("der", "des", "im", "beim", "von", "vom", "am") or st.tok(j) in ("in", "bei") \
            and st.tok(j + 1) in ARTICLES:
        k = j + 1 if st.tok(j) not in ("in", "bei") else j + 2
        while st.tok(k) in ARTICLES or (st.tok(k)[:1].islower() and st.at(k) is None and k < role.end + 5
                                       and st.tok(k) not in ("und", "sowie")):
            k += 1
        own = st.at(k)
        if own is not None and own.kind == "Jurisdiction" and own.how == "adjective":
            nxt = st.at(own.end)
            own = nxt if nxt is not None and nxt.kind == "Organization" else own
        if own is not None and own.kind in ("Organization", "Jurisdiction") and own.ref is not None:
            return own.ref
    if st.tok(person.end) == "(":
        own = st.at(person.end + 1)
        if own is not None and own.kind == "Jurisdiction" and own.ref is not None:
            return own.ref
    if role.scope_hint is not None:
        if role.scope_hint.ref is not None:
            return role.scope_hint.ref
        if role.scope_hint.how == "compound":
            return ("Jurisdiction", role.scope_hint.name)
    if role.name.startswith("Bundes") and (role.iri or "").endswith(FEDERAL_OFFICES):
        return ("Jurisdiction", "Bund")  # "Bundes-CIO", not "Bundesvorsitzender" of a party
    return None


def _appointment_sentence(st: SentState, lex: Lexicon) -> bool:
    return bool(set(st.toks) & (lex.wordlist("appointment_words") | {"übernimmt", "wechselt", "tritt"}))


def _offices_with_holder(st: SentState, lex: Lexicon):
    """'Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI),
    Louisa Specht-Riemenschneider, ...': an office named after its holder's role,
    followed by the holder's name."""
    for org in [s for s in st.spans if s.kind == "Organization" and s.ref]:
        first = st.toks[org.start]
        role = lex.role_concept(first)
        if not role:
            continue
        j = org.end
        if st.tok(j) == "(" and st.tok(j + 2) == ")":
            j += 3
        person = st.at(j + 1) if st.tok(j) == "," else None
        if person is not None and person.kind == "Person" and st.tok(person.end) in (",", "(", "."):
            yield person, role, st.text(org.start, org.end), org.ref


def _verbal_posts(st: SentState, lex: Lexicon, previous: list[SentState]):
    """Postings said by a verb: 'X übernimmt den Vorsitz des Verwaltungsrates' (chair),
    'X leitet das Ministerium für ...' or 'Das Ministerium ... leitet X' (the kind's
    leader role: minister of a ministry, head of a department), 'X hatte ... die
    Abteilung ... geleitet', 'er ist im Vorstand der ...' (member)."""
    persons = [s for s in st.spans if s.kind == "Person" and s.ref]
    orgs = [s for s in st.spans if s.kind == "Organization" and s.ref]
    for i, tok in enumerate(st.toks):
        office = lex.function_nouns.get(tok)
        if office and TAKING_OVER & set(st.toks):
            # "übernimmt den Vorsitz des Verwaltungsrates", "hat die Leitung der Stabsstelle übernommen"
            org = _org_after(st, i + 1) if st.tok(i + 1) in ("des", "der") else None
            person = _subject_person(st, persons, i, previous)
            role = lex.role_concept(office)
            if person is not None and role and (org is not None or office != "Leiter"):
                yield person, role, gendered_role(_in_gender(lex, office, role, person), lex.gender(person.name)), org
        if tok in ("leitet", "leitete", "geleitet", "leiten", "leiteten") and persons and orgs:
            person = _subject_person(st, persons, i, previous)
            org = min(orgs, key=lambda o: abs(o.start - i))
            kind = lex.kind_by_concept(org.kind_iri) or lex.org_kind(org.name.split(" ")[0])
            if person is None or kind is None or not kind.leader_role:
                continue
            for leader in _coordinated(st, person, ("Person",)):  # "leiten X und Y gemeinsam das ..."
                yield leader, kind.leader_role, _leader_wording(lex, org.name, kind.leader_role, leader), org.ref
        if tok == "im" and st.at(i + 1) is not None and (st.at(i + 1).org_class or "").endswith("OrganizationalUnit") \
                and st.tok(i - 1) in {"ist", "war", "sitzt", "saß"} | PRONOUNS:
            board = st.at(i + 1)
            person = _subject_person(st, persons, i, previous)
            if person is not None and board.ref and board.name.split(" ")[0] in ("Vorstand", "Aufsichtsrat",
                                                                                  "Verwaltungsrat", "Beirat"):
                yield person, lex.role_concept("Mitglied") or "", f"Mitglied im {board.name.split(' ')[0]}", board.ref


TAKING_OVER = {"übernimmt", "übernahm", "übernommen", "übernehmen", "übernehme"}


def _in_gender(lex: Lexicon, word: str, role: str, person: Span) -> str:
    if lex.gender(person.name) == "f":
        return next((lab for lab in lex.role_labels_of(role) if lab.lower() == word.lower() + "in"), word)
    return word


def _leader_wording(lex: Lexicon, org_name: str, role: str, person: Span) -> str:
    """The role of whoever leads an office, in the person's gender: 'Ministerium für
    Justiz und Digitalisierung' -> 'Minister für Justiz und Digitalisierung'; any other
    office -> 'Leiter' / 'Leiterin' (its name stays on the posting's organisation)."""
    head, _, rest = org_name.partition(" ")
    female = lex.gender(person.name) == "f"
    if role.endswith("/minister") and head.lower().endswith("ministerium"):
        return (head[: -len("ium")] + ("in" if female else "") + (" " + rest if rest else "")).strip()
    labels = lex.role_labels_of(role)
    word = lex.role_pref.get(role, "Leiter")
    if female:
        word = next((lab for lab in labels if lab.lower() == word.lower() + "in"), word)
    return word


def _org_after(st: SentState, j: int) -> EntityRef | None:
    for k in range(j, min(j + 4, st.n)):
        own = st.at(k)
        if own is not None and own.kind == "Organization" and own.ref:
            return own.ref
    return None


def _subject_person(st: SentState, persons: list[Span], verb: int, previous: list[SentState]) -> Span | None:
    free = [p for p in persons if _not_governed(st, p)]  # "Nach dem Ausscheiden von X übernimmt Y"
    if not free and set(st.toks) & PASSIVE_AUX:
        # "... wird von Sabine Kurz geleitet": the agent of a passive
        free = [p for p in persons if _governing_preposition(st, p) in ("von", "vom")]
    persons = free
    before = [p for p in persons if p.end <= verb]
    if before:
        return before[0]
    pron = next((k for k in range(max(0, verb - 4), min(st.n, verb + 3)) if st.toks[k] in PRONOUNS), None)
    if pron is not None:
        return _last_person(st, pron, previous)
    after = [p for p in persons if p.start > verb]
    return after[0] if after else None


def predecessor_posts(posts: list[Post], rels: list[Relation]) -> list[Post]:
    """A predecessor named without his role held the role his successor takes:
    'Der Nachfolger von Susanna Karawanskij' -> Karawanskij held that ministry."""
    out = list(posts)
    for rel in rels:
        if rel.kind != "succession" or any(p.person == rel.b for p in posts):
            continue
        taken = [p for p in posts if p.person == rel.a]
        if taken:
            p = taken[0]
            out.append(Post(rel.b, p.wording, p.role, p.org, rel.sentence, None))
    return out


# ------------------------------------------------------------------ part_of


def part_of(st: SentState, lex: Lexicon, previous: list[SentState]) -> list[Relation]:
    """'Fachamt N-ITB im Bezirksamt Hamburg-Nord', 'Amt für IT und Digitalisierung der
    Senatskanzlei', '... angesiedelt bei der Behörde ...', boards of a body
    ('Verwaltungsrat der AKDB'), and units without a stated parent placed in the
    ministry or authority named just before ('im BMI die Abteilung Digitale Verwaltung')."""
    out = []
    orgs = [s for s in st.spans if s.kind == "Organization" and s.ref is not None]
    for sp in orgs:
        if sp.how == "generic" and sp.scope == "parent" and sp.scope_hint is not None and sp.scope_hint.ref:
            out.append(Relation("part_of", sp.ref, sp.scope_hint.ref, st.sent.index))
            continue
        parent = _attached_parent(st, sp)
        if parent is not None and parent.ref != sp.ref:
            out.append(Relation("part_of", sp.ref, parent.ref, st.sent.index))
    if any(t.startswith(PLACEMENT_WORDS) for t in st.toks):
        out.extend(_subordinate_in_relative_clause(st, orgs) or _placed_at(st, orgs))
    out.extend(_in_portfolio(st, lex, orgs))
    for sp in orgs:
        if (sp.org_class or "").endswith("OrganizationalUnit") and sp.how == "name" \
                and not any(r.a == sp.ref for r in out):
            parent = _nearest_org_before(st, sp, previous)
            if parent is not None and parent.ref != sp.ref:
                out.append(Relation("part_of", sp.ref, parent.ref, st.sent.index))
    return out


PARENT_KINDS = ("/ministerium", "/amt", "/behoerde", "/kanzlei", "/betrieb", "/agentur", "/rechnungshof",
                "/verwaltung", "/hochschule")


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
        if own is None or own.kind != "Organization" or own.ref is None:
            return None
        if prep in ("im", "beim", "in", "bei") or not (own.org_class or "").endswith("OrganizationalUnit"):
            return own
    return None


def _in_portfolio(st: SentState, lex: Lexicon, orgs: list[Span]) -> list[Relation]:
    """'Das ITZBund ... gehört zum Geschäftsbereich des Bundesministeriums der Finanzen'."""
    for i, tok in enumerate(st.toks):
        if tok in lex.wordlist("portfolio_words") and st.tok(i + 1) in ("des", "der"):
            parent = st.at(i + 2)
            subject = next((o for o in orgs if o.end <= i and _not_governed(st, o)), None)
            if parent is not None and parent.kind == "Organization" and parent.ref and subject is not None \
                    and subject.ref != parent.ref:
                return [Relation("part_of", subject.ref, parent.ref, st.sent.index)]
    return []


PLACEMENT_WORDS = ("angesiedelt", "eingegliedert", "zugeordnet", "untergeordnet", "nachgeordnet", "unterstellt",
                   "angegliedert")


def _subordinate_in_relative_clause(st: SentState, orgs: list[Span]) -> list[Relation]:
    """'Das Finanzministerium, dem das TLRZ nachgeordnet ist, ...': the organisation in
    the relative clause is placed under the one it refers back to."""
    for parent in orgs:
        if st.tok(parent.end) == "," and st.tok(parent.end + 1) in ("dem", "der"):
            k = parent.end + 2
            while st.tok(k) in ARTICLES:
                k += 1
            child = st.at(k)
            if child is not None and child.kind == "Organization" and child.ref and child.ref != parent.ref \
                    and any(t.startswith(PLACEMENT_WORDS) for t in st.toks[child.end:child.end + 4]):
                return [Relation("part_of", child.ref, parent.ref, st.sent.index)]
    return []


def _placed_at(st: SentState, orgs: list[Span]) -> list[Relation]:
    """'Die CDO-Organisation, die ... in der Behörde ... angesiedelt sein wird'."""
    if len(orgs) < 2:
        return []
    child = orgs[0]
    for sp in orgs[1:]:
        prep, prep2 = st.tok(sp.start - 1), st.tok(sp.start - 2)
        if prep in ("im", "beim") or prep in ("der", "dem") and prep2 in ("in", "bei"):
            if sp.ref != child.ref:
                return [Relation("part_of", child.ref, sp.ref, st.sent.index)]
    return []


def _nearest_org_before(st: SentState, unit: Span, previous: list[SentState]) -> Span | None:
    def parentable(s: Span) -> bool:
        return s.kind == "Organization" and s.ref is not None and (s.kind_iri or "").endswith(PARENT_KINDS)

    for sp in reversed([s for s in st.spans if s.end <= unit.start]):
        if parentable(sp):
            return sp
    for prev in reversed(previous[-1:]):
        cands = [s for s in prev.spans if parentable(s)]
        if cands:
            return cands[-1]
    return None


# ------------------------------------------------------------------ involvement


def involvement(st: SentState, lex: Lexicon, previous: list[SentState], posts: list[Post] = ()) -> list[Relation]:
    """An actor and an initiative in one clause with a verb that says what the actor
    does (patterns/involvement.jsonl). The actor is the subject: the first actor of the
    clause (not one behind a preposition); a bare role with its article ('Die
    Ministerin überreichte ...') is the person who holds it in the article; when the
    clause names no actor, the subject of the clause before it, a pronoun's person
    ('er', 'sie'), or the subject of the previous sentence ('Schleswig-Holstein hat
    ... vorgestellt. Geplant ist die Beteiligung an der Deutschen Verwaltungscloud.').
    A project's owner in its apposition ('ein Projekt des Werra-Meißner-Labs') is
    involved too."""
    out = []
    if not any(s.kind == "Initiative" for s in st.spans):
        return out
    triggers = _triggers(st, lex)
    carried: list[Span] = []
    reported = False
    for a, b in _clauses(st):
        own = _subjects(st, (a, b), previous, lex, posts)
        subjects = own or carried
        inits = [s for s in st.spans if s.kind == "Initiative" and s.ref and a <= s.start < b]
        trig = [t for t in triggers if a <= t[0] < b]
        # "X erklärte, das Büro solle ...": the speaker is not the subject of what he reports;
        # "X kündigte an, ... voranzutreiben": a zu-infinitive keeps his subject
        if set(st.toks[a:b]) & lex.wordlist("speech_verbs") and not _zu_infinitive(st, b):
            carried, reported = [], True
        else:
            carried = subjects or carried
        if not inits or not trig:
            continue
        if not subjects and not reported:
            subjects = _previous_subject(previous)
        for actor in subjects:
            for init in inits:
                if actor.ref != init.ref:
                    out.append(Relation("involved_in", actor.ref, init.ref, st.sent.index, trig[0][1]))
    out.extend(_project_owner(st))
    return out


def _zu_infinitive(st: SentState, start: int) -> bool:
    """Does the clause from `start` hold a zu-infinitive ('voranzutreiben', 'zu entwickeln')?"""
    end = next((k for k in range(start, st.n) if st.toks[k] in (",", ";", ":", ".")), st.n)
    toks = st.toks[start:end]
    return any(t == "zu" for t in toks) or any(len(t) > 8 and "zu" in t[2:-3] and t.endswith("en") for t in toks)


def _project_owner(st: SentState) -> list[Relation]:
    """'ein aktuelles Projekt des Werra-Meißner-Labs' after a quoted name, and 'das
    Bundesprogramm ... des Bundesministeriums für ...': the body a programme belongs to
    runs it."""
    out = []
    for init in [s for s in st.spans if s.kind == "Initiative" and s.ref]:
        if st.tok(init.end) in ("des", "der"):
            owner = st.at(init.end + 1)
            if owner is not None and owner.kind == "Organization" and owner.ref:
                out.append(Relation("involved_in", owner.ref, init.ref, st.sent.index, "leads"))
            continue
        if init.scope != "apposition":
            continue
        for k in range(init.end + 1, min(init.end + 9, st.n)):
            if st.toks[k] in ("des", "der"):
                owner = next((st.at(m) for m in range(k + 1, min(k + 5, st.n)) if st.at(m) is not None), None)
                if owner is not None and owner.kind in ("Organization", "Jurisdiction") and owner.ref:
                    out.append(Relation("involved_in", owner.ref, init.ref, st.sent.index, "develops"))
                break
    return out


def _triggers(st: SentState, lex: Lexicon) -> list[tuple[int, str]]:
    """Trigger words, and separable verbs whose particle closes the clause ('stellte ... vor')."""
    found = []
    ends = None
    for i, tok in enumerate(st.toks):
        hit = lex.trigger(tok.lower())
        if hit is None:
            continue
        kind, particle = hit
        if particle:
            if ends is None:
                ends = {b - 1 if st.tok(b - 1) not in (".", ",", ";", ":") else b - 2 for _, b in _clauses(st)}
            if not any(st.tok(e) == particle for e in ends if e > i):
                continue
        found.append((i, kind))
    return found


def _clauses(st: SentState) -> list[tuple[int, int]]:
    """Clause-ish stretches between commas, semicolons and colons: crude, but it keeps
    a subject with its verb in the formulaic sentences of news. A comma inside a list
    of actors ('CDU, SPD und FDP') does not end a clause."""
    bounds = [0]
    for i, tok in enumerate(st.toks):
        if tok in (";", ":") or tok == "," and not _in_list(st, i):
            bounds.append(i + 1)
    bounds.append(st.n)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _in_list(st: SentState, comma: int) -> bool:
    before, after = st.at(comma - 1), st.at(comma + 1)
    return before is not None and after is not None and before.kind == after.kind and before.kind != "Role"


ACTOR_KINDS = ("Person", "Organization", "Jurisdiction")
PREPOSITIONS = {"in", "im", "für", "mit", "bei", "beim", "an", "am", "auf", "aus", "nach", "über", "zum", "zur", "zu",
                "von", "unter", "gegenüber", "durch", "ohne", "gegen", "seit", "vor", "einschließlich"}


def _subjects(st: SentState, clause: tuple[int, int], previous: list[SentState],
              lex: Lexicon | None = None, posts: list[Post] = ()) -> list[Span]:
    a, b = clause
    spans = [s for s in st.spans if a <= s.start < b and (s.kind in ACTOR_KINDS and s.ref
                                                           and s.how not in ("adjective", "genitive")
                                                           or s.kind == "Role")]
    agents = [s for s in spans if s.kind != "Role" and _governing_preposition(st, s) in ("von", "vom")]
    spans = [s for s in spans if _not_governed(st, s)]
    if not [s for s in spans if s.kind != "Role"] and agents and set(st.toks[a:b]) & PASSIVE_AUX:
        return agents[:1]  # "Betrieben wird das Portal von der BITBW": the agent of a passive
    pronoun = next((i for i in range(a, min(a + 8, b)) if st.toks[i] in PRONOUNS), None)
    if spans and spans[0].kind == "Role" and lex is not None:
        holders = _role_anaphor(st, lex, spans[0], previous, posts)
        if holders:
            return holders
    spans = [s for s in spans if s.kind != "Role"]
    if not spans and pronoun is not None:
        person = _last_person(st, pronoun, previous)
        return [person] if person else []  # no gender filter: "sie" may be plural
    if not spans:
        return []
    return [s for s in _coordinated(st, spans[0], ACTOR_KINDS) if s in spans]


def _role_anaphor(st: SentState, lex: Lexicon, role: Span, previous: list[SentState],
                  posts: list[Post] = ()) -> list[Span]:
    """'Die Ministerin überreichte ...': a bare role with its article is the person of
    the article who holds that role; 'die Landesvorsitzenden von CDU, SPD und FDP'
    stand for their parties."""
    nxt = st.at(role.end)
    if nxt is not None and nxt.kind == "Person":
        return []  # "Landrätin Nicole Rathgeber" names its person itself
    if st.tok(role.end) == "von":
        party = st.at(role.end + 1)
        if party is not None and party.kind == "Organization" and party.ref:
            return _coordinated(st, party, ("Organization",))
    if st.tok(role.start - 1).lower() not in ARTICLES and role.start > 0:
        return []
    holder_ref = next((p.person for p in reversed(posts) if p.role == role.iri), None)
    if holder_ref is None:
        return []
    for prev in [st] + list(reversed(previous)):
        for sp in prev.spans:
            if sp.kind == "Person" and sp.ref == holder_ref:
                return [sp]
    return []


def _coordinated(st: SentState, first: Span, kinds: tuple[str, ...]) -> list[Span]:
    """'CDU, SPD und FDP', 'Bund und Länder': a list of actors joined by commas and 'und'."""
    group = [first]
    k = first.end
    while st.tok(k) in ("und", ",", "sowie") and st.at(k + 1) is not None and st.at(k + 1).kind in kinds \
            and st.at(k + 1).ref:
        group.append(st.at(k + 1))
        k = st.at(k + 1).end
    return group


PASSIVE_AUX = {"wird", "werden", "wurde", "wurden", "worden"}


def _governing_preposition(st: SentState, sp: Span) -> str | None:
    k = sp.start - 1
    while k >= 0 and st.toks[k][:1].islower() and st.toks[k] not in PREPOSITIONS | {"vom"} and k > sp.start - 4:
        k -= 1
    return st.tok(k) if st.tok(k) in PREPOSITIONS | {"vom"} else None


def _not_governed(st: SentState, sp: Span) -> bool:
    """False when a preposition governs the span ('in der Senatskanzlei', 'mit dem BMI');
    the parties after 'die Landesvorsitzenden von' are the exception."""
    k = sp.start - 1
    while k >= 0 and st.toks[k][:1].islower() and st.toks[k] not in PREPOSITIONS and st.toks[k] not in ("vom",) \
            and k > sp.start - 3:
        k -= 1  # adjectives and determiners between preposition and name
    prev = st.tok(k)
    if prev == "von" and st.at(k - 1) is not None and st.at(k - 1).kind == "Role":
        return True
    if prev in ("der", "dem", "den", "des") and st.tok(k - 1) in PREPOSITIONS:
        return False
    if prev == "des" or prev in ("der",) and st.at(k - 1) is not None:
        return False  # a genitive attribute ("... des Bundesministeriums") is never the subject
    return prev not in PREPOSITIONS


def _previous_subject(previous: list[SentState]) -> list[Span]:
    if len(previous) < 2:  # the title (sentence 0) sets no subject
        return []
    prev = previous[-1]
    for a, b in _clauses(prev):
        subj = _subjects(prev, (a, b), [])
        if subj:
            return subj
    return []


def _last_person(st: SentState, before: int, previous: list[SentState], gender: str | None = None,
                 lex: Lexicon | None = None) -> Span | None:
    """The person a pronoun or description points back to: the last one named before it
    in the sentence, else the first one of the nearest earlier sentence that names one;
    with 'er'/'sie', only persons whose first name fits."""
    def fits(sp: Span) -> bool:
        return gender is None or lex is None or lex.gender(sp.name) in (gender, None)

    cands = [s for s in st.spans if s.kind == "Person" and s.end <= before and s.ref and fits(s)]
    if cands:
        return cands[-1]
    for prev in reversed(previous[-3:]):
        cands = [s for s in prev.spans if s.kind == "Person" and s.ref and fits(s)]
        if cands:
            return cands[0]
    return None


# ------------------------------------------------------------------ succession

SUCCESSION_CUES = {"Nachfolger", "Nachfolgerin", "Nachfolge", "Staffelstab", "Ausscheiden"}


def succession(st: SentState, lex: Lexicon, previous: list[SentState], posts: list[Post]) -> list[Relation]:
    """'Der Nachfolger von Susanna Karawanskij ...', 'Klement folgt auf den bisherigen
    CDO Ralf Kleindiek', 'übernimmt den Staffelstab von X', 'Sein Vorgänger X', 'tritt
    die Nachfolge des ... X an', 'die Nachfolge für ... X als Verbandsvorsteher sowie
    ... Y als Vorsitzenden'. The successor is whoever in the article took the
    predecessor's role; else the clause's subject, or the person named just before."""
    out = []
    persons = [s for s in st.spans if s.kind == "Person" and s.ref]
    for i, tok in enumerate(st.toks):
        if tok.startswith("Vorgänger"):
            preds = [p for p in persons if 0 < p.start - i <= 2]
        elif tok in SUCCESSION_CUES or (tok == "folgt" and st.tok(i + 1) == "auf"):
            preds = [p for p in persons if 0 < p.start - i <= 10]
            if st.tok(i + 1) == "für":  # "die Nachfolge für A als X sowie B als Y": every name
                preds = [p for p in persons if p.start > i]
            else:
                preds = preds[:1]
        else:
            continue
        for pred in preds:
            successor = _successor(st, lex, i, pred, persons, previous, posts)
            if successor is not None and successor != pred.ref:
                out.append(Relation("succession", successor, pred.ref, st.sent.index))
    return out


def _successor(st, lex, cue: int, pred: Span, persons, previous, posts) -> EntityRef | None:
    held = [p for p in posts if p.person == pred.ref and p.sentence == st.sent.index]
    for prev in reversed(previous):
        for role in [s for s in prev.spans if s.kind == "Role" and s.appointment]:
            if held and any(h.role == role.iri for h in held):
                for person in _holders(prev, lex, role, []):
                    if person.ref and person.ref != pred.ref:
                        return person.ref
    earlier = [p for p in persons if p.end <= cue and p.ref != pred.ref]
    if earlier:
        return earlier[0].ref
    # "Nach dem Ausscheiden von X übernimmt Y ...": the subject after the cue
    later = [p for p in persons if p.start > pred.end and p.ref != pred.ref and _not_governed(st, p)]
    if later and st.tok(cue - 1) in ARTICLES:
        return later[0].ref
    last = _last_person(st, cue, previous)
    return last.ref if last is not None else None
