"""Summaries choose sentences: not another story's headline, not a piece of a flattened list."""

from __future__ import annotations

import pytest

from reader.summarize import summarize
from reader.summarize.scraps import is_scrap

TITLE = "The Doobie Brothers set a 50th anniversary tour of North America"
BODY = [
    "A half century on, The Doobie Brothers are still smoking.",
    "To celebrate fifty years since the band formed, its founding members will reunite for a "
    "special North American tour next year.",
    "Kicking off in June, the thirty-date run will be the first time the four have toured "
    "together in nearly a quarter century.",
    "Simmons teased the tour during the band's set on Monday night at the Ryman Auditorium in "
    "Nashville, Tennessee.",
    "The band will start the tour in West Palm Beach, the first stop of thirty cities including "
    "Nashville, Toronto, Denver, Seattle and Los Angeles.",
    "Live Nation is producing the tour, and tickets go on sale on Friday.",
]
# Another story's headline, in title case and without a full stop, as a related-links box leaves it.
OTHER_HEADLINE = "Post Malone, Ariana Grande & Billie Eilish Lead American Music Awards Nominations: See Full List"
VENUES = [
    ("Coral Sky Amphitheatre", "West Palm Beach, FL"),
    ("Midflorida Credit Union Amphitheatre", "Tampa, FL"),
    ("Ameris Bank Amphitheatre", "Alpharetta, GA"),
    ("Bridgestone Arena", "Nashville, TN"),
    ("PNC Music Pavilion", "Charlotte, NC"),
    ("Coastal Credit Union Music Park", "Raleigh, NC"),
    ("Jiffy Lube Live", "Bristow, VA"),
    ("Northwell Health at Jones Beach Theater", "Wantagh, NY"),
    ("Mohegan Sun Arena", "Uncasville, CT"),
    ("Xfinity Center", "Mansfield, MA"),
    ("Budweiser Stage", "Toronto, ON"),
    ("Blossom Music Center", "Cuyahoga Falls, OH"),
    ("Hollywood Casino Amphitheatre", "Tinley Park, IL"),
    ("Fiddler's Green Amphitheatre", "Denver, CO"),
    ("White River Amphitheatre", "Auburn, WA"),
    ("Shoreline Amphitheatre", "Mountain View, CA"),
    ("The Forum", "Los Angeles, CA"),
]


def tour_dates() -> str:
    """A table of dates flattened into one line with no full stop (well over a hundred words)."""
    rows = [f"June {day} -- {venue}, {place}" for day, (venue, place) in enumerate(VENUES, 2)]
    return "The Doobie Brothers 50th Anniversary Tour dates: " + " ".join(rows)


@pytest.mark.parametrize(
    "line",
    [
        OTHER_HEADLINE,
        "5 Tips to Enjoy Game Day Parties While Staying on Track With Your Weight-Loss Goals:",
        "Jonas Brothers Added to American Music Awards Performance Lineup as Ciara Hosts Show",
    ],
)
def test_a_title_case_line_without_a_full_stop_is_a_headline(line: str) -> None:
    assert is_scrap(line)


def test_pieces_of_a_flattened_list_are_not_chosen() -> None:
    text = "\n\n".join(BODY) + "\n\n" + tour_dates()
    assert len(tour_dates().split()) > 120
    picked = summarize(text, 3, title=TITLE)
    assert len(picked) == 3
    assert not any("--" in s for s in picked), picked
