"""What r and R say when nothing could be fetched or saved: a feed gone for good is not fetched
again (adding its address again tries it), never "r on a feed fetches it now"."""

from __future__ import annotations

from reader.models import View
from reader.store import Store

from .conftest import new_app, running, settle


def said(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_r_on_a_feed_gone_for_good_says_it_is_not_fetched_and_how_to_try_it(
    store: Store,
) -> None:
    feed = store.feeds()[0]
    store.update_feed(feed.id, dead=1, last_error="HTTP 410 Gone: it is gone for good.")
    app = new_app(store)
    async with running(app) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot, rounds=6)
        (text,) = [t for t in said(app) if "gone for good" in t]
        assert "is not fetched again" in text
        assert "adding its address again with a tries it" in text
        assert "fetches it now" not in text and "No feed was due" not in text
