"""What an article is about as a whole: its kicker, its main Land, Kreis, city and
organisation. Generic names ("die Senatskanzlei", "der Verwaltungsrat") are made
specific with it, and acronyms are tied to the long forms they abbreviate."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .articles import Article
from .lexicon import Lexicon
from .model import EntityRecord, EntityRef
from .spans import SentState, Span
from .tokens import ARTICLES, is_acronym


FEDERATION = "https://w3id.org/govkg/id/jurisdiction/bund"


@dataclass
class Context:
    kicker: str | None = None
    written: dict[str, list[str]] = field(default_factory=dict)  # entity name -> how the text writes it
    main: dict[str, Span] = field(default_factory=dict)  # "land" | "kreis" | "stadt" | "org" -> span
    text: str = ""


def kicker(title: str) -> str | None:
    """'Hamburg: CDO für Bezirksämter' -> 'Hamburg' (short phrase before the colon)."""
    head, sep, _ = title.partition(":")
    if sep and 0 < len(head.split()) <= 4:
        return head.strip()
    return None


def level_of(span: Span, lex: Lexicon) -> str | None:
    if span.level:
        return span.level.rsplit("/", 1)[-1]
    if span.iri and span.iri in lex.entities and lex.entities[span.iri].level:
        return lex.entities[span.iri].level.rsplit("/", 1)[-1]
    return None


def build_context(article: Article, states: list[SentState], lex: Lexicon) -> Context:
    ctx = Context(kicker=kicker(article.title), text=article.title + "\n" + article.text)
    counts: dict[str, Counter] = {"land": Counter(), "kreis": Counter(), "stadt": Counter(), "place": Counter(),
                                  "org": Counter()}
    first: dict[str, dict[str, Span]] = {k: {} for k in counts}
    kicker_span = None
    for st in states:
        for sp in st.spans + st.implied:
            if sp.kind == "Jurisdiction":
                lvl = level_of(sp, lex)
                bucket = {"land": "land", "kreis": "kreis", "stadt": "stadt", "gemeinde": "stadt",
                          "bezirk": "stadt", None: "place"}.get(lvl)
                if bucket:
                    counts[bucket][sp.name] += 1
                    first[bucket].setdefault(sp.name, sp)
                if st.sent.index == 0 and ctx.kicker and sp.start == 0:
                    kicker_span = sp
            ctx.written.setdefault(sp.name, []).append(st.text(sp.start, sp.end))
            if sp.kind == "Organization" and sp.how != "generic" and not (sp.org_class or "").endswith("Unit"):
                counts["org"][sp.name] += 1
                first["org"].setdefault(sp.name, sp)
    # Boards ("der Verwaltungsrat") belong to the organisation the article is about:
    # one named at least three times.
    counts["org"] = Counter({k: v for k, v in counts["org"].items() if v >= 3})
    for bucket, counter in counts.items():
        if counter:
            best = max(counter.items(), key=lambda kv: (kv[1], -_order(first[bucket][kv[0]], states)))
            ctx.main[bucket] = first[bucket][best[0]]
    if kicker_span is not None and level_of(kicker_span, lex) == "land":
        ctx.main["land"] = kicker_span
    # A Land found only through its city-state capital or a Bezirk also scopes the Land's offices.
    if "land" not in ctx.main and "stadt" in ctx.main:
        within = _within_land(ctx.main["stadt"], lex)
        if within:
            ctx.main["land"] = within
    return ctx


def _order(span: Span, states: list[SentState]) -> int:
    for st in states:
        if span in st.spans:
            return st.sent.index * 1000 + span.start
    return 10**9


def _within_land(span: Span, lex: Lexicon) -> Span | None:
    ent = lex.entities.get(span.iri or "")
    while ent is not None and ent.within:
        parent = lex.entities.get(ent.within)
        if parent is not None and parent.level and parent.level.endswith("/land"):
            return Span("Jurisdiction", -1, -1, parent.pref, iri=parent.iri, level=parent.level)
        ent = parent
    return None


# ------------------------------------------------------------------ acronyms


def initials(name: str) -> str:
    """'Behörde für Wissenschaft, Forschung, Gleichstellung und Bezirke' -> 'BWFGB';
    'Amt für IT und Digitalisierung' -> 'AITD'; 'National-Once-Only-Technical-System' -> 'NOOTS'."""
    out = []
    for word in re.split(r"[\s\-]+", name):
        word = word.strip(",.()")
        if not word:
            continue
        if is_acronym(word):
            out.append(word)
        elif word[:1].isupper():
            out.append(word[0])
    return "".join(out)


def acronym_definitions(states: list[SentState]) -> dict[str, Span]:
    """'Behörde für ... (BWFGB)': the parenthesised short form names the span before it."""
    defs: dict[str, Span] = {}
    for st in states:
        for sp in list(st.spans):
            if sp.kind not in ("Organization", "Initiative") or st.tok(sp.end) != "(" or st.tok(sp.end + 2) != ")":
                continue
            short = st.tok(sp.end + 1)
            if not (is_acronym(short) or (short.isalpha() and short.islower() and 2 <= len(short) <= 5)):
                continue
            known = st.at(sp.end + 1)
            if known is not None:
                if known.iri and known.kind == sp.kind and not sp.iri:
                    # "Zentrum für Digitale Souveränität (ZenDiS)": the long form of a known actor
                    sp.aliases.append(sp.name)
                    sp.name, sp.iri, sp.how = known.name, known.iri, "alias"
                continue
            sp.aliases.append(short)
            defs[short] = sp
            st.add(Span(sp.kind, sp.end + 1, sp.end + 2, sp.name, iri=sp.iri, how="alias",
                        kind_iri=sp.kind_iri, org_class=sp.org_class))
    return defs


def alias_mentions(states: list[SentState], defs: dict[str, Span], named: list[Span], lex: Lexicon) -> None:
    """Later uses of a defined short form ('Wie die BWFGB mitteilt'), and undefined
    acronyms that spell the initials of a long name in the article ('Amt ITD')."""
    by_initials: dict[str, Span] = {}
    for sp in named:
        if sp.kind in ("Organization", "Initiative") and len(sp.name.split()) + sp.name.count("-") >= 2:
            by_initials.setdefault(initials(sp.name), sp)
            head, _, rest = sp.name.partition(" für ")
            if rest:
                by_initials.setdefault(f"{head} {initials(rest)}", sp)
    for st in states:
        _alias_mentions(st, defs, by_initials, lex)


def _alias_mentions(st: SentState, defs: dict[str, Span], by_initials: dict[str, Span], lex: Lexicon) -> None:
    for i, tok in enumerate(st.toks):
        if st.owner[i] is not None:
            continue
        target = defs.get(tok) or (by_initials.get(tok) if is_acronym(tok) else None)
        if target is not None:
            st.add(Span(target.kind, i, i + 1, target.name, iri=target.iri, how="alias",
                        kind_iri=target.kind_iri, org_class=target.org_class))
    for i, tok in enumerate(st.toks):
        if st.owner[i] is None and is_acronym(tok) and len(tok) >= 3 and st.tok(i - 1).lower() in ARTICLES \
                and tok not in lex.wordlist("common_acronyms") and not lex.role_concept(tok):
            # "die ZVD": an organisation named only by its acronym here, tentatively
            st.add(Span("Organization", i, i + 1, tok, how="tentative"))
    # "Amt ITD" found as a name of its own: the same office as "Amt für IT und Digitalisierung"
    for sp in st.spans:
        if sp.how == "name" and sp.kind == "Organization" and sp.name in by_initials \
                and by_initials[sp.name] is not sp:
            target = by_initials[sp.name]
            sp.aliases.append(sp.name)
            sp.name, sp.iri, sp.how = target.name, target.iri, "alias"


# ------------------------------------------------------------------ entities of the article


def resolve_anaphors(states: list[SentState], lex: Lexicon) -> None:
    """'das Ministerium', 'die Stabsstelle', 'das Projekt': the last named organisation
    or initiative with that head noun, or of that kind; 'das Papier' the last
    initiative. Dropped when there is none."""
    named: list[Span] = []
    for st in states:
        _document_anaphors(st, lex)
        for sp in list(st.spans):
            if sp.kind not in ("Organization", "Initiative"):
                continue
            if sp.how != "anaphor":
                if sp.how in ("name", "alias", "generic") and sp.scope != "apposition":
                    named.append(sp)
                continue
            head = sp.generic[0]
            target = next((n for n in reversed(named) if n.kind == sp.kind and _has_head(n.name, head)), None) \
                or next((n for n in reversed(named) if n.kind == sp.kind and n.kind_iri == sp.kind_iri
                         and sp.kind_iri), None)
            if target is None and head in lex.wordlist("initiative_anaphors"):
                target = next((n for n in reversed(named) if n.kind == "Initiative"), None)
            if target is None:
                st.remove(sp)
                continue
            sp.name, sp.iri, sp.how = target.name, target.iri, "alias"
            sp.kind_iri, sp.org_class = target.kind_iri, target.org_class


def _document_anaphors(st: SentState, lex: Lexicon) -> None:
    """'stellte das Papier vor': a definite noun for a document that stands for the
    initiative named before (patterns/initiative_anaphors.txt)."""
    for i, tok in enumerate(st.toks):
        if tok in lex.wordlist("initiative_anaphors") and st.owner[i] is None and st.tok(i - 1) in ARTICLES:
            st.add(Span("Initiative", i, i + 1, tok, how="anaphor", generic=[tok]))


def _has_head(name: str, head: str) -> bool:
    first = name.split(" ")[0].lower()
    return first.endswith(head.lower()) or head.lower() in name.lower().split(" ")


def _compound_prefix_of(head: str, kind_heads: list[str]) -> str:
    low = head.lower()
    for h in sorted(kind_heads, key=len, reverse=True):
        if low.endswith(h) and len(low) > len(h):
            return low[: -len(h)].rstrip("s-")
    return ""


def named_counterpart(sp: Span, named: list[Span], lex: Lexicon) -> Span | None:
    """'Justizministerium' in an article that names the 'Ministerium für Justiz und
    Digitalisierung', 'Innenministerium' beside 'Ministerium des Innern': the compound's
    first part opens the complement of a named office of the same kind."""
    heads = [h for h, k in lex.org_heads.items() if k.concept == sp.kind_iri]
    prefix = _compound_prefix_of(sp.generic[0], heads)
    if len(prefix) < 4:
        return None
    federal = sp.generic[0].startswith("Bundes")
    for other in named:
        if other.kind != sp.kind or other.kind_iri != sp.kind_iri or other is sp:
            continue
        if other.name.startswith("Bundes") != federal:
            continue  # a Land's Innenministerium is not the Bundesministerium des Innern
        words = other.name.split(" ")
        if len(words) < 3 or words[1] not in ("für", "des", "der"):
            continue
        first = words[2].lower()
        common = len(next((p for p in (first[:k] for k in range(len(first), 3, -1)) if prefix.startswith(p)), ""))
        if common >= 4:
            return other
    return None


PLACE_GENITIVE = {"des Kreises": "kreis", "des Landkreises": "kreis", "des Landes": "land", "der Stadt": "stadt",
                  "der Gemeinde": "stadt", "des Bezirks": "stadt", "des Freistaats": "land", "des Freistaates": "land"}


def scope_generic(st: SentState, sp: Span, ctx: Context, lex: Lexicon, named: list[Span]) -> None:
    """Give a generic office its place: 'Senatskanzlei' -> 'Senatskanzlei Hamburg',
    'Verwaltungsrat' -> 'Verwaltungsrat der AKDB', 'Digitalisierungsstrategie des
    Kreises' -> the Kreis of the article. Unplaceable ones are dropped."""
    head = sp.generic[0]
    counterpart = named_counterpart(sp, named, lex) if sp.kind == "Organization" else None
    if counterpart is not None:
        sp.aliases.append(head)
        sp.name, sp.iri, sp.how = counterpart.name, counterpart.iri, "alias"
        return
    level = PLACE_GENITIVE.get(f"{st.tok(sp.end)} {st.tok(sp.end + 1)}")
    if level and sp.scope != "parent":
        sp.scope = level
        sp.end = sp.end + 2 if st.free(sp.end, sp.end + 2) else sp.end
        for k in range(sp.start, sp.end):
            st.owner[k] = sp
    if sp.scope == "parent":
        parent = _parent_after(st, sp) or ctx.main.get("org")
        if parent is None:
            st.remove(sp)
            return
        sp.scope_hint = parent
        written = [t for t in ctx.written.get(parent.name, []) if t != parent.name]
        conn, parent_name = _connector(ctx.text, [parent.name] + parent.aliases + written)
        sp.name = f"{head} {conn} {parent_name}"
        return
    head = lex.synonyms.get(head, head)  # "Kabinett" of a Land is its "Landesregierung"
    place = sp.scope_hint or _place_after(st, sp) or ctx.main.get(sp.scope or "land")
    if place is None and sp.scope == "kreis":
        place = ctx.main.get("place")  # a place of unknown level in a Kreis article: the Kreis
    if place is None and sp.scope == "land" and "stadt" not in ctx.main and "kreis" not in ctx.main:
        # no Land, no town: in German news a bare "die Digitalstrategie" then is the Bund's
        place = Span("Jurisdiction", -1, -1, "Bund", iri=FEDERATION)
    if place is None:
        st.remove(sp)
        return
    sp.scope_hint = place
    written = st.text(sp.start, sp.end)
    if written != head:
        sp.generic.append(written)
    adjective = st.at(sp.start - 1)
    if adjective is not None and adjective is place and place.how == "adjective":
        sp.generic.append(st.text(adjective.start, sp.end))  # "Hamburger Senat"
    sp.name = f"{head} {place.name}"  # "Senatskanzlei Hamburg"; "Rat der Stadt Köln" from a synonym


def _parent_after(st: SentState, sp: Span) -> Span | None:
    """'Verwaltungsrat der AKDB', 'Verwaltungsrates beim IT-Dienstleister Dataport'."""
    j = sp.end
    if st.tok(j) in ("der", "des", "von", "beim", "bei", "im"):
        for k in range(j + 1, min(j + 4, st.n)):
            other = st.at(k)
            if other is not None and other.kind == "Organization" and other.how != "generic":
                return other
    return None


def _place_after(st: SentState, sp: Span) -> Span | None:
    """'Innenministerium in Niedersachsen', 'Landesregierung von Brandenburg'."""
    if st.tok(sp.end) in ("in", "von", "des") and st.at(sp.end + 1) is not None \
            and st.at(sp.end + 1).kind == "Jurisdiction":
        return st.at(sp.end + 1)
    return None


def _connector(text: str, names: list[str]) -> tuple[str, str]:
    """How the article itself attaches things to the parent, and by which of its names:
    'der AKDB', 'des krz' (rather than the long form); 'von' when it never does."""
    counts: Counter = Counter()
    for name in names:
        for m in re.finditer(rf"\b(der|des)\s+{re.escape(name)}(?!\w)", text):
            counts[(m.group(1), name)] += 1
    if not counts:
        return "von", names[0]
    return max(counts.items(), key=lambda kv: (kv[1], -names.index(kv[0][1])))[0]


_COORDINATED = re.compile(r"^.+?- (?:und|oder) (\S+-\S+)$")


def unify_names(states: list[SentState]) -> None:
    """Names of one actor in one article become one: the short second conjunct of
    'Open-Innovation- und Open-Source-Strategie' ('Open-Source-Strategie'), and a name
    that another one of the same kind only extends ('Landesbetrieb Information und
    Technik' in 'Landesbetrieb Information und Technik Nordrhein-Westfalen')."""
    spans = [sp for st in states for sp in st.spans if sp.kind in ("Organization", "Initiative") and not sp.iri]
    full: dict[str, Span] = {}
    for sp in spans:
        m = _COORDINATED.match(sp.name)
        if m:
            full.setdefault(m.group(1), sp)
    names = sorted({sp.name for sp in spans}, key=len, reverse=True)
    for sp in spans:
        target = full.get(sp.name)
        if target is None:
            longer = [n for n in names if n.startswith(sp.name + " ") and len(sp.name.split()) >= 2]
            if len(longer) == 1:
                target = next(o for o in spans if o.name == longer[0])
        if target is not None and target is not sp and target.kind == sp.kind:
            sp.aliases.append(sp.name)
            target.aliases.append(sp.name)
            sp.name, sp.iri = target.name, target.iri


def entity_records(states: list[SentState], lex: Lexicon) -> dict[EntityRef, EntityRecord]:
    records: dict[EntityRef, EntityRecord] = {}
    for st in states:
        for sp in st.spans + st.implied:
            if not sp.is_entity:
                continue
            sp.ref = (sp.kind, sp.name)
            rec = records.get(sp.ref)
            if rec is None:
                rec = records[sp.ref] = EntityRecord(sp.kind, sp.name, known=sp.iri, kind=sp.kind_iri,
                                                     org_class=sp.org_class, level=sp.level,
                                                     tentative=sp.how == "tentative")
            rec.tentative = rec.tentative and sp.how == "tentative"
            rec.known = rec.known or sp.iri
            rec.kind = rec.kind or sp.kind_iri
            rec.org_class = rec.org_class or sp.org_class
            rec.level = rec.level or sp.level
            rec.sentences.add(st.sent.index)
            for a in sp.aliases:
                if a != sp.name:
                    rec.aliases.add(a)
            for g in sp.generic:
                if g != sp.name:
                    rec.generic.add(g)
            if sp.how in ("adjective", "genitive", "surname", "compound") and not sp.iri:
                continue
            written = st.text(sp.start, sp.end)
            if sp.how in ("name", "alias") and written != sp.name and sp.kind != "Person":
                (rec.aliases if is_acronym(written) else rec.generic).add(written)
            if sp.kind != "Jurisdiction" and sp.scope_hint is not None and sp.scope_hint.kind == "Jurisdiction" \
                    and sp.scope_hint.ref is not None:
                rec.jurisdiction = sp.scope_hint.ref
    return records
