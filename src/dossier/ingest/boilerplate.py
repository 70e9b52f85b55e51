"""Web boilerplate left in text scraped from news pages.

Measured on flattened pages: trafilatura removes none of this once a page is plain text,
so the cleanup is ours. Each rule removes whole lines and names why, so the removed lines
can be kept in the document's metadata for review.

- browser and cookie notices ("IE 11 is not supported…", "Please enable JavaScript");
- share / promotion / navigation lines ("Get more news", "Share this article", "Sign up");
- photo captions: a caption repeated with its credit ("A girl waves a flag.\\nA girl waves a
  flag. Telegram"), captions ending in a credit ("…this week.Jane Doe / Agency via Getty
  Images"), the caption title standing just before such a caption, and bare credit lines.

Sub-heads and the byline stay: they are the source's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOTICE = re.compile(
    r"(?i)^(?:ie ?\d+ is not supported|your browser (?:is|does)|please (?:enable|turn on) javascript|"
    r"for an optimal experience|this site uses cookies|we use cookies|accept (?:all )?cookies|"
    r"javascript is (?:disabled|required)|update your browser)"
)
# share/promotion/navigation: short lines made only of such phrases
_PROMO_PHRASE = (
    r"get more news|live ?on|watch live|share(?: this(?: article| story)?)?|copy link|print|email|"
    r"sign up(?: for [\w ]+)?|subscribe(?: now)?|follow us(?: on \w+)?|advertisement|skip to (?:main )?content|"
    r"read more|related(?: articles| stories)?|listen to (?:this )?article|download (?:the )?app|"
    r"facebook|twitter|x|linkedin|whatsapp|reddit|flipboard|menu|search|close|back to top"
)
_PROMO = re.compile(rf"(?i)^(?:(?:{_PROMO_PHRASE})[\s|/·•,]*)+$")
# photo credits: "Agency via Getty Images", "Jane Doe / AP", "(AP Photo/Jane Doe)", "Photo: X"
_NAME_WORD = r"[A-Z][\w'’-]*\.?"  # "Jane", "O'Neil", "J." (a period only at the end)
_CREDIT_TAIL = re.compile(
    rf"(?:\b(?:via )?Getty Images|\bAP Photo\b[^.]*|\b{_NAME_WORD}(?: {_NAME_WORD}){{0,3}} ?/ ?"
    r"[A-Z][\w&.' -]{1,40}|\b(?:Photo|Image|Credit|Photograph)s?: [^.]{2,60})\)?\s*$"
)
_PLATFORM = (
    r"Telegram|Twitter|X|Facebook|Instagram|TikTok|YouTube|Reuters|AP|AFP|EPA|Getty Images|File|Handout"
)
_BARE_CREDIT = re.compile(
    rf"^\(?(?:{_PLATFORM}|{_NAME_WORD}(?: {_NAME_WORD}){{0,3}} ?/ ?[A-Z][\w&.' -]+)\)?$"
)
# a repeated caption's tail: a platform or a short credit-like run of capitalised words
# (words possessive, so a capitalised run is not tried split in up to 8 ways: that took 29 s
# on "AAA…A!" of 50 characters; a "via" glued to the last word is still allowed)
_REPEAT_TAIL = re.compile(
    rf"^(?:{_PLATFORM}|(?:[A-Z][\w.'’-]*+[ /]*){{1,8}}(?:via [\w ]+|(?<=via) [\w ]+)?)$"
)

#: a caption line is short: longer lines are article paragraphs (NBC captions run < 250 chars)
_CAPTION_MAX = 300


@dataclass(frozen=True, slots=True)
class Removed:
    line: int
    text: str
    why: str


def strip_boilerplate(text: str) -> tuple[str, list[Removed]]:
    """Remove boilerplate lines from flattened web text.

    Args:
        text: plain text, one paragraph (or heading, caption, notice) per line.

    Returns:
        The cleaned text (paragraphs separated by blank lines as in the input) and the
        removed lines with the reason for each.
    """
    lines = text.split("\n")
    drop: dict[int, str] = {}
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _NOTICE.match(s):
            drop[i] = "browser or cookie notice"
        elif _PROMO.match(s) or _glued_promo(s):
            drop[i] = "share or promotion line"
        elif _BARE_CREDIT.match(s) and len(s) < 60 and _near_caption(lines, i):
            drop[i] = "photo credit"
    _mark_captions(lines, drop)
    removed = [Removed(i, lines[i], why) for i, why in sorted(drop.items())]
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return _tidy("\n".join(kept)), removed


def _glued_promo(s: str) -> bool:
    """'Get more newsLiveon': promo phrases run together without spaces."""
    if len(s) > 40 or " " not in s and len(s) > 25:
        return False
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", s)
    return spaced != s and bool(_PROMO.match(spaced))


def _near_caption(lines: list[str], i: int) -> bool:
    """A bare credit counts only right after a short line (a caption), not mid-article."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and len(lines[j].strip()) <= _CAPTION_MAX


def _mark_captions(lines: list[str], drop: dict[int, str]) -> None:
    """Captions repeated with a credit, captions ending in a credit, and their titles."""
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or i in drop or len(s) > _CAPTION_MAX:
            continue
        prev = lines[i - 1].strip() if i > 0 else ""
        if prev and s != prev and s.startswith(prev) and _REPEAT_TAIL.match(s[len(prev) :].strip()):
            drop[i - 1] = "photo caption (repeated with its credit)"
            drop[i] = "photo caption with credit"
        elif _CREDIT_TAIL.search(s) and _credit_glued_or_caption(s):
            drop[i] = "photo caption with credit"
            if prev and i - 1 not in drop and len(prev) <= _CAPTION_MAX and _is_block_start(lines, i - 1):
                drop[i - 1] = "photo caption title"


def _credit_glued_or_caption(s: str) -> bool:
    """The credit follows a sentence end directly ('week.Jane Doe / AFP') or after a space."""
    m = _CREDIT_TAIL.search(s)
    if not m:
        return False
    before = s[: m.start()].rstrip()
    return bool(before) and before[-1] in '.!?"”’)' and len(before) >= 20


def _is_block_start(lines: list[str], i: int) -> bool:
    """Line ``i`` starts a paragraph block (a blank line or the start of text before it)."""
    return i == 0 or not lines[i - 1].strip()


def _tidy(text: str) -> str:
    """Collapse the runs of blank lines left where lines were removed; trim trailing spaces."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
