"""Keys a newsboat or vim user reaches for on the first day: J / K between feeds, Ctrl+D / Ctrl+U
(and Ctrl+F / Ctrl+B) to page, ":" for the command palette, Q to quit from anywhere; and the help
screen listing the keys that work, the feeds tree's own included."""

from __future__ import annotations

from textual.command import CommandPalette

from reader.models import View
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.feeds import FeedTree

from .conftest import make_config, screen_text, settle


def tree_feeds(tree: FeedTree) -> list[View]:
    """The feeds as the tree shows them, top to bottom."""
    return [
        leaf.data
        for branch in tree.root.children
        for leaf in branch.children
        if leaf.data is not None and leaf.data.kind == "feed"
    ]


async def test_J_and_K_list_the_next_and_previous_feed(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        feeds = tree_feeds(screen.feeds_tree)
        assert len(feeds) == 3
        smart = [screen.feeds_tree._smart[k].data for k in ("all", "unread", "today", "favourites")]
        for expected in smart[1:]:  # from All: the smart views, as the tree lists them
            await pilot.press("J")
            await settle(pilot)
            assert screen.table.view == expected
        await pilot.press("J")  # then the first feed
        await settle(pilot)
        assert screen.table.view == feeds[0]
        assert {a.feed_id for a in screen.table.articles} == {feeds[0].feed_id}
        await pilot.press("J", "J")
        await settle(pilot)
        assert screen.table.view == feeds[2]
        await pilot.press("J")  # past the last: it stays, and says so
        await settle(pilot)
        assert screen.table.view == feeds[2]
        title = screen.feeds_tree.feeds[feeds[2].feed_id or 0].display_title
        assert any(f"no feed after {title}" in n.message for n in app._notifications)
        await pilot.press("K")
        await settle(pilot)
        assert screen.table.view == feeds[1]
        assert screen.table.has_focus
        assert screen.feeds_tree.cursor_node is not None
        assert screen.feeds_tree.cursor_node.data == feeds[1]  # the tree follows
        for expected in [feeds[0], *reversed(smart)]:  # K reaches the smart views, up to All
            await pilot.press("K")
            await settle(pilot)
            assert screen.table.view == expected
        await pilot.press("K")
        await settle(pilot)
        assert screen.table.view == smart[0]
        assert any("no feed before All" in n.message for n in app._notifications)


async def test_J_from_a_category_lists_the_next_category(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        categories = [b.data for b in screen.feeds_tree.root.children if b.allow_expand]
        screen.go_to_view(categories[0])  # type: ignore[arg-type]
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert screen.table.view == categories[1]


async def test_vim_and_pager_keys_page_the_headlines(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        for down, up in (("ctrl+d", "ctrl+u"), ("ctrl+f", "ctrl+b")):
            await pilot.press(down)
            await pilot.pause()
            assert table.cursor_row > 5, down  # a page, not a line
            await pilot.press(up)
            await pilot.pause()
            assert table.cursor_row == 0, up


async def test_colon_opens_the_command_palette(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_Q_quits_from_a_story_with_the_newsboat_keys(make_app) -> None:
    app = make_app(make_config(keymap="newsboat"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading
        await pilot.press("Q")  # q would go back a level; Q leaves at once
        await settle(pilot)
        assert not app.is_running


async def test_Q_quits_at_once_from_the_help_screen_too(make_app) -> None:
    # the help lists Q as "Quit at once (from anywhere)": the help itself is a place
    app = make_app(make_config(keys={"quit_now": "X"}))  # as remapped in [reader.keys]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("X")
        await settle(pilot)
        assert not app.is_running


async def test_help_lists_the_new_keys_and_the_feeds_trees_own(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 62)) as pilot:  # (the tree's keys: under every action's)
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = screen_text(app).splitlines()

        def row(words: str) -> str:  # a row's keys may take two lines
            at = next(i for i, line in enumerate(rows) if words in line)
            return rows[at] + " " + rows[at + 1].split("│")[1].strip()

        assert "J" in row("Next feed").split("Next feed")[0]
        assert "Ctrl+d" in row("Page down")
        assert ":, Ctrl+P" in row("Command palette")
        assert "Q, Ctrl+q" in row("Quit at once").split("Quit at once")[0]
        # the tree's unfold / fold keys work (FeedTree.BINDINGS) and are listed
        assert "l, →" in row("Unfold a category")
        assert "h, ←" in row("Fold a category")


async def test_keys_written_as_the_help_or_newsboat_or_vim_write_them_work(make_app, store) -> None:
    # "Ctrl+E" and "F1" as the help shows keys, "^T" as newsboat writes them, "<C-y>" as vim does
    keys = {"favourite": "Ctrl+E", "toggle_read": "^T", "help": "F1", "copy_link": "<C-y>"}
    app = make_app(make_config(keys=keys))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not [n.message for n in app._notifications if "[reader.keys]" in n.message]
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("ctrl+e", "ctrl+t", "ctrl+y")
        await settle(pilot)
        assert store.article(article.id).is_favourite
        assert store.article(article.id).is_read
        assert app.clipboard == article.url
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_key_name_that_names_no_key_is_said_and_the_old_key_kept(make_app, store) -> None:
    app = make_app(make_config(keys={"favourite": "Ctrl-Alt-Foo", "toggle_read": "u, Hyper+x"}))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "[reader.keys] favourite = 'Ctrl-Alt-Foo': not a key name" in said
        assert "[reader.keys] toggle_read = 'u, Hyper+x': not a key name ('Hyper+x')" in said
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("f")
        await settle(pilot)
        assert store.article(article.id).is_favourite


async def test_A_in_the_feeds_tree_marks_the_feed_under_its_cursor_read(make_app, store) -> None:
    # newsboat's feed list: A marks the highlighted feed read, not whatever is listed beside it
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.table.view == View("all")
        tree = screen.feeds_tree
        chosen = tree_feeds(tree)[1]
        tree.focus()
        tree.select_view(chosen, post=False)  # the cursor on it; All is still listed
        await pilot.pause()
        assert screen.table.view == View("all")
        await pilot.press("A")
        await settle(pilot)
        assert store.count(chosen, unread=True) == 0
        assert store.count(View("unread")) > 0  # the other feeds are untouched
        name = tree.feeds[chosen.feed_id or 0].display_title
        assert any(f"read in {name}" in n.message for n in app._notifications)


def test_every_action_the_help_lists_has_a_handler() -> None:
    from reader.tui import keymap
    from reader.tui.app import NewsReaderApp

    for action in keymap.ACTIONS:
        name = action.action.split("(")[0]
        owner: type = NewsReaderApp if name.startswith("app.") else MainScreen
        assert callable(getattr(owner, f"action_{name.removeprefix('app.')}", None)), action.id


async def test_ctrl_z_suspends_to_the_shell(make_app, monkeypatch) -> None:
    app = make_app()
    suspended: list[bool] = []
    # headless there is no shell to go back to: what Ctrl+Z asks of Textual is recorded
    monkeypatch.setattr(app, "action_suspend_process", lambda: suspended.append(True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert suspended == [True] and app.is_running


async def test_C_marks_every_feed_read_from_a_feed_and_U_undoes_it(make_app, store) -> None:
    before = store.count(View("unread"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("J")  # a feed is listed; C is not about it alone
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert store.count(View("unread")) == 0
        assert any("read in every feed" in n.message for n in app._notifications)
        await pilot.press("U")
        await settle(pilot)
        assert store.count(View("unread")) == before


async def test_C_speaks_of_every_feed_in_plain_words(make_app, store) -> None:
    # a story's syndicated copy in another feed is listed once (under the first copy) and
    # marked read with it; C's message has no "other feeds" to put it in
    world, tech = store.feeds()[:2]
    first = store.headlines(View("feed", feed_id=world.id), limit=1)[0]
    copy = store.headlines(View("feed", feed_id=tech.id), limit=1)[0]
    store.set_group(first.id, 1)
    store.set_group(copy.id, 1, duplicate_of=first.id)
    listed = store.count(View("unread"))  # the copy is listed once, under the first copy
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        read = listed
        wanted = f"Marked {read} headlines read in every feed (1 more was a copy of these)."
        assert any(m.startswith(wanted) for m in said), said
        assert not any("other feeds" in m for m in said), said
        await pilot.press("C")  # nothing left: said plainly, not "Nothing in every feed ..."
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert said[-1] == "No feed has unread headlines.", said


async def test_newsboat_h_goes_back_from_a_feeds_headlines_to_the_feeds(make_app) -> None:
    # l in the tree lists a feed; h (Back in the newsboat preset) leads back, as q does there
    app = make_app(make_config(keymap="newsboat"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert screen.feeds_tree.has_focus
        while screen.feeds_tree.current_feed is None:
            await pilot.press("j")
        await pilot.press("l")
        await settle(pilot)
        assert screen.table.has_focus and screen.table.view.kind == "feed"
        await pilot.press("h")
        await settle(pilot)
        assert screen.feeds_tree.has_focus
        assert "q Quit" in footer_line(app)  # from the feeds, q quits


async def test_a_pane_number_with_no_such_pane_says_so(make_app) -> None:
    # 1-9 did nothing at all with no story open, or past the last pane (z, x and s say why)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("3")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert said[-1] == "No story is open: press Enter on a headline.", said
        await pilot.press("enter")
        await settle(pilot)
        panes = len(screen.deck.panes)
        assert panes < 9
        await pilot.press("9")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith("There is no story pane 9: this story has "), said
        assert screen.deck.active_pane is screen.deck.panes[0]  # nothing else changed


def footer_line(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_the_newsboat_footer_says_what_q_does_there(make_app) -> None:
    app = make_app(make_config(keymap="newsboat"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "q Back" in footer_line(app)  # All's headlines: q goes back to the feeds too
        await pilot.press("J", "J", "J", "J")  # past the smart views, a feed's headlines:
        await settle(pilot)  # q goes back to the feeds
        assert screen.table.view.kind == "feed"
        assert "q Back" in footer_line(app) and "Quit" not in footer_line(app)
        await pilot.press("enter")  # a story: q goes back to the list
        await settle(pilot)
        assert "q Back" in footer_line(app)
        while not screen.feeds_tree.has_focus:  # back, a level at a time, to the feeds
            assert "q Back" in footer_line(app)
            await pilot.press("q")
            await settle(pilot)
        assert app.is_running and "q Quit" in footer_line(app)
        await pilot.press("question_mark", "G")  # the help, at its end
        await settle(pilot)
        assert "Back a level (quit from the feeds)" in screen_text(app)


async def test_the_default_footer_says_quit_wherever_q_is_pressed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("J", "enter")
        await settle(pilot)
        assert "q Quit" in footer_line(app)


async def test_tab_does_what_the_help_says_with_a_story_on_the_whole_screen(
    make_app, store
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    others = store.headlines(View("all"), limit=3)[1:]
    store.set_related(first.id, [(a.id, 0.9 - n / 10) for n, a in enumerate(others)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        reached = []
        for _ in range(len(panes)):
            await pilot.press("tab")
            await pilot.pause()
            reached.append(app.focused)
        assert reached == [*panes[1:], panes[0]]  # the story's panes, round (80 columns)
    # and the help says so (its row, as the help and the palette show it)
    from reader.tui.keymap import BY_ID, describe

    assert "a story on the whole screen: its panes" in describe(BY_ID["next_pane"], "default")


async def test_the_help_legend_names_the_newsboat_presets_error_key(make_app) -> None:
    app = make_app(make_config(keymap="newsboat"))  # the preset binds the feed error to E
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = str(app.screen.query_one("#help-marks").render())
        assert "⚠ feed error (E says why)" in text, text
        assert "(e says why)" not in text


# each remapped to a key no action has by default, named where the screen names a key
REMAPPED = {
    "favourite": "F2",
    "back": "F3",
    "open": "F4",
    "next_pane": "F5",
    "maximise": "F6",
    "close_pane": "F7",
    "help": "F8",
    "hide_read": "F9",
    "refresh_all": "F10",
}


def _named(text: str, *action_ids: str) -> None:
    for action_id in action_ids:
        assert REMAPPED[action_id].lower() in text.lower(), (action_id, text)


async def test_every_key_named_on_screen_comes_from_the_active_keymap(make_app, store) -> None:
    app = make_app(make_config(keys=REMAPPED))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.pause(0.3)  # the deck previews the headline under the cursor
        await settle(pilot)
        _named(str(screen.deck.query_one("#deck-empty").render()), "open")
        screen.deck.preview(None)  # no headline: the deck says what the keys do
        await settle(pilot)
        hint = str(screen.deck.query_one("#deck-empty").render())
        _named(hint, "open", "next_pane", "maximise", "close_pane", "help")
        for key in ("Enter", "Tab", " z ", " x ", " ? "):
            assert key not in hint, hint
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        assert not store.headlines(View("favourites"), limit=1)
        assert "No favourites yet: f2 on a headline" in screen_text(app), screen_text(app)
        screen.go_to_view(View("search", query="zzzznothing"))
        await settle(pilot)
        assert "No stories match this search. f3 goes back." in screen_text(app)
