"""The author's bio box that pages put under (or beside) the story: 'Jane Doe is a reporter
covering …', a photo of the writer over 'Editor in the business desk.' It is about the writer,
not the story."""

from __future__ import annotations

import re
from dataclasses import replace

from reader.extract.enrich import LINK_MARK
from reader.extract.main import blocks_to_text
from reader.models import Block, Story

_MAX_BIO = 500  # characters of a bio paragraph
_MAX_ROLE = 200  # characters of the line under a writer's photo that says what they do
_TAIL = 3  # the last text blocks, where a bio stands
_NAME = r"\w[\w'’.-]*(?:\s+(?:(?:de|van|von|der|da|di|le|la|del|bin|al)\s+)?\w[\w'’.-]*){1,3}"
_NAME_LINE = re.compile(rf"^{_NAME}$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
# what the writer is (a newsroom's job titles), in the languages the pages come in
_ROLE = re.compile(
    r"""\b(?:
        reporter | writer | journalist | editor | correspondent | columnist | contributor
      | author | freelancer | producer | head\ of | bureau\ chief
      | redakteur(?:in)? | journalistin | korrespondent(?:in)? | autor(?:in)? | kolumnist(?:in)?
      | volontär(?:in)? | ressortleiter(?:in)? | chefredakteur(?:in)? | herausgeber(?:in)?
      | redaktion | mitarbeiter(?:in)?
      | rédact(?:eur|rice) | journaliste | correspondant(?:e)? | chroniqueur | chroniqueuse
      | periodista | redactor(?:a)? | corresponsal | columnista | editor(?:a)?
      | giornalista | redattore | redattrice | dziennikarz(?:ka)? | redaktor(?:ka)? | verslaggever
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
# '<Name> is a reporter …': a name, a verb saying what someone is or does, a job title soon after
_NAMED_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:is|writes|covers|ist|arbeitet|schreibt|est|es|è|jest|werkt)\b",
    re.IGNORECASE,
)


def _names(author: str) -> list[str]:
    """The writers' names of a byline ('Ann Lee, Bo Park and Cy Diaz')."""
    return [
        name.casefold()
        for name in _AUTHOR_SPLIT.split(author)
        if len(name.split()) >= 2 and _NAME_LINE.match(name)
    ]


_PARTICLES = frozenset(["de", "van", "von", "der", "da", "di", "le", "la", "del", "bin", "al"])
# words that open a name of a thing, not of a person ('The Times is …', 'Die Stadt ist …')
_NOT_A_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "our",
        "my",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "le",
        "la",
        "les",
        "un",
        "une",
        "el",
        "los",
        "las",
        "il",
        "lo",
    ]
)


def _person(name: str) -> bool:
    """Capitalised words (with 'van', 'de' … between them) that do not open with an article."""
    words = name.split()
    return words[0].casefold() not in _NOT_A_NAME and all(
        w[0].isupper() or w in _PARTICLES for w in words
    )


def _alt(block: Block) -> str:
    return block.text.removeprefix("[image: ").removesuffix("]").strip()


def _bio(text: str, names: list[str], photo: str, story: str = "") -> bool:
    """A paragraph about one of the writers: it opens with a writer's name (or the name under
    the photo before it) and says what that person is or does; or 'Ann Lee is a reporter …'
    with a job title in its first sentence, about someone the story (`story`: the rest of its
    text) does not name: a story about a reporter names her before its last paragraph."""
    if len(text) > _MAX_BIO:
        return False
    low = text.casefold()
    for name in [*names, photo.casefold()]:
        rest = text[len(name) :].lstrip() if name and low.startswith(name) else ""
        if rest[:1].islower() and not rest.startswith(("said", "sagte", "says", "sagt")):
            return True
    match = _NAMED_BIO.match(text)
    if match is None or not _person(match["name"]):
        return False
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    surname = match["name"].split()[-1]
    return bool(_ROLE.search(first[match.end() :])) and not re.search(
        rf"\b{re.escape(surname)}\b", story
    )


def drop_bios(story: Story) -> Story:
    """The story without the writers' bio boxes: a bio among its last paragraphs, and a
    writer's photo with the line under it that says what the writer does."""
    blocks = list(story.blocks)
    names = _names(story.author)
    drop: set[int] = set()
    text_at = [n for n, b in enumerate(blocks) if b.kind != "image"]
    # a writer's photo (its caption is the name) over a line with the writer's job
    for n in range(len(blocks) - 1):
        block, after = blocks[n], blocks[n + 1]
        alt = _alt(block) if block.kind == "image" else ""
        if not alt or not _NAME_LINE.match(alt) or after.kind not in ("p", "quote"):
            continue
        line = LINK_MARK.sub("", after.text)
        role = len(line) <= _MAX_ROLE and _ROLE.search(line) and alt.casefold() in names
        if role or _bio(line, [], alt):
            drop.update((n, n + 1))
    # a bio among the last paragraphs (after the story, or on the photo's line)
    for n in text_at[-_TAIL:]:
        block = blocks[n]
        if block.kind not in ("p", "quote") or n in drop:
            continue
        photo = _alt(blocks[n - 1]) if n and blocks[n - 1].kind == "image" else ""
        text = LINK_MARK.sub("", block.text)
        rest = "\n".join(b.text for b in blocks[:n] if b.kind != "image")
        if _bio(text, names, photo if _NAME_LINE.match(photo) else "", rest):
            drop.add(n)
            if photo and _NAME_LINE.match(photo):
                drop.add(n - 1)
            head = n - 1 - (n - 1 in drop)
            if head >= 0 and blocks[head].kind == "h":
                name = LINK_MARK.sub("", blocks[head].text).casefold()
                if _NAME_LINE.match(name) and text.casefold().startswith(name):
                    drop.add(head)  # the writer's name as the bio box's heading
    if not drop or all(n in drop for n in text_at):
        return story
    kept = [b for n, b in enumerate(blocks) if n not in drop]
    return replace(story, blocks=tuple(kept), text=blocks_to_text(kept))
