"""The general rules behind story splitting: clutter lines, source/age lines, dates."""

from __future__ import annotations

import pytest

from reader.extract.clutter import (
    COMMENTS_HEADING,
    is_clutter_line,
    is_date_line,
    parse_date,
    parse_meta_line,
    split_source_age,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Reuters · 2 hours ago", ("Reuters", "2 hours ago")),
        ("Mint | 12 mins ago", ("Mint", "12 mins ago")),
        ("BBC News - 1 hr ago", ("BBC News", "1 hr ago")),
        ("Reuters 2h ago", ("Reuters", "2h ago")),
        ("5m ago", ("", "5m ago")),
        ("time33 minutes ago", ("", "33 minutes ago")),  # icon label glued to the age
        ("timean hour ago", ("", "an hour ago")),
        ("Updated 5 hours ago", ("", "5 hours ago")),
        # glued source and age: only '7 hours' is a plausible age, so the source is News18
        ("News187 hours ago", ("News18", "7 hours ago")),
        ("BBC3 days ago", ("BBC", "3 days ago")),
        # '12 hours' and '2 hours' are both plausible: no guessing
        ("News12 hours ago", ("", "")),
    ],
)
def test_split_source_age(line: str, expected: tuple[str, str]) -> None:
    assert split_source_age(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The minister said 2 hours ago that nothing had changed in the long talks.",
        "187 hours ago",
        "Hello",
    ],
)
def test_not_a_source_age_line(line: str) -> None:
    assert split_source_age(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Sam Ortiz · 2 hours ago", ("", "Sam Ortiz", "2 hours ago")),
        ("Arts Desk | March 3, 2025", ("Arts Desk", "", "2025-03-03")),
        ("2 hours ago · Reuters", ("Reuters", "", "2 hours ago")),
        ("By Jane Roe", ("", "Jane Roe", "")),
        ("June 28, 2025", ("", "", "2025-06-28")),
        # a dateline with the time first and a US date, then the byline
        ("5:45 AM PST 11/19/2019 by Patrick Shanley", ("", "Patrick Shanley", "2019-11-19")),
        ("10:02 AM 19/11/2019", ("", "", "2019-11-19")),
    ],
)
def test_parse_meta_line(line: str, expected: tuple[str, str, str]) -> None:
    assert parse_meta_line(line) == expected


@pytest.mark.parametrize("line", ["Home | News | Sport", "The council met on Monday.", ""])
def test_not_a_meta_line(line: str) -> None:
    assert parse_meta_line(line) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("June 28, 2025, 09:01 IST", "2025-06-28"),
        ("28 June 2025", "2025-06-28"),
        ("Published: 2025-06-28T09:00:00Z", "2025-06-28"),
        ("28.06.2025", "2025-06-28"),
        ("2025/6/28", "2025-06-28"),
        ("no date here", ""),
        ("31.13.2025", ""),
        ("11/19/2019", "2019-11-19"),
        ("19/11/2019", "2019-11-19"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_date_lines() -> None:
    assert is_date_line("June 28, 2025, 09:01 IST")
    assert is_date_line("First Published: June 28, 2025")
    assert not is_date_line("On June 28, 2025 the council met to discuss the budget.")


def test_a_date_with_slashes_is_a_date_line_but_read_only_when_unambiguous() -> None:
    assert is_date_line("5:45 AM PST 03/04/2019")
    assert parse_date("03/04/2019") == ""  # month or day first: no telling


@pytest.mark.parametrize(
    "line",
    [
        "logo",
        "Orange background",
        "Try Our AI Features",
        "Comments",
        "Comments (12)",
        "No comments yet...",
        "DOWNLOAD THE APP",
        "app-storeplay-store",
        "Last Updated:",
        "First Published:",
        "Related Articles",
        "You may also like...",
        "Share on Facebook",
        "We use cookies to improve your experience on our site.",
        "Sign up for our daily newsletter and get the top stories in your inbox.",
        "Read more: Council approves new library",
        "SEE MORE: Council approves new library",
        "DON'T MISS",
        "Lesen Sie auch: Neue Regeln für Mieter",
        "Lea también: El gobierno anuncia nuevas medidas",
        "À lire aussi : la réforme des retraites",
        "Follow us on Twitter",
        "© 2025 The Coastal Ledger. All rights reserved.",
    ],
)
def test_clutter_lines(line: str) -> None:
    assert is_clutter_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The company said it would share more details about the app next week.",
        "Comments made by the minister on Monday caused a storm in parliament.",
        "The orange background of the flag was chosen in 1921.",
        "Related companies also saw their shares fall.",
        "(with agency inputs)",
    ],
)
def test_story_lines_are_not_clutter(line: str) -> None:
    assert not is_clutter_line(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Comments", True),
        ("Comments (2)", True),
        ("12 Comments", True),
        ("Leave a Reply", True),
        ("5 Kommentare", True),
        ('3 responses to "Hello"', True),
        ("Comment", False),  # the opinion-section label of many papers
        ("Kommentar", False),
        ("Comments from the minister angered the union", False),
    ],
)
def test_comments_heading(line: str, expected: bool) -> None:
    assert bool(COMMENTS_HEADING.match(line)) is expected


@pytest.mark.parametrize(
    "line",
    [
        "Reading time: 4 minutes",
        "5 min read",
        "Tempo de leitura: 1 minuto",
        "Lesezeit: ca. 3 Min.",
        "Tags: Banken, Eurokrise, Island",
        "Related post: Pickled Brussels Sprouts Recipe",
        "Have a tip? Ann Lee may be reached at alee@example.com. Follow her on Twitter @AnnLee.",
        "Get Bike Monthly delivered through your letterbox every month. 12 issues for £11.99.",
        "If you enjoyed this article, we have a proposition for you: Join PLUS. Members get more.",
    ],
)
def test_reading_times_tags_and_subscription_promos_are_clutter(line: str) -> None:
    assert is_clutter_line(line)
    # … but story sentences that use the same words are not
    for story in (
        "Tags on the birds' legs showed they had flown from Norway.",
        "The reading time of the report was put at four hours by the clerk.",
        "If you enjoyed this article's opening, the second part will surprise you.",
        "Have a tip for the new mayor? Residents were asked at the meeting.",
    ):
        assert not is_clutter_line(story)


@pytest.mark.parametrize(
    "line",
    [
        "The Ledger is independent. Please support our journalism: donate today.",
        "Become a member today and read every story without limits.",
        "First-time subscribers also receive a welcome gift from our shop!",
        "Das Blatt ist gemeinnützig. Wir finanzieren uns durch Spenden und Abos.",
        "Deshalb unterstütze uns (monatlich oder auch einmalig) und wir bleiben unabhängig.",
        "Unterstützen Sie uns bei Steady!",
        "Lust auf mehr? Melde dich hier für unseren Newsletter an!",
        "Wir würden hier gerne eine Newsletter-Anmeldung zeigen. Leider haben Sie uns hierfür "
        "keine Zustimmung gegeben.",
        "Heimatblatt Digital abonnieren",
    ],
)
def test_pitches_for_donations_memberships_and_newsletters_are_clutter(line: str) -> None:
    assert is_clutter_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The foundation said it would support our reporting on the flood with a grant, the editor wrote.",
        "Die Stadt will die Vereine unterstützen, sagte der Bürgermeister.",
        "Unterstützen Sie uns dabei, die Marke zu verbessern, bat die Firma die Tester.",
        "Small investors subscribed for so many shares they will get the maximum allotment.",
        "Wer die Zeitung abonnieren will, zahlt künftig mehr, teilte der Verlag am Montag mit.",
    ],
)
def test_story_sentences_about_support_and_subscriptions_are_not_clutter(line: str) -> None:
    assert not is_clutter_line(line)
