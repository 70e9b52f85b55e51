"""Entity resolution within and across documents.

Every ``Mention`` and every ``Place`` becomes an entity mention (a place wins over an NER
mention it overlaps: its type and geo are more reliable). Mentions of one name in one
document form a *node*; nodes are joined by edges, strongest first:

1. within a document: short forms (``Putin`` → ``Vladimir Putin``), acronyms defined in the
   text (``Armed Forces of Ukraine (ZSU)``) or matching a name's initials;
2. hints from reader metadata (front matter / infobox links: link text → page title);
3. across documents: the same name; the same gazetteer id; transliteration and spelling
   variants (a consonant-skeleton key + rapidfuzz ratio); a lone surname to the one full
   name that carries it.

Unions are refused when they would put two gazetteer ids, two different first names, a
city and its region (``Kherson`` / ``Kherson Oblast``) or two incompatible types into one
entity. Candidates come from blocking keys (exact name, skeleton, last/first core token), so
the work grows with the block sizes, not with the square of the mentions.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from dossier.geo.resolve import PLACED_AT
from dossier.link import keys
from dossier.link.unionfind import ConstrainedUnionFind
from dossier.models import AnnotatedDocument, Entity, Evidence, Geo, Place

#: Entity types grouped into families that may merge with each other.
FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "NORP", "EVENT": "EVENT", "OTHER": "OTHER"}

#: Families whose NER types are mixed up often enough that spelling variants may merge
#: across them (a bridge tagged ORG in one sentence and FAC in another).
LOOSE_FAMILIES = frozenset({"PLACE", "ORG", "OTHER", "EVENT"})

#: Share of PERSON labels a lone word needs to be read as a surname (the small English
#: model labels city names PERSON in up to 75% of their mentions; see the seeds).
PERSON_SHARE = 0.8

#: A place record's type counts this many NER votes (the NER often calls places PERSON).
PLACE_VOTE = 3

#: rapidfuzz ratio (0–100) two names with one skeleton must also reach, by family. Tuned on
#: the seeds' variant pairs (Dnieper/Dnipro 77, Antonivskiy/Antonivka 80) and kept well
#: above the ratio of unrelated same-skeleton names.
MIN_RATIO = {"PERSON": 80.0, "PLACE": 70.0, "ORG": 85.0, "NORP": 90.0, "EVENT": 85.0, "OTHER": 90.0}

#: Score of two names both texts define the same acronym for ("Apple Worldwide Developers
#: Conference (WWDC)", "Worldwide Developers Conference (WWDC)").
ACRONYM_MATCH = 0.9
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")

#: Shortest skeleton (letters) a fuzzy cross-document match may rest on.
MIN_SKELETON = 3

#: Blocks larger than this are compared by sorted neighbourhood (each name with the next
#: ``NEIGHBOURS`` in key order) instead of all pairs, so the work stays linear.
MAX_BLOCK = 64
NEIGHBOURS = 16

#: "Long Name (ACR)" — an acronym defined in the text.
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’.-]*+)(?:\s+(?:of|the|for|and|on|in|de|[A-Z][\w'’.-]*+)){1,8})\s*\(([A-Z][A-Za-z]{1,7})\)"
)
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"“”()\[\]-])+$")


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a name, cleaned, with the type and geo it brings."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    geo: Geo | None = None
    is_place: bool = False
    placed: bool = False
    """``geo`` tells where the place lies (the town a street is in), not which place it is."""


@dataclass(slots=True)
class _Node:
    """All mentions of one name (one key) in one document."""

    id: tuple[str, str, str]
    """(doc, name key, gazetteer id or '')."""
    mentions: list[EntityMention] = field(default_factory=list)
    extra_aliases: frozenset[str] = frozenset()
    """Forms the text defines for the name (an acronym and its long form); an empty set is
    shared by the many nodes without any."""
    _type: str | None = None
    _surface: str | None = None
    """Derived values, computed once the node's mentions are complete."""

    @property
    def doc(self) -> str:
        return self.id[0]

    @property
    def key(self) -> str:
        return self.id[1]

    @property
    def gid(self) -> str:
        return self.id[2]

    def votes(self) -> Counter[str]:
        c: Counter[str] = Counter()
        for m in self.mentions:
            c[m.type] += PLACE_VOTE if m.is_place else 1
        return c

    @property
    def type(self) -> str:
        if self._type is None:
            self._type = _majority(self.votes())
        return self._type

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "OTHER")

    @property
    def surface(self) -> str:
        if self._surface is None:
            counts = Counter(m.text for m in self.mentions)
            self._surface = min(counts, key=lambda t: (-counts[t], t))
        return self._surface


@dataclass(frozen=True, slots=True)
class _State:
    """What a growing entity must stay consistent with."""

    gids: frozenset[str]
    firsts: frozenset[str]
    admin: frozenset[bool]
    families: frozenset[str]


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The resolved entities and where each mention landed."""

    entities: tuple[Entity, ...]
    by_doc: Mapping[str, tuple[tuple[int, int, str], ...]]
    """Document id → sorted (start, end, entity id) of every entity mention."""

    def in_span(self, doc: str, start: int, end: int) -> list[str]:
        """Entity ids mentioned inside ``[start, end)`` of ``doc``, in text order."""
        return [eid for s, e, eid in self.by_doc.get(doc, ()) if s >= start and e <= end]


# -- collecting mentions ------------------------------------------------------------------


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of a name without a leading article or trailing possessive/punctuation."""
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead and len(span) > lead.end():
        start += lead.end()
        span = text[start:end]
    trail = _TRAILING.search(span)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def collect_mentions(record: AnnotatedDocument, geos: dict[Geo, Geo] | None = None) -> list[EntityMention]:
    """Every entity mention of one document; places override the NER mentions they overlap.

    Names are interned, and with ``geos`` (kept across documents) equal gazetteer entries
    share one ``Geo``: a place named in thousands of documents is held once.
    """
    doc = record.document
    text = doc.text
    out: list[EntityMention] = []
    place_spans: list[tuple[int, int]] = []
    for place in record.places:
        start, end = clean_span(text, place.start, place.end)
        if not keys.name_key(text[start:end]):
            continue
        ptype = sys.intern(place.type) if place.type in FAMILY else "GPE"
        geo = place.geo if place.geo is None or geos is None else geos.setdefault(place.geo, place.geo)
        out.append(EntityMention(doc.id, start, end, sys.intern(text[start:end]), ptype, geo, True, _placed(place)))
        place_spans.append((place.start, place.end))
    for mention in record.mentions:
        if not _name_like(mention.text):
            continue
        if any(mention.start < pe and ps < mention.end for ps, pe in place_spans):
            continue
        start, end = clean_span(text, mention.start, mention.end)
        if not keys.name_key(text[start:end]):
            continue
        mtype = sys.intern(mention.type) if mention.type in FAMILY else "OTHER"
        out.append(EntityMention(doc.id, start, end, sys.intern(text[start:end]), mtype))
    out.sort(key=lambda m: (m.start, m.end, m.type))
    return out


def _placed(place: Place) -> bool:
    """Whether a place's gazetteer entry is only where it lies: a street, building or other
    name the gazetteer does not list, placed at its town ("Downing Street" at London). Its
    town's id must not make it one entity with the town."""
    return place.geo is not None and PLACED_AT in (place.reason or "")


def _name_like(text: str) -> bool:
    """Whether an NER span looks like a name (two letters or more, one of them upper-case
    or non-Latin) rather than debris such as ``n't`` or a flag emoji."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() or not c.isascii() for c in letters)


def _make_nodes(mentions: Sequence[EntityMention]) -> dict[tuple[str, str, str], _Node]:
    """Group one document's mentions into nodes by name key (split by gazetteer id)."""
    by_key: dict[str, list[EntityMention]] = defaultdict(list)
    for m in mentions:
        by_key[sys.intern(keys.name_key(m.text))].append(m)
    nodes: dict[tuple[str, str, str], _Node] = {}
    for key, ms in by_key.items():
        gids = Counter(m.geo.gazetteer_id for m in ms if m.geo and not m.placed)
        main = _majority(gids) if gids else ""
        for m in ms:
            gid = m.geo.gazetteer_id if m.geo and not m.placed else main
            node_id = (m.doc, key, gid)
            nodes.setdefault(node_id, _Node(node_id)).mentions.append(m)
    return nodes


# -- the state of a growing entity ----------------------------------------------------------


def _initial_state(node: _Node) -> _State:
    firsts: frozenset[str] = frozenset()
    if node.family == "PERSON":
        toks = keys.core_tokens(node.surface)
        if len(toks) >= 2:
            firsts = frozenset({toks[0]})
    admin = frozenset({keys.is_admin(node.surface)})
    return _State(frozenset({node.gid} - {""}), firsts, admin, frozenset({node.family}))


def _firsts_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        for y in b:
            if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
                continue
            if keys.skeleton(x) == keys.skeleton(y) and fuzz.ratio(x, y) >= MIN_RATIO["PERSON"]:
                continue
            return False
    return True


def _compatible(a: _State, b: _State) -> bool:
    if len(a.gids | b.gids) > 1:
        return False
    if len(a.admin | b.admin) > 1:
        return False
    if ("NORP" in a.families) != ("NORP" in b.families):
        return False
    return _firsts_compatible(a.firsts, b.firsts)


def _merge(a: _State, b: _State) -> _State:
    return _State(a.gids | b.gids, a.firsts | b.firsts, a.admin | b.admin, a.families | b.families)


# -- edges ---------------------------------------------------------------------------------


def _within_doc_edges(doc_text: str, nodes: Sequence[_Node]) -> Iterator[tuple[int, str, str, tuple, tuple]]:
    """Short-form and acronym edges inside one document: (priority, why, detail, a, b)."""
    by_key = {n.key: n for n in nodes}
    persons = [n for n in nodes if n.family == "PERSON" and len(keys.core_tokens(n.surface)) >= 2]
    for node in nodes:
        toks = keys.core_tokens(node.surface)
        if len(keys.name_tokens(node.surface)) != 1 or not _mostly_person(node):
            continue
        owners = [p for p in persons if keys.core_tokens(p.surface)[-1] == toks[0]]
        if not owners:
            continue
        first_at = node.mentions[0].start
        before = [p for p in owners if p.mentions[0].start <= first_at]
        if before:  # the full name mentioned last before the short form
            best = max(before, key=lambda p: (p.mentions[0].start, p.key))
        else:  # else the first one after it
            best = min(owners, key=lambda p: (p.mentions[0].start, p.key))
        yield 0, "short", toks[0], node.id, best.id
    for long_form, acronym in _ACRONYM_DEF.findall(doc_text):
        acr_node = by_key.get(keys.name_key(acronym))
        long_node = by_key.get(keys.name_key(long_form))
        if acr_node is None and long_node is None:
            continue
        if acr_node is not None and long_node is not None:
            yield 0, "acronym", acronym, acr_node.id, long_node.id
        elif acr_node is not None:
            acr_node.extra_aliases |= {long_form.strip()}
        elif long_node is not None:
            long_node.extra_aliases |= {acronym}
    acronyms = [n for n in nodes if re.fullmatch(r"[A-Z]{2,7}", n.surface)]
    for acr in acronyms:
        matches = [n for n in nodes if n is not acr and len(n.surface.split()) >= 2
                   and keys.initials(n.surface) == acr.surface and n.family == acr.family]
        if len(matches) == 1:
            yield 1, "initials", acr.surface, acr.id, matches[0].id


def _mostly_person(node: _Node) -> bool:
    """Whether a node's mentions are nearly all typed PERSON (a lone word may then be a
    surname); a word the NER also calls a place, or a place record, is not."""
    if any(m.is_place for m in node.mentions):
        return False
    votes = node.votes()
    return votes["PERSON"] >= PERSON_SHARE * sum(votes.values())


def meta_links(meta: Any) -> Iterator[tuple[str, str]]:
    """(link text, target title) pairs found anywhere in a reader's metadata.

    Encyclopedia readers keep infobox/front-matter links as mappings with ``text`` and
    ``page`` (or ``title``/``target``) keys; the pair says the text names the page.
    """
    stack = [meta]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            text = item.get("text")
            page = item.get("page") or item.get("target") or item.get("title")
            if isinstance(text, str) and isinstance(page, str) and "\n" not in text:
                yield text.strip(), re.sub(r"\s*\([^)]*\)\s*$", "", page).strip()
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _families_match(a: str, b: str) -> bool:
    """Whether two type families may merge on a spelling match (NER types of places,
    structures and organisations are noisy, so those mix; people and groups do not)."""
    return a == b or (a in LOOSE_FAMILIES and b in LOOSE_FAMILIES)


def _fuzzy_match(a: _Node, b: _Node) -> float:
    """A score in (0, 1] when two differently spelt names may name one thing, else 0."""
    if not _families_match(a.family, b.family):
        return 0.0
    sa, sb = a.surface, b.surface
    if keys.is_admin(sa) != keys.is_admin(sb):
        return 0.0
    ca, cb = keys.core_tokens(sa), keys.core_tokens(sb)
    if a.family != "PERSON" and _defined_acronyms(a) & _defined_acronyms(b) and _token_overlap(ca, cb) >= 0.5:
        return ACRONYM_MATCH  # both texts define one acronym for names sharing most words
    # across families the stricter family's bar ("Beijing" the place is not "Boeing" the
    # company at 77); two names sharing a feature word ("… Bridge") are compared as places
    limit = max(MIN_RATIO.get(a.family, 90.0), MIN_RATIO.get(b.family, 90.0))
    if a.family == b.family == "PLACE" or keys.feature_words(sa) & keys.feature_words(sb):
        limit = MIN_RATIO["PLACE"]
    if a.family == "PERSON":
        if len(ca) < 2 or len(cb) < 2:
            return 0.0
        if keys.skeleton(keys.stem_name_token(ca[-1])) != keys.skeleton(keys.stem_name_token(cb[-1])):
            return 0.0
        if not _firsts_compatible(frozenset({ca[0]}), frozenset({cb[0]})):
            return 0.0
        ratio = fuzz.ratio(" ".join(ca), " ".join(cb))
    elif (na := keys.name_skeleton(sa)) == (nb := keys.name_skeleton(sb)) or (
        na.replace(" ", "") == nb.replace(" ", "")  # one name written as one word or two
    ):
        if len(na.replace(" ", "")) < MIN_SKELETON:
            return 0.0
        glue = " " if na == nb else ""
        ratio = fuzz.ratio(glue.join(ca), glue.join(cb))
    elif len(ca) >= 2 and keys.skeleton_bag(sa) == keys.skeleton_bag(sb):
        ratio = fuzz.token_sort_ratio(" ".join(ca), " ".join(cb))
    else:
        return 0.0
    return ratio / 100.0 if ratio >= limit else 0.0


def _blocking_keys(node: _Node) -> set[str]:
    """Keys under which a node meets its cross-document candidates."""
    out = {"k:" + node.key, "s:" + keys.name_skeleton(node.surface), "b:" + keys.skeleton_bag(node.surface)}
    core = keys.core_tokens(node.surface)
    if core and node.family == "PERSON":
        out.add("l:" + keys.skeleton(keys.stem_name_token(core[-1])))
    elif core:
        out.add("f:" + keys.skeleton(keys.stem_name_token(core[0])))
    if node.gid:
        out.add("g:" + node.gid)
    out.add("j:" + keys.name_skeleton(node.surface).replace(" ", ""))  # "World Wide" ~ "Worldwide"
    out.update("a:" + acr for acr in _defined_acronyms(node))
    return out


def _defined_acronyms(node: _Node) -> set[str]:
    """Acronyms the text defines for a node's name ("Worldwide Developers Conference (WWDC)")."""
    return {a for a in node.extra_aliases if _ACRONYM.fullmatch(a)}


def _token_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter name's tokens the other name has."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def _representatives(nodes: Sequence[_Node]) -> list[_Node]:
    """One pseudo-node per (name key, gazetteer id), pooling the mentions of all documents.

    Spelling comparisons depend only on the name, so they run over distinct names, not over
    every document's copy of them: the work grows with the vocabulary of names.
    """
    pooled: dict[tuple[str, str], _Node] = {}
    for node in nodes:
        rep = pooled.get((node.key, node.gid))
        if rep is None:
            rep = pooled[(node.key, node.gid)] = _Node(node.id)
        rep.mentions.extend(node.mentions)
        rep.extra_aliases |= node.extra_aliases
    return [pooled[k] for k in sorted(pooled)]


def _cross_doc_edges(nodes: Sequence[_Node]) -> Iterator[tuple[int, float, tuple, tuple]]:
    """Candidate edges across documents: same name, same gazetteer id, spelling variants."""
    anchors: dict[str, tuple] = {}
    for node in nodes:
        for bk in ("k:" + node.key, "g:" + node.gid if node.gid else ""):
            if not bk:
                continue
            if bk in anchors:
                yield 2, 1.0, anchors[bk], node.id
            else:
                anchors[bk] = node.id
    reps = _representatives(nodes)
    blocks: dict[str, list[_Node]] = defaultdict(list)
    for rep in reps:
        for bk in _blocking_keys(rep) - {"k:" + rep.key, "g:" + rep.gid}:
            blocks[bk].append(rep)
    seen: set[tuple[tuple, tuple]] = set()
    for bk in sorted(blocks):
        members = blocks[bk]
        if len(members) < 2:
            continue
        window = len(members) if len(members) <= MAX_BLOCK else NEIGHBOURS
        members = sorted(members, key=lambda n: (n.key, n.id))
        for i, a in enumerate(members):
            for b in members[i + 1 : i + 1 + window]:
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in seen or a.key == b.key:
                    continue
                seen.add(pair)
                score = _fuzzy_match(a, b)
                if score:
                    yield 3, score, pair[0], pair[1]


def _surname_edges(nodes: Sequence[_Node], uf: ConstrainedUnionFind) -> Iterator[tuple[tuple, tuple]]:
    """A lone surname (not resolved in its own document) to the one full name carrying it."""
    full_by_last: dict[str, set] = defaultdict(set)
    node_by_last: dict[str, _Node] = {}
    for n in nodes:
        core = keys.core_tokens(n.surface)
        if n.family == "PERSON" and len(core) >= 2:
            last = keys.skeleton(keys.stem_name_token(core[-1]))
            full_by_last[last].add(uf.find(n.id))
            if last not in node_by_last or n.id < node_by_last[last].id:
                node_by_last[last] = n
    for n in nodes:
        core = keys.core_tokens(n.surface)
        if len(core) != 1 or not _mostly_person(n):
            continue
        last = keys.skeleton(keys.stem_name_token(core[0]))
        roots = full_by_last.get(last, set())
        if len(roots) == 1 and uf.find(n.id) not in roots:
            target = node_by_last[last]
            if fuzz.ratio(core[0], keys.core_tokens(target.surface)[-1]) >= MIN_RATIO["PERSON"]:
                yield n.id, target.id


# -- resolution ----------------------------------------------------------------------------


class Resolver:
    """Entity resolution fed one record at a time (the link stage streams them from the store).

    ``add`` keeps only what resolution needs of a document — its nodes, its within-document
    edges and its metadata links — so the documents' texts and other facts never sit in
    memory together; ``finish`` merges across documents.
    """

    def __init__(self) -> None:
        self.nodes: dict[tuple[str, str, str], _Node] = {}
        self.edges: list[tuple[int, float, tuple, tuple]] = []
        self.links: list[list[tuple[str, str]]] = []
        """Each document's (link text, page) pairs from reader metadata, in the order added."""
        self.geos: dict[Geo, Geo] = {}

    def add(self, record: AnnotatedDocument) -> None:
        made = _make_nodes(collect_mentions(record, self.geos))
        self.nodes.update(made)
        own = [made[k] for k in sorted(made)]
        for prio, _why, _detail, a, b in _within_doc_edges(record.document.text, own):
            self.edges.append((prio, 1.0, a, b))
        pairs = sorted(set(meta_links(record.document.meta)))
        if pairs:
            self.links.append(pairs)

    def finish(self) -> EntityIndex:
        nodes = self.nodes
        uf: ConstrainedUnionFind = ConstrainedUnionFind(
            {nid: _initial_state(n) for nid, n in nodes.items()}, compatible=_compatible, merge=_merge
        )
        edges = self.edges
        edges.extend(_meta_edges(self.links, nodes))
        all_nodes = [nodes[k] for k in sorted(nodes)]
        edges.extend(_cross_doc_edges(all_nodes))
        edges.sort(key=lambda e: (e[0], -e[1], e[2], e[3]))
        for _prio, _score, a, b in edges:
            uf.union(a, b)
        self.edges = []
        for a, b in list(_surname_edges(all_nodes, uf)):
            uf.union(a, b)
        return _build_entities(uf, nodes)


def resolve(records: Iterable[AnnotatedDocument]) -> EntityIndex:
    """Merge the entity mentions of all records into canonical entities.

    Args:
        records: annotated documents, in any order.

    Returns:
        The entities (sorted by id) and, per document, which entity each mention belongs to.
    """
    resolver = Resolver()
    for record in sorted(records, key=lambda r: r.document.id):
        resolver.add(record)
    return resolver.finish()


def _meta_edges(links: Iterable[Sequence[tuple[str, str]]], nodes: Mapping[tuple, _Node]) -> Iterator[tuple]:
    """Edges from link text → page pairs in reader metadata (strong hints)."""
    by_key: dict[str, list[tuple]] = defaultdict(list)
    for nid in sorted(nodes):
        by_key[nid[1]].append(nid)
    for pairs in links:
        for text, page in pairs:
            ka, kb = keys.name_key(text), keys.name_key(page)
            if not ka or not kb or ka == kb or not text[:1].isupper():
                continue
            for a in by_key.get(ka, ()):
                for b in by_key.get(kb, ()):
                    if nodes[a].family == nodes[b].family:
                        yield 1, 1.0, a, b


def _build_entities(uf: ConstrainedUnionFind, nodes: Mapping[tuple, _Node]) -> EntityIndex:
    """Turn the union-find's groups into ``Entity`` records with stable ids."""
    groups = uf.groups()
    drafts = []
    for members in groups.values():
        group = [nodes[m] for m in members]
        mentions = sorted((m for n in group for m in n.mentions), key=lambda m: (m.doc, m.start, m.end))
        drafts.append((group, mentions))
    taken: dict[str, int] = Counter()
    ids = []
    for group, mentions in drafts:
        name, etype, geo = _canonical(group, mentions)
        base = "e-" + keys.short_hash(FAMILY.get(etype, "OTHER"), keys.name_key(name), geo.gazetteer_id if geo else "")
        ids.append(base)
        taken[base] += 1
    entities: list[Entity] = []
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    used: set[str] = set()
    # groups sharing a base id get a suffix from their mentions; should even those collide
    # (seen on a 20k-document corpus), a counter in mention order keeps every id unique
    order = sorted(range(len(drafts)), key=lambda i: (ids[i], [(m.doc, m.start, m.end) for m in drafts[i][1]]))
    for i in order:
        (group, mentions), base = drafts[i], ids[i]
        name, etype, geo = _canonical(group, mentions)
        eid = base
        if taken[base] > 1:
            eid = base + "-" + keys.short_hash(*(f"{m.doc}:{m.start}" for m in mentions), length=6)
        eid = keys.fresh_id(eid, used)
        aliases = sorted({m.text for m in mentions} | {a for n in group for a in n.extra_aliases})
        evidence = tuple(Evidence(m.doc, m.start, m.end, m.text) for m in mentions)
        entities.append(Entity(eid, name, etype, tuple(aliases), evidence, geo))
        for m in mentions:
            by_doc[m.doc].append((m.start, m.end, eid))
    entities.sort(key=lambda e: e.id)
    return EntityIndex(tuple(entities), {d: tuple(sorted(v)) for d, v in by_doc.items()})


def _canonical(group: Sequence[_Node], mentions: Sequence[EntityMention]) -> tuple[str, str, Geo | None]:
    """The canonical name, type and geo of a group of nodes."""
    votes: Counter[str] = Counter()
    for n in group:
        votes.update(n.votes())
    etype = _majority(votes)
    forms = Counter(m.text for m in mentions)
    person = FAMILY.get(etype) == "PERSON"

    def rank(form: str) -> tuple:
        acronym = bool(re.fullmatch(r"[A-Z0-9]{2,7}", form))
        multi = len(keys.core_tokens(form)) >= 2
        return (not acronym, multi if person else True, forms[form], len(form), form)

    name = max(forms, key=rank)
    gids = Counter(m.geo.gazetteer_id for m in mentions if m.geo)
    geo = None
    if gids:
        best = _majority(gids)
        geo = next(m.geo for m in mentions if m.geo and m.geo.gazetteer_id == best)
    return name, etype, geo


def _majority(counter: Mapping[str, int]) -> str:
    """The most frequent key; ties go to the alphabetically first."""
    return min(counter, key=lambda k: (-counter[k], k))


def entity_names(index: EntityIndex) -> Iterable[tuple[str, set[str]]]:
    """(entity id, every folded name it carries) — for tests and diagnostics."""
    for e in index.entities:
        yield e.id, {keys.fold(x) for x in (e.name, *e.aliases, *(m.text for m in e.mentions))}
