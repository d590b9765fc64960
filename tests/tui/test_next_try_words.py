"""R with every feed's server asking to wait: the reader says when the next try is in the
words e uses ("next try in about 25 minutes (at 12:25)"), and decides by the reader's clock."""

from __future__ import annotations

from datetime import timedelta

from reader.store import Store

from .conftest import NOW, running, settle

ERROR_429 = "The server said 429 (too many requests): it asked to wait 30 minutes."


async def test_R_with_every_server_asking_to_wait_says_the_next_try_as_e_does(
    make_app, store: Store
) -> None:
    for feed in store.feeds():
        store.update_feed(
            feed.id,
            last_error=ERROR_429,
            failures=1,
            last_fetched=NOW - timedelta(minutes=5),
            next_fetch=NOW + timedelta(minutes=25),  # by the reader's clock (the tests' NOW)
            last_status=429,
            retry_after=1800,
        )
    app = make_app()
    async with running(app, (120, 30)) as (pilot, _screen):
        await pilot.press("R")
        for _ in range(20):
            await settle(pilot)
            said = [str(n.message) for n in app._notifications]
            if any("was due" in m or "failed" in m for m in said):
                break
        at = (NOW + timedelta(minutes=25)).astimezone()
        assert said[-1] == (
            "No feed was due: 3 feeds failed and their servers asked to wait; next try in "
            f"about 25 minutes (at {at:%H:%M}). r on a feed fetches it now."
        ), said
