"""A summary that is most of its story is not printed above it: the story pane and
`newsreader summarize` both say why in the same words (``summarize.api.instead_of_summary``)
and show the story; a story whose summary is worth reading keeps its bullets in both."""

from __future__ import annotations

from pathlib import Path

from reader.models import Page, Story, View
from reader.store import Store
from tests.processes import newsreader as run

from .conftest import new_app, running, settle
from .test_reading_flows import LATE_NEWS, pane_text

SHORT = (
    "The council approved the new bridge over the river on Tuesday evening. "
    "It will cost forty million euros and take three years to build. "
    "Work starts next spring, the mayor said, calling it a historic day for the town."
)


def summarize(tmp_path: Path, text: str) -> str:
    """What `newsreader summarize` prints of ``text`` (two sentences, as the tests' config asks:
    by the config, as the pane's length is; an explicit --sentences N is a request for N)."""
    story = tmp_path / "story.txt"
    story.write_text(text + "\n")
    config = tmp_path / "config.toml"
    config.write_text(
        '[summary]\nsentences = 2\n\n[[feeds]]\nurl = "https://example.org/feed.xml"\n'
        'title = "Example"\n'
    )
    db = str(tmp_path / "n.db")
    result = run("summarize", str(story), "--config", str(config), "--db", db)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def pane_summary(store: Store, text: str) -> str:
    """The summary block of the pane of a story whose page is ``text``."""
    article = store.headlines(View("all"), limit=1)[0]
    store.put_page(article.id, Page(main=Story(title=article.title, text=text)), "page")
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.article_id == article.id and pane.state.summary is not None
        return pane_text(pane, "summary")


async def test_a_short_story_is_said_alike_by_the_pane_and_the_cli(
    store: Store, tmp_path: Path
) -> None:
    shown = await pane_summary(store, SHORT)
    printed = summarize(tmp_path, SHORT)
    assert "•" not in shown and "•" not in printed  # no bullets repeating the story
    head, sep, said = shown.partition(": ")
    assert sep and head.startswith("Summary · ") and "short" in said
    first, _, rest = printed.partition("\n\n")
    assert first.lower() == said.lower()  # one wording (the pane's starts in lower case)
    assert rest.strip() == SHORT  # the story follows "just below", as in the pane
    assert "sentences," not in printed  # (no count of sentences that are not printed)


async def test_a_summary_worth_reading_keeps_its_bullets_in_both(
    store: Store, tmp_path: Path
) -> None:
    shown = await pane_summary(store, LATE_NEWS)
    printed = summarize(tmp_path, LATE_NEWS)
    bullets = [line for line in printed.splitlines() if line.startswith("• ")]
    assert bullets and all(line[2:] in LATE_NEWS for line in bullets)
    assert shown.count("• ") == len(bullets)
