from __future__ import annotations

from dossier.ingest.boilerplate import strip_boilerplate
from tests.conftest import NBC_SEED

ARTICLE = (
    "Officials said on Monday that the dam had been repaired after the storm, and that water would return.\n\n"
    "The mayor, speaking at a news conference, said the repairs cost the city more than it had planned."
)


def test_browser_notice_and_share_lines_go() -> None:
    text = f"IE 11 is not supported. For an optimal experience visit our site on another browser.\n\n{ARTICLE}\n\nShare this article\nGet more newsLiveon"
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == ARTICLE
    assert [r.why for r in removed] == ["browser or cookie notice", "share or promotion line", "share or promotion line"]


def test_caption_repeated_with_credit_goes() -> None:
    text = f"{ARTICLE}\n\nA man walks past the dam.\nA man walks past the dam. Reuters\n\nThe work goes on, officials said."
    cleaned, removed = strip_boilerplate(text)
    assert "A man walks" not in cleaned
    assert cleaned.endswith("The work goes on, officials said.")
    assert len(removed) == 2


def test_caption_with_glued_agency_credit_and_its_title_go() -> None:
    text = (
        f"{ARTICLE}\n\nRepairs continue as the river rises.\n"
        "Workers pour concrete at the dam on Sunday.Jane Doe / Example Agency via Getty Images\n\nNext paragraph here."
    )
    cleaned, removed = strip_boilerplate(text)
    assert "Repairs continue" not in cleaned and "Workers pour" not in cleaned
    assert {r.why for r in removed} == {"photo caption title", "photo caption with credit"}


def test_subheads_bylines_and_ordinary_paragraphs_stay() -> None:
    text = (
        f"'A major blow'\n\n{ARTICLE}\n\nDam attack\n\n"
        "Jane Doe reported from Springfield, and John Roe reported from London."
    )
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == text and removed == []


def test_a_sentence_about_sharing_is_not_a_share_line() -> None:
    line = "Share prices fell sharply on Friday after the company said profits would miss forecasts."
    assert strip_boilerplate(line) == (line, [])


def test_nbc_seed_loses_its_boilerplate_and_keeps_every_article_line() -> None:
    raw = NBC_SEED.read_text(encoding="utf-8")
    cleaned, removed = strip_boilerplate(raw)
    gone = {r.text.strip() for r in removed}
    # what a reader of the page would call boilerplate: notice, promo, three captions with credits
    assert any(g.startswith("IE 11 is not supported") for g in gone)
    assert "Get more newsLiveon" in gone
    assert sum("Getty Images" in g or g.endswith(("Telegram", "Twitter")) for g in gone) == 3
    assert len(removed) == 8
    kept_lines = [line.strip() for line in raw.split("\n") if line.strip() and line.strip() not in gone]
    assert all(line in cleaned for line in kept_lines)
    assert "MYKOLAIV, Ukraine —" in cleaned and "Marc Smith reported from Mykolaiv" in cleaned
