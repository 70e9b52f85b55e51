"""Catastrophic backtracking: every regular expression dossier runs is searched over long
adversarial inputs, and each search must finish within a second.

Patterns come from two places:

- at run time, every module under ``dossier`` is imported (``pkgutil.walk_packages``) and
  every compiled ``re.Pattern`` is collected from module globals and class attributes,
  including inside lists, tuples, sets and dicts;
- in the source, every ``re.compile/search/match/fullmatch/sub/subn/findall/finditer/split``
  call whose pattern is a literal (``ast``) — patterns compiled inside functions.

The inputs are long runs (``LENGTH`` characters) of what each pattern's literals and
character classes accept — single characters, pairs, literal words repeated with spaces and
dots, ``A.`` pairs, digits, newlines — each also followed by a character that makes the
match fail at the very end. The searches run in a child process whose CPU time per search
is capped with ``ITIMER_PROF`` (the default action of SIGPROF ends the process), so a
catastrophic pattern fails the test instead of hanging it; the parent restarts the child
after the pattern that killed it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import dossier
from tests.conftest import ROOT

#: characters per adversarial input (the brief: 20–50k)
LENGTH = 20_000
#: CPU seconds one search may take
LIMIT = 1.0
SRC = ROOT / "src" / "dossier"
#: patterns the code only ever runs on a short slice, tested at that length instead: name (or,
#: for a literal in a function, the pattern itself) -> (characters, where the bound comes from)
BOUNDED: dict[str, tuple[int, str]] = {
    "dossier.temporal.combine._NAME_START": (40, "combine.py searches text[p.start - 40 : p.start]"),
    "dossier.annotate.components.quantities._AGE_BEFORE": (40, "searched on 40 characters before a number"),
    "dossier.temporal.combine._TRAILING_DIR": (400, "searched inside one time expression's span"),
    "dossier.temporal.dateline._DASH_OPENING": (600, "matched on lines of the first 600 characters"),
    "dossier.link.entities._TRAILING": (400, "searched on one entity mention's text"),
    r"(.+?)\s+(hundred|thousand|million|billion|trillion)": (400, "numbers.py: one number expression"),
}
_RE_CALLS = {
    "compile": 1,
    "search": 2,
    "match": 2,
    "fullmatch": 2,
    "sub": 4,
    "subn": 4,
    "findall": 2,
    "finditer": 2,
    "split": 3,
}
_CONTAINERS = (list, tuple, set, frozenset)


@dataclass(frozen=True)
class Found:
    """One pattern and where it was found."""

    origin: str
    pattern: str
    flags: int
    binary: bool
    method: str = "search"
    """How dossier calls it: ``search`` (also for finditer, findall, sub, split) or, for
    patterns only ever anchored at a position, ``match``/``fullmatch``."""
    length: int = 0
    """Characters per input (0: ``LENGTH``); see ``BOUNDED``."""


# -- collecting ---------------------------------------------------------------------------


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 4 and isinstance(value, _CONTAINERS):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(key, depth + 1)
            yield from _patterns_in(item, depth + 1)


def module_names() -> list[str]:
    """Every module of the dossier package (``__main__`` would run the CLI, so not that one)."""
    names = ["dossier"]
    for info in pkgutil.walk_packages(dossier.__path__, "dossier."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def runtime_patterns() -> list[Found]:
    """Compiled patterns in module globals and class attributes (containers included)."""
    found = []
    uses = method_uses()
    for name in module_names():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            for pattern in _patterns_in(value):
                found.append(_found(f"{name}.{attr}", pattern, _method(uses.get(attr), value)))
            if inspect.isclass(value) and value.__module__ == name:
                for cattr, cvalue in vars(value).items():
                    for pattern in _patterns_in(cvalue):
                        method = _method(uses.get(cattr), cvalue)
                        found.append(_found(f"{name}.{attr}.{cattr}", pattern, method))
    return found


def method_uses() -> dict[str, set[str]]:
    """For each name, the pattern methods the source calls on it (``NAME.search(`` …)."""
    uses: dict[str, set[str]] = {}
    call = re.compile(r"\b([A-Za-z_]\w*)\.(search|match|fullmatch|sub|subn|findall|finditer|split)\(")
    for path in SRC.rglob("*.py"):
        for name, method in call.findall(path.read_text("utf-8")):
            uses.setdefault(name, set()).add(method)
    return uses


def _method(used: set[str] | None, value: Any) -> str:
    """``match``/``fullmatch`` only for a single pattern the source only ever anchors."""
    if not isinstance(value, re.Pattern) or not used or not used <= {"match", "fullmatch"}:
        return "search"
    return "match" if "match" in used else "fullmatch"


def _found(origin: str, pattern: re.Pattern[Any], method: str = "search") -> Found:
    binary = isinstance(pattern.pattern, bytes)
    text = pattern.pattern.decode("latin-1") if binary else pattern.pattern
    return Found(origin, text, pattern.flags, binary, method)


def _flags(node: ast.expr | None) -> int:
    """The value of a flags argument such as ``re.I | re.MULTILINE`` (0 when not literal)."""
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    return 0


def source_literals() -> tuple[list[Found], list[str]]:
    """Literal patterns passed to ``re.*`` calls anywhere in the source, and the calls whose
    pattern is built at run time (those are covered when the result is kept in a global)."""
    found, dynamic = [], []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS
                and node.args
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, (str, bytes))):
                dynamic.append(where)
                continue
            position = _RE_CALLS[node.func.attr]
            flag_node = node.args[position] if len(node.args) > position else None
            for keyword in node.keywords:
                if keyword.arg == "flags":
                    flag_node = keyword.value
            binary = isinstance(first.value, bytes)
            text = first.value.decode("latin-1") if binary else first.value
            compiled = re.compile(first.value, _flags(flag_node))
            # a compiled pattern is tested the way its name is used (found at run time); a direct
            # re.match/fullmatch call anchors it, any other call searches
            method = {"compile": "compiled", "match": "match", "fullmatch": "fullmatch"}.get(
                node.func.attr, "search"
            )
            found.append(Found(where, text, compiled.flags, binary, method))
    return found, dynamic


def all_patterns() -> tuple[list[Found], list[str]]:
    """Every distinct (pattern, flags), first origin kept."""
    literals, dynamic = source_literals()
    unique: dict[tuple[str, int, bool], Found] = {}
    bounded = []
    for item in [*runtime_patterns(), *literals]:
        bound = BOUNDED.get(item.origin) or BOUNDED.get(item.pattern)
        bounded.append(replace(item, length=bound[0]) if bound else item)
    for item in bounded:
        key = (item.pattern, item.flags, item.binary)
        if item.method == "compiled":
            unique.setdefault(key, replace(item, method="search"))
        elif key not in unique or (item.method == "search" and unique[key].method != "search"):
            unique[key] = item  # searched anywhere: tested as searched
    return list(unique.values()), dynamic


# -- adversarial inputs ---------------------------------------------------------------------

_GENERIC = (
    "a",
    "A",
    "z",
    " ",
    "1",
    "0",
    ".",
    ",",
    "-",
    "'",
    '"',
    "\n",
    "\t",
    "\u00a0",
    "(",
    "<",
    "/",
    "A.",
    "A. ",
    "a.",
    "ab ",
    "Ab ",
    "the ",
    "The ",
    "1 ",
    "1,",
    "1.",
    "12 ",
    "a-",
    ". ",
    ", ",
    "Mr. ",
    "U.S. ",
    "\n\n",
    " \n",
    "a\n",
    "aA",
    "a1",
    "1a",
)
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "7",
    "CATEGORY_NOT_DIGIT": "x",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "x",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "!",
    "CATEGORY_LINEBREAK": "\n",
    "CATEGORY_NOT_LINEBREAK": "a",
}


def pattern_atoms(pattern: str, flags: int) -> tuple[list[str], list[str]]:
    """Characters the pattern's literals and classes accept, and its literal words."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    chars: dict[str, None] = {}
    words: dict[str, None] = {}

    def visit(sub: Any) -> None:
        run: list[str] = []
        for op, av in sub:
            if op is c.LITERAL:
                run.append(chr(av))
                chars[chr(av)] = None
                continue
            if len(run) > 1:
                words["".join(run)] = None
            run = []
            if op is c.NOT_LITERAL:
                chars["a" if av != ord("a") else "b"] = None
            elif op is c.ANY:
                chars["a"] = None
            elif op is c.IN:
                for iop, iav in av:
                    if iop is c.LITERAL:
                        chars[chr(iav)] = None
                    elif iop is c.RANGE:
                        lo, hi = iav
                        for code in (lo, (lo + hi) // 2, hi):
                            chars[chr(code)] = None
                    elif iop is c.CATEGORY:
                        chars[_CATEGORY_CHARS.get(str(iav), "a")] = None
                    elif iop is c.NEGATE:
                        chars["a"] = chars[" "] = None
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                visit(av[2])
            elif op is c.SUBPATTERN:
                visit(av[-1])
            elif op is c.BRANCH:
                for branch in av[1]:
                    visit(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                visit(av[1])
            elif op is getattr(c, "ATOMIC_GROUP", None):
                visit(av)
            elif op is c.GROUPREF_EXISTS:
                visit(av[1])
                if av[2] is not None:
                    visit(av[2])
        if len(run) > 1:
            words["".join(run)] = None

    visit(_parser.parse(pattern, flags & ~re.DEBUG))
    return list(chars)[:24], sorted(words, key=len, reverse=True)[:16]


def pumps(pattern: str, flags: int) -> list[str]:
    """The repeated units an input is made of."""
    chars, words = pattern_atoms(pattern, flags)
    units: dict[str, None] = dict.fromkeys(_GENERIC)
    for ch in chars:
        units[ch] = None
        units[ch + " "] = None
    for a in chars[:6]:
        for b in chars[:6]:
            if a != b:
                units[a + b] = None
    for word in words[:10]:
        for unit in (word, word + " ", word.capitalize() + ". "):
            units[unit] = None
    return [u for u in units if u]


def inputs(pattern: str, flags: int, length: int = LENGTH) -> Iterator[tuple[str, str]]:
    """(name, text) pairs: each unit pumped to ``length``, then with a failing last character."""
    for unit in pumps(pattern, flags):
        run = (unit * (length // len(unit) + 1))[:length]
        yield repr(unit), run
        yield repr(unit) + "+!", run + "!\x00"


# -- running (child process) ----------------------------------------------------------------


def _child(spec_path: str, start: int) -> None:
    """Search every input for patterns ``start…``; one line per event on stdout."""
    import resource  # noqa: F401  (Unix only, as ITIMER_PROF)
    import signal

    specs = json.loads(Path(spec_path).read_text("utf-8"))
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    for index in range(start, len(specs)):
        spec = specs[index]
        raw = spec["pattern"].encode("latin-1") if spec["binary"] else spec["pattern"]
        compiled = re.compile(raw, spec["flags"])
        call = getattr(compiled, spec.get("method", "search"))
        slowest, slowest_name, count = 0.0, "", 0
        for name, text in inputs(spec["pattern"], spec["flags"], spec.get("length") or LENGTH):
            subject: Any = text.encode("utf-8") if spec["binary"] else text
            print(f"S\t{index}\t{name}", flush=True)
            began = time.process_time()
            signal.setitimer(signal.ITIMER_PROF, LIMIT)
            call(subject)
            signal.setitimer(signal.ITIMER_PROF, 0)
            took = time.process_time() - began
            count += 1
            if took > slowest:
                slowest, slowest_name = took, name
        print(f"D\t{index}\t{slowest:.4f}\t{count}\t{slowest_name}", flush=True)


@dataclass
class Outcome:
    origin: str
    pattern: str
    slowest: float
    searches: int
    worst_input: str
    failed: bool


def run_all(found: list[Found], workdir: Path) -> list[Outcome]:
    """Run the child over every pattern, restarting it after each one that hits the limit."""
    spec = workdir / "patterns.json"
    spec.write_text(json.dumps([asdict(f) for f in found]), encoding="utf-8")
    outcomes: dict[int, Outcome] = {}
    start = 0
    code = (
        f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'src')!r}]; "
        "from tests.trust.test_regex_redos import _child; _child(sys.argv[1], int(sys.argv[2]))"
    )
    while start < len(found):
        result = subprocess.run(
            [sys.executable, "-c", code, str(spec), str(start)], capture_output=True, text=True, timeout=900
        )
        last_started: tuple[int, str] | None = None
        for line in result.stdout.splitlines():
            kind, index, *rest = line.split("\t")
            if kind == "S":
                last_started = (int(index), rest[0])
            else:
                item = found[int(index)]
                outcomes[int(index)] = Outcome(
                    item.origin, item.pattern, float(rest[0]), int(rest[1]), rest[2], False
                )
                last_started = None
        if result.returncode == 0:
            break
        assert last_started is not None, f"the child failed outside a search: {result.stderr[-2000:]}"
        index, name = last_started
        item = found[index]
        outcomes[index] = Outcome(item.origin, item.pattern, LIMIT, 0, name, True)
        start = index + 1
    return [outcomes[i] for i in sorted(outcomes)]


# -- tests ---------------------------------------------------------------------------------


def test_pattern_collection_finds_module_class_container_and_local_patterns() -> None:
    found, dynamic = all_patterns()
    origins = {f.origin for f in found}
    # module globals, a list of tuples (the temporal grammar), a pattern inside a function
    assert any(o.startswith("dossier.ingest.boilerplate.") for o in origins)
    assert any(o.startswith("dossier.temporal.grammar.") for o in origins)
    assert any(o.startswith("src/dossier/claims/units.py:") for o in origins)
    assert any(f.binary for f in found)  # the bytes patterns of format detection
    assert len(found) >= 100, len(found)
    assert all(isinstance(d, str) for d in dynamic)


def test_adversarial_inputs_catch_a_catastrophic_pattern(tmp_path: Path) -> None:
    """The harness itself: a textbook exponential pattern and a quadratic one fail, a safe one passes."""
    planted = [
        Found("planted.exponential", r"^(a+)+$", 0, False),
        Found("planted.quadratic", r"\d+(?:\.\d+)?\s*(?:km|miles)\b", 0, False),
        Found("planted.safe", r"\bfoo\b", 0, False),
    ]
    outcomes = run_all(planted, tmp_path)
    assert [o.failed for o in outcomes] == [True, True, False], outcomes


def test_every_regex_finishes_each_adversarial_search_within_a_second(tmp_path: Path) -> None:
    found, dynamic = all_patterns()
    started = time.monotonic()
    outcomes = run_all(found, tmp_path)
    elapsed = time.monotonic() - started
    assert len(outcomes) == len(found)
    searches = sum(o.searches for o in outcomes)
    slowest = max((o for o in outcomes if not o.failed), key=lambda o: o.slowest)
    print(
        f"\n{len(found)} patterns, {searches} searches of {LENGTH:,} characters in {elapsed:.0f}s; "
        f"slowest {slowest.slowest:.3f}s: {slowest.origin} on {slowest.worst_input}; "
        f"{len(dynamic)} calls with run-time patterns: {dynamic}"
    )
    matched = {f.origin for f in found if f.length} | {f.pattern for f in found if f.length}
    assert set(BOUNDED) <= matched, f"BOUNDED names patterns that no longer exist: {set(BOUNDED) - matched}"
    failed = [f"{o.origin}: {o.pattern!r} on {o.worst_input}" for o in outcomes if o.failed]
    assert not failed, "patterns that backtrack for over a second:\n" + "\n".join(failed)
