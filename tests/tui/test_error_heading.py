"""``e`` from a view that is not a set of feeds (Favourites, a search) lists every feed's errors
under a heading that says so, not "All"."""

from __future__ import annotations

from reader.models import View
from reader.store import Store

from .conftest import running, settle


async def test_e_in_favourites_heads_the_errors_every_feed(make_app, store: Store) -> None:
    world, tech, _science = store.feeds()
    store.update_feed(world.id, last_error="The server said 404 (not found).", failures=1)
    store.update_feed(tech.id, last_error="The server could not be reached.", failures=2)
    app = make_app()
    async with running(app, (100, 30)) as (pilot, screen):
        for on_tree in (False, True):
            app.clear_notifications()
            screen.feeds_tree.select_view(View("favourites"))
            await settle(pilot)
            if on_tree:
                screen.feeds_tree.focus()
            else:
                screen.table.focus()
            await pilot.press("e")
            await pilot.pause()
            titles = [str(n.title) for n in app._notifications]
            assert titles == ["Every feed: 2 feeds with errors"], (on_tree, titles)
