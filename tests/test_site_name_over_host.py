"""The source line of a story names the site when the page gives its name (og:site_name,
application-name, the end of its <title> after the headline), not only when that name is the
host's: a site on an address that says nothing (an IP address) shows its name, not the address.
A tagline or a headline is still no name: the host stands in for them."""

from __future__ import annotations

import pytest

from reader.extract.meta import PageFacts, clean_source
from tests.httpserver import LocalServer
from tests.processes import newsreader as run

PARAGRAPH = (
    "Residents of the coastal town fled to higher ground on Friday after a powerful earthquake "
    "shook the region and the emergency office issued a tsunami warning for the shoreline. "
    "Buildings swayed in the capital, more than a hundred kilometres away from the coast."
)


def page(head: str) -> bytes:
    return (
        f"<!doctype html><html><head>{head}</head><body><main><article>"
        "<h1>Quake rattles the coast</h1><p class='byline'>By: Jane Doe, Staff Reporter</p>"
        + "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(4))
        + "</article></main></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("head", "shown"),
    [
        ("<title>Quake rattles the coast - Daily Planet</title>", "Daily Planet"),
        ("<title>Quake rattles the coast | Daily Planet</title>", "Daily Planet"),
        (
            "<title>Quake rattles the coast</title>"
            "<meta property='og:site_name' content='The Daily Planet'>",
            "The Daily Planet",
        ),
        (
            "<title>Quake rattles the coast</title>"
            "<meta name='application-name' content='Planet News'>",
            "Planet News",
        ),
    ],
)
def test_extract_names_the_site_not_its_address(head: str, shown: str) -> None:
    with LocalServer() as server:
        server.route("/quake", body=page(head), headers={"Content-Type": "text/html"})
        result = run("extract", server.url("/quake"), timeout=60)
    assert result.returncode == 0, result.stderr
    meta = result.stdout.splitlines()[1]
    assert meta.startswith(f"{shown} · Jane Doe, Staff Reporter · "), meta


@pytest.mark.parametrize(
    ("facts", "shown"),
    [
        # the headline after a section name is no site's name
        (
            PageFacts(
                head_title="World - Quake rattles the coast",
                h1s=("Quake rattles the coast",),
                hosts=("127.0.0.1",),
            ),
            "127.0.0.1",
        ),
        # a tagline is no name: the host says which site it is
        (
            PageFacts(
                head_title="Four things to do - Expert how-to for English riders",
                sites=("Expert how-to for English riders",),
                hosts=("riders.example",),
            ),
            "riders.example",
        ),
        # a name and its tagline: the name
        (
            PageFacts(sites=("Daily Planet | News, Weather, Sport",), hosts=("10.0.0.7",)),
            "Daily Planet",
        ),
    ],
)
def test_what_is_no_name_leaves_the_host(facts: PageFacts, shown: str) -> None:
    assert clean_source("", facts) == shown
