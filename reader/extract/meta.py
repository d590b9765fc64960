"""The main story's title and byline as a reader should see them.

trafilatura hands over the page's <title> (often with the site's name on it), or sometimes the
site's name alone, and bylines as the metadata lists them (publisher, site, labels, credentials
and the same person twice). `tidy_head(story, tree, url, ld)` applies general rules:

Title: a part of a "<headline> - <site>" style title that names the site (og:site_name, the
host, the publisher, the copyright holder, a bare domain name) goes; when the page's h1 or
og:title is one part of it, that part is the title. A title that is only the site's name, only
punctuation or empty gives way to the h1 / og:title / <title> / the first heading of the text.

Byline: split into names; labels ("By", "Von:", "Posted by", "Autor:") go; source credits
("Source: …"), organisations (GmbH, Inc, Media, News, the site, the publisher, domain names),
non-names (no letters, a label alone, text with lowercase words) and credentials (MS, RDN,
PhD) go; the same person given twice (with and without a middle initial) is kept once. The
rest is joined with ", ".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html.entities import html5
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from reader.models import Story
from reader.textutil import clean_line

__all__ = [
    "JsonLd",
    "PageFacts",
    "clean_byline",
    "clean_source",
    "clean_title",
    "json_ld_objects",
    "page_facts",
    "tidy_head",
]

# separators between a headline and a site or section name in <title>/og:title
_SEP = re.compile(r"\s+(?:[-|–—»·/\u2502~]|::)\s+")
_WORD = re.compile(r"\w+")
# top-level domains that a byline's "Example De" / "Example Com" ends with (two-letter ones
# that are also surnames, such as Li, Hu, Lu, In or Ng, are left out)
_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "info",
        "biz",
        "de",
        "at",
        "ch",
        "fr",
        "it",
        "es",
        "pl",
        "nl",
        "be",
        "eu",
        "uk",
        "io",
        "ru",
        "cz",
        "dk",
        "fi",
        "pt",
        "br",
        "ar",
        "mx",
        "cl",
        "online",
        "news",
        "blog",
    ]
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.([a-z]{2,6})/?$", re.I)
# words of a site name that say nothing about which site it is
_GENERIC = frozenset(
    [
        "the",
        "a",
        "an",
        "die",
        "der",
        "das",
        "le",
        "la",
        "les",
        "el",
        "los",
        "il",
        "lo",
        "www",
        "com",
        "de",
        "net",
        "org",
        "online",
        "news",
        "blog",
        "magazin",
        "magazine",
        "zeitung",
        "journal",
        "times",
        "daily",
        "media",
    ]
)


@dataclass(frozen=True)
class PageFacts:
    """What the page says about itself, for judging its title and byline."""

    head_title: str = ""
    og_titles: tuple[str, ...] = ()
    h1s: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()  # site names and publishers
    hosts: tuple[str, ...] = ()  # host names without "www.", social-media handles
    # a copyright line names the publisher, or on a personal site the writer
    holders: tuple[str, ...] = ()


def _squash(text: str) -> str:
    """Letters and digits only, lower case: 'Battery-News.de' -> 'batterynewsde'."""
    return "".join(_WORD.findall(text.casefold())).replace("_", "")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w != "_"]


def _meta(tree: HtmlElement, *names: str) -> list[str]:
    wanted = {n.casefold() for n in names}
    found = []
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").casefold()
        if key in wanted:
            value = clean_line(node.get("content") or "", 400)
            if value:
                found.append(value)
    return found


MAX_LD_CHARS = 2_000_000  # characters of a page's JSON-LD read
MAX_LD_OBJECTS = 2000  # objects in it looked at

# The objects of a page's JSON-LD, each with its "@type" as a list (see json_ld_objects).
JsonLd = tuple[tuple[dict[str, object], list[object]], ...]


def json_ld_objects(tree: HtmlElement) -> JsonLd:
    """Every object of the page's JSON-LD (its scripts' JSON, nested objects too), with its
    "@type" as a list, up to MAX_LD_CHARS of JSON and MAX_LD_OBJECTS objects; JSON that does
    not parse is passed over. Read once per page: its title and byline (page_facts) and its
    declared body (html_page) both look at what this returns."""
    return tuple(_json_ld_objects(tree))


def _json_ld_objects(tree: HtmlElement) -> Iterator[tuple[dict[str, object], list[object]]]:
    budget, seen = MAX_LD_CHARS, 0
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        raw = script.text or ""
        budget -= len(raw)
        if budget < 0:
            return
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        stack: list[object] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                seen += 1
                if seen > MAX_LD_OBJECTS:
                    return
                kind = item.get("@type")
                yield item, kind if isinstance(kind, list) else [kind]
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _json_ld_organisations(ld: JsonLd) -> Iterator[str]:
    """Names of the organisations the page's JSON-LD describes (publisher, owner)."""
    for item, kinds in ld:
        name = item.get("name")
        # a person who is their own publisher (a personal site) is a writer still
        if (
            isinstance(name, str)
            and "Person" not in kinds
            and any(
                isinstance(k, str) and ("Organization" in k or k == "Corporation") for k in kinds
            )
        ):
            yield clean_line(name, 200)
        publisher = item.get("publisher")
        if isinstance(publisher, str):
            yield clean_line(publisher, 200)


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|&copy;|copyright)\s*(?:(?:©|\(c\)|copyright|\d{4}(?:\s*[-–]\s*\d{4})?)\s*)*"
    r"(?:by\s+)?([^\n|,.;©]{2,60})",
    re.I,
)


def _copyright_holders(tree: HtmlElement) -> Iterator[str]:
    texts = _meta(tree, "copyright", "dcterms.rightsholder", "dc.rights")
    texts += [str(t) for t in tree.xpath("//text()[contains(., '©')]")[-3:]]
    for text in texts:
        for match in _COPYRIGHT.finditer(text[:500]):
            holder = re.sub(
                r"\b(?:all rights reserved|alle rechte vorbehalten)\b.*", "", match[1], flags=re.I
            )
            holder = re.sub(r"\s*\d{4}\s*$", "", holder).strip(" -–:")
            if holder and len(holder.split()) <= 6 and any(ch.isalpha() for ch in holder):
                yield holder


def site_host(address: str | None) -> str:
    """The host of an address, without "www." ("" for none, or for one that is no address)."""
    if not address:
        return ""
    if address.startswith("//"):
        address = "http:" + address
    try:
        host = urlsplit(address).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _home_link(href: str | None) -> bool:
    """A link to a site's home page ('/', 'https://example.com/')."""
    if href is None:
        return False
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return (
        parts.path in ("", "/")
        and not parts.query
        and not parts.fragment
        and (bool(parts.netloc) or parts.path == "/")
    )


def page_facts(tree: HtmlElement, url: str | None, ld: JsonLd) -> PageFacts:
    """Read the title candidates and the names the site goes by from an untouched page (``ld``:
    its JSON-LD, from json_ld_objects)."""
    head_title = ""
    for node in tree.iter("title"):
        head_title = clean_line(node.text_content(), 400)
        if head_title:
            break
    h1s: list[str] = []
    logos: list[str] = []
    for node in tree.iter("h1"):
        text = clean_line(node.text_content(), 400)
        # an h1 that links to the home page is the site's logo
        home = [_home_link(a.get("href")) for a in node.iter("a")]
        if text and home and all(home):
            logos.append(text)
        elif text:
            h1s.append(text)
        if len(h1s) >= 5:
            break
    og_titles = _meta(tree, "og:title", "twitter:title")
    sites = [*_meta(tree, "og:site_name", "application-name", "publisher"), *logos]
    sites += list(_json_ld_organisations(ld))
    # a "site name" that is the whole <title> says nothing about the site
    sites = [s for s in sites if _squash(s) != _squash(head_title)]
    hosts = {site_host(url)}
    hosts.update(site_host(a) for a in _meta(tree, "og:url"))
    hosts.update(site_host(link.get("href")) for link in tree.xpath("//link[@rel='canonical']")[:2])
    # a social-media handle is matched whole, like a host name ('@jdoe' is no byline phrase)
    hosts.update(h.lstrip("@").casefold() for h in _meta(tree, "twitter:site") if " " not in h)
    hosts.discard("")
    return PageFacts(
        head_title=head_title,
        og_titles=tuple(dict.fromkeys(og_titles)),
        h1s=tuple(dict.fromkeys(h1s)),
        sites=tuple(dict.fromkeys(s for s in sites if s)),
        hosts=tuple(sorted(hosts)),
        holders=tuple(dict.fromkeys(_copyright_holders(tree))),
    )


class _Site:
    """Tests whether a piece of text is (only) the site's name."""

    def __init__(self, facts: PageFacts, holders: bool = True) -> None:
        keys: set[str] = set()
        phrases: list[list[str]] = []
        hosts = list(facts.hosts)
        for name in (*facts.sites, *(facts.holders if holders else ())):
            if _DOMAIN.match(name):  # 'reitschuster.de' is a host name: no phrase of a name
                hosts.append(
                    site_host("//" + name.strip().removeprefix("https://").removeprefix("http://"))
                )
                continue
            for part in [name, *_SEP.split(name)]:
                key = _squash(part)
                if len(key) >= 2:
                    keys.add(key)
                words = [w for w in _words(part) if w not in _GENERIC]
                if words:
                    phrases.append(words)
        for host in hosts:
            if not host:
                continue
            labels = host.split(".")
            keys.add(_squash(host))
            if len(labels) >= 2:
                keys.add(_squash(labels[-2]))  # 'solarserver' of solarserver.de
                keys.add(_squash(".".join(labels[-2:])))
                if len(labels) >= 3 and len(labels[-2]) <= 3:  # bbc.co.uk
                    keys.add(_squash(labels[-3]))
                elif len(labels) >= 3 and len(labels[0]) >= 4:  # 'scilogs' of scilogs.x.de
                    keys.add(_squash(labels[0]))
        self.keys = {k for k in keys if k}
        self.phrases = phrases

    def is_site(self, text: str) -> bool:
        """The whole text names the site: its name, host or a bare domain name."""
        key = _squash(text)
        if not key:
            return False
        if key in self.keys or _DOMAIN.match(text.strip()):
            return True
        return key.removeprefix("www") in self.keys

    def names_site(self, text: str) -> bool:
        """The text holds the site's name (a byline 'CNN Business' on cnn.com)."""
        if self.is_site(text):
            return True
        words = _words(text)
        for phrase in self.phrases:
            # the site's name inside the text ('CNN Business'), or the text, of two words or
            # more, inside the site's name ('Business Insider' of 'Business Insider Germany')
            if _inside(phrase, words) or (len(words) >= 2 and _inside(words, phrase)):
                return True
        return False


def _inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _segments(title: str) -> list[str]:
    """['Headline', ' - ', 'Site']: text parts and the separators between them."""
    parts: list[str] = []
    last = 0
    for match in _SEP.finditer(title):
        parts += [title[last : match.start()], match.group()]
        last = match.end()
    parts.append(title[last:])
    return parts


def _strip_site(title: str, site: _Site) -> str:
    """Drop a site-name part at the end or the start of a title."""
    parts = _segments(title)
    n = len(parts) // 2 + 1  # text parts
    if n == 1:
        return title
    texts = parts[0::2]
    # the longest site-name suffix, then prefix (a site name may itself hold separators);
    # a site name with its tagline after it ('X » SiteName - Tagline') goes as well
    for i in range(1, n):
        if (
            site.is_site("".join(parts[2 * i :]))
            or site.is_site(" ".join(texts[i:]))
            or (site.is_site(texts[i]) and len(_words(" ".join(texts[:i]))) >= 3)
        ):
            parts = parts[: 2 * i - 1]
            break
    texts = parts[0::2]
    for i in range(len(texts) - 1, 0, -1):
        if site.is_site("".join(parts[: 2 * i - 1])) or site.is_site(" ".join(texts[:i])):
            parts = parts[2 * i :]
            break
    return "".join(parts).strip()


def _matching_part(title: str, candidates: Iterable[str]) -> str:
    """The run of parts of a title that is the page's h1/og:title ('Opinion | X' -> 'X')."""
    parts = _segments(title)
    n = len(parts) // 2 + 1
    if n == 1:
        return ""
    wanted = {_squash(c) for c in candidates} - {""}
    for length in range(n - 1, 0, -1):
        for start in range(0, n - length + 1):
            text = "".join(parts[2 * start : 2 * (start + length) - 1]).strip()
            if _squash(text) in wanted:
                return text
    return ""


def _bad_title(title: str, site: _Site) -> bool:
    return not any(ch.isalnum() for ch in title) or site.is_site(title)


def _fallback(title: str, candidates: Iterable[str], site: _Site) -> str:
    for candidate in candidates:
        cleaned = _strip_site(candidate, site)
        if not _bad_title(cleaned, site):
            return cleaned
    return title


def _uncut(title: str, facts: PageFacts, site: _Site) -> str:
    """The page's <title> when the title given is its first part and the rest is no site
    name ('Diet plan (14 days) - lose up to 10 kg. Reviews' cut at its ' - ')."""
    head = facts.head_title
    if not title or not head.startswith(title) or len(head) == len(title):
        return title
    match = _SEP.match(head, len(title))
    if match is None:
        return title
    rest = head[match.end() :]
    if site.is_site(rest) or site.names_site(rest) or looks_like_name(rest, facts):
        return title
    parts = _segments(head)
    if len(parts) >= 5 and looks_like_name(parts[-1], facts):
        return "".join(parts[:-2]).strip()  # 'X - second half - Site': the site still goes
    return head


def clean_title(title: str, facts: PageFacts, first_heading: str = "") -> str:
    """The headline without the site's name; see the module docstring."""
    title = clean_line(title, 400)
    site = _Site(facts)
    title = _uncut(title, facts, site)
    headlines = [h for h in (*facts.h1s, *facts.og_titles) if not _bad_title(h, site)]
    if title and not _bad_title(title, site):
        part = _matching_part(title, headlines)
        if part:
            return part
        stripped = _strip_site(title, site)
        if stripped and not _bad_title(stripped, site):
            key = _words(stripped)
            # the h1 says a little more: 'X - Site' with h1 'X in Y'
            for h1 in facts.h1s:
                h1_key = _words(h1)
                if (
                    stripped != title
                    and key
                    and h1_key[: len(key)] == key
                    and len(key) < len(h1_key) <= len(key) + 3
                ):
                    return h1
            # og:title and h1 agree on a headline that has nothing in common with the title
            agreed = {_squash(h) for h in facts.h1s} & {_squash(o) for o in facts.og_titles}
            words = set(_words(stripped))
            for h1 in facts.h1s:
                if _squash(h1) in agreed and not words & set(_words(h1)):
                    return h1
            return stripped
    candidates = [*facts.h1s, *facts.og_titles, facts.head_title, first_heading]
    return _fallback(title, [c for c in candidates if c], site)


# --- bylines -------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:(?:posted|written|published|edited|reported|article|story|text|words|"
    r"veröffentlicht|eingestellt|geschrieben|verfasst|erstellt|publié|écrit|publicado|escrito|"
    r"pubblicato|scritto|opublikowano|napisane)\s+(?:by|von|par|por|da|przez)"
    r"|by|von|par|por|door|av|af|autor(?:in)?|author|auteur|autore|redakcja|verfasser(?:in)?)"
    r"(?:\s*:\s*|\s+)",
    re.I,
)
# the accounts a publishing system starts with: nobody's name
_CMS_ACCOUNT = re.compile(r"^(?:\w*admin|administrator|super ?user|webmaster|root)$", re.I)
# a label glued to the name ('Veröffentlicht vonChris Jung'): only labels of two words, and
# only before a capital letter ('Parker' and 'Bynum' are names)
_GLUED_LABEL = re.compile(
    r"^(?:[Pp]osted by|[Ww]ritten by|[Pp]ublished by|[Vv]eröffentlicht von|[Ee]ingestellt von|"
    r"[Gg]eschrieben von|[Vv]erfasst von)(?=[A-ZÀ-ÞĀ-Ž])"
)
_SOURCE_LABEL = re.compile(
    r"^(?:źródło|source|sources|quelle|quellen|fuente|fonte|foto|fotos|photo|photos|bild|"
    r"image|credit|credits|via)\s*:",
    re.I,
)
_LABEL_ONLY = re.compile(
    r"^(?:(?:posted|published|written|article|story|veröffentlicht|eingestellt|geschrieben|"
    r"autor|author|by|von|on|am|in|at|le|el|il|par|por|the)\b[\s:]*)+$",
    re.I,
)
_CREDENTIAL = re.compile(
    r"^(?:MS|MA|MSc|BSc|BA|BS|RD|RDN|LD|LDN|CDE|CDCES|PhD|Ph\.?\s?D\.?|MD|M\.D\.|DO|RN|NP|PA-C|"
    r"MPH|MBA|CPT|CSCS|CPT|LMT|DDS|DMD|JD|Esq\.?|CPA|CFP|CFA|MFA|EdD|PsyD|LCSW|FACP|FRCP|"
    r"Dipl\.?-?\w*|Prof\.?|Dr\.?)$"
)
_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")
_ORG = re.compile(
    r"(?:\b|_)(?:g?GmbH|AG|KG|KGaA|SE|Inc|Incorporated|Ltd|Limited|LLC|LLP|PLC|Corp|"
    r"Corporation|Co|e\.?\s?V|eG|S\.?A|S\.?L|SRL|S\.?p\.?A|B\.?V|N\.?V|Pty|Media|Médias?|Medien|"
    r"Mediengruppe|News|Nachrichten|Noticias|Online|Verlag|Verlagsgruppe|Publishing|"
    r"Publications|Holdings?|Group|Gruppe|Network|Networks|Ministry|Ministerium|Bundesministerium|"
    r"Department|Foundation|Stiftung|Verband|Bundesverband|Association|Institut|Institute|"
    r"University|Universität|Agency|Agentur)(?:\b|$)",
)
# name particles written in lower case; any other lower-case word means the text is no name
_PARTICLES = frozenset(
    [
        "von",
        "van",
        "vom",
        "zu",
        "zum",
        "zur",
        "der",
        "den",
        "ter",
        "ten",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "des",
        "le",
        "la",
        "los",
        "las",
        "y",
        "e",
        "i",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "st.",
        "af",
        "av",
    ]
)
_NAME_SPLIT = re.compile(r"\s*[;|•]\s*|,\s+|\s+/\s+|\s+(?:[Aa]nd|AND|und|&|et|y)\s+")
# 'Redacci&oacute;n' that lost its '&' and was split at the ';': 'Redacci; Oacute; N'
_ENTITY_PIECE = re.compile(r"(?<=\w);\s*([A-Za-z]{2,8});\s*(?=\w)")


def _entity(match: re.Match[str]) -> str:
    name = match[1]
    for candidate in (name, name.lower(), name[0] + name[1:].lower()):
        if f"{candidate};" in html5:
            return html5[f"{candidate};"]
    return match[0]


_TAIL_DOMAIN = re.compile(r"(?:\s+(?:www|[\w.-]*-[\w.-]*|[a-zäöü][\w.-]*))?\s+(\w{2,6})$")


def _strip_label(part: str) -> str:
    for _ in range(2):
        stripped = _GLUED_LABEL.sub("", _LABEL.sub("", part, count=1), count=1).strip(" :-–|")
        if stripped == part:
            break
        part = stripped
    return part


def _person(part: str) -> str:
    """The name in one byline part, or '' when the part is not a person's name."""
    part = clean_line(part, 200).strip(" ,;:|-–~*·•")
    if not part or _LABEL_ONLY.match(part):
        return ""
    if _SOURCE_LABEL.match(part):
        return ""
    part = _strip_label(part)
    if not part or _LABEL_ONLY.match(part):
        return ""
    # e-mail addresses, links and a label in the middle ('Name TAGS: x y') go
    tokens = [t for t in part.split() if "@" not in t and "://" not in t and "www." not in t]
    part = " ".join(tokens)
    part = re.split(r"\s+\S+:\s", part, maxsplit=1)[0].strip(" :")
    # 'Cleveland com', 'Www Proplanta De', 'Name info-name de': a domain name in words
    match = _TAIL_DOMAIN.search(part)
    if match and match[1].casefold() in _TLDS and match[1] != match[1].upper():
        before = part[: match.start()].strip()
        part = before if len(before.split()) >= 2 else ""
    if _DOMAIN.match(part):
        return ""
    words = part.split()
    if not words or not any(ch.isalpha() for ch in part):
        return ""
    if len(words) > 6 or part.endswith(("!", "?")):
        return ""
    if (
        any(w[0].isalpha() and w[0].islower() and w.casefold() not in _PARTICLES for w in words)
        and len(words) > 1
    ):
        return ""
    if _ORG.search(part) or _CMS_ACCOUNT.match(part):
        return ""
    return part


def _signature(name: str) -> tuple[str, ...]:
    """A name without initials: 'Troy L. Smith' and 'Troy Smith' are one person."""
    return tuple(w for w in _words(name) if len(w) > 1)


def clean_byline(author: str, facts: PageFacts | None = None) -> str:
    """The people named in a byline, joined with ', '; see the module docstring."""
    facts = facts or PageFacts()
    site, holder = _Site(replace(facts, holders=())), _Site(replace(facts, sites=(), hosts=()))
    author = _ENTITY_PIECE.sub(_entity, clean_line(author, 400))
    if not author:
        return ""
    names: list[str] = []
    weak: list[str] = []  # names that are also the copyright holder's
    after_org = False
    for raw in _NAME_SPLIT.split(author):
        raw = raw.strip()
        # 'Ministry of X; Y': metadata split one organisation's name at its 'and'
        continued, after_org = after_org, bool(_ORG.search(raw))
        if _CREDENTIAL.match(raw) or (continued and len(raw.split()) == 1):
            continue
        if _SUFFIX.match(raw) and names:
            names[-1] = f"{names[-1]} {raw}"
            continue
        name = _person(raw)
        if not name or site.names_site(name):
            continue
        if holder.names_site(name):
            weak.append(name)
        signature = _signature(name)
        for index, known in enumerate(names):
            if _signature(known) == signature:
                if len(name) > len(known):
                    names[index] = name
                break
        else:
            names.append(name)
    # the copyright holder is the publisher beside other names, the writer when alone
    kept = [n for n in names if n not in weak] or names
    return ", ".join(kept)


# --- the site's name ------------------------------------------------------------------------

# second-level labels under which a country's sites are registered (bbc.co.uk, abc.net.au)
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"])
# the edition a site's name may end in
_EDITIONS = frozenset(
    [
        "international",
        "global",
        "online",
        "edition",
        "deutschland",
        "germany",
        "österreich",
        "schweiz",
        "españa",
        "spain",
        "france",
        "italia",
        "italy",
        "india",
        "uk",
        "us",
        "usa",
        "australia",
        "canada",
        "africa",
        "asia",
        "europe",
    ]
)
_JOINERS = frozenset(["the", "of", "and", "for", "&", "der", "die", "das", "de", "la", "le"])


def _host_labels(facts: PageFacts) -> list[str]:
    """The name part of each host the page gives ('ap' of hosted.ap.org, 'bbc' of
    bbc.co.uk); social-media handles are not hosts."""
    labels = []
    for host in facts.hosts:
        parts = host.casefold().split(".")
        if len(parts) < 2:
            continue
        label = parts[-2]
        if label in _SECOND_LEVEL and len(parts) >= 3:
            label = parts[-3]
        labels.append(_fold(_squash(label)))
    return [label for label in dict.fromkeys(labels) if len(label) >= 2]


def _matches_host(name: str, labels: list[str]) -> bool:
    """The name is the host's: its letters hold the host's name, or its initials are it
    ('The Associated Press' on ap.org)."""
    words = [_fold(w) for w in _words(name)]
    key = "".join(words)
    while words and words[0] in _JOINERS:  # 'Le Monde diplomatique' on mondediplo.net
        words = words[1:]
    initials = "".join(w[0] for w in words if w not in _JOINERS)
    return any(
        key == label or (len(label) >= 4 and "".join(words).startswith(label)) or initials == label
        for label in labels
    )


def _fold(text: str) -> str:
    """Without accents: 'gráfica' -> 'grafica' (host names have none)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def looks_like_name(text: str, facts: PageFacts | None = None) -> bool:
    """Short, with no sentence in it, and in capitals but for small words ('Le Monde
    diplomatique' only because it is the host's name) — not a tagline ('Expert how-to for
    English riders'), a headline or the second half of one ('lose 10 kg. Reviews')."""
    text = text.strip()
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60 or not any(ch.isalpha() for ch in text):
        return False
    if "://" in text or "@" in text or text.casefold().startswith("www."):
        return False
    if (
        re.search(r"[.!?:]\s", text)
        or text.endswith("?")
        or (text.endswith("!") and len(words) > 2)
    ):
        return False
    if facts is not None:
        headlines = {_squash(t) for t in (facts.head_title, *facts.og_titles, *facts.h1s)}
        if len(words) >= 3 and _squash(text) in headlines:  # (a blog's name is its h1)
            return False
        if _matches_host(text, _host_labels(facts)):
            return True
    if len(words) == 1:
        return True  # a brand in small letters ('nature')
    # small words of four letters or more make a phrase ('how-to for riders'), not a name;
    # abbreviations ('e.V.') do not
    lower = [
        w for w in words if w[0].islower() and len(w) >= 4 and w not in _PARTICLES and "." not in w
    ]
    return not lower


def _name_parts(name: str) -> list[str]:
    """A name and, when it holds separators, its parts: 'WSVN 7News | Miami News, Weather'."""
    parts = [p.strip() for p in _SEP.split(name) if p.strip()]
    return parts if len(parts) > 1 else [name.strip()]


def clean_source(source: str, facts: PageFacts) -> str:
    """The site's name as a reader knows it, from what the extractor gave and the page.

    A name with a tagline after a separator keeps its first part (or the part that is the
    host's name); a name whose first words are the host's name drops the rest ('Business
    Insider Deutschland' on businessinsider.*). A source that is not the site's name gives way
    to a name of the page that is the host's (a part of its title after a separator, its
    og:site_name or publisher, its copyright holder: 'The Associated Press' on ap.org), else
    to the host itself: a tagline, a headline, a social-media handle that is not also the
    page's site name ('BarronsOnline'), a subdomain's label that is not also its handle when
    another name is the host's ('Hosted' of hosted.ap.org). When no name is the host's, a name
    the page gives itself (_page_names) comes before the host. A domain name stays as it is.
    """
    source = clean_line(source, 200)
    if _DOMAIN.match(source):
        return source
    labels = _host_labels(facts)
    others = [
        part
        for name in (*_title_tails(facts), *facts.sites, *facts.holders)
        for part in map(_no_years, _name_parts(name))
        if looks_like_name(part, facts) and _matches_host(part, labels)
    ]
    sites = {_squash(name) for name in facts.sites}
    handles = {_squash(h) for h in facts.hosts if "." not in h}
    subdomains = {_squash(p) for h in facts.hosts if "." in h for p in h.split(".")[:-2]}

    def trusted(name: str) -> bool:
        key = _squash(name)
        if key in labels:
            return True
        if key in subdomains:  # its social-media handle too ('ProFootballTalk'), or nothing else
            return key in handles or not others
        # a handle is one word ('BarronsOnline'); a name with spaces is written for people
        return key not in handles or key in sites or " " in name.strip() or "." in name

    parts = _name_parts(source) if source else []
    good = [p for p in parts if looks_like_name(p, facts) and trusted(p)]
    chosen = next((p for p in good if _matches_host(p, labels)), "")
    if not chosen and good and good[0] == parts[0]:
        chosen = good[0]
    if chosen or others:
        return _host_words(chosen or others[0], labels)
    named = next((n for n in _page_names(facts) if trusted(n)), "")
    return named or next((h for h in facts.hosts if "." in h), "")


def _page_names(facts: PageFacts) -> Iterator[str]:
    """The names the page gives itself when none is the host's (a site on an address that
    says nothing, such as an IP address): its og:site_name, application-name or publisher
    (the part before a tagline), else the last part of its <title> ('… - Daily Planet') when
    that part is a name and not the headline ('Daily Planet - <headline>')."""
    headlines = {_squash(t) for t in (*facts.og_titles, *facts.h1s)}
    for name in facts.sites:
        part = _no_years(_name_parts(name)[0])
        if looks_like_name(part, facts) and _squash(part) not in headlines:
            yield part
    parts = [p.strip() for p in _SEP.split(facts.head_title)]
    if len(parts) > 1 and parts[0] and parts[-1]:
        last = parts[-1]
        if looks_like_name(last, facts) and _squash(last) not in headlines:
            yield last


def _no_years(name: str) -> str:
    """A copyright holder without the years after it ('Bundespolizei 1999-2021')."""
    return re.sub(r"(?:\s+\d{4}(?:\s*[-–]\s*\d{0,4})?)+$", "", name).strip()


def _title_tails(facts: PageFacts) -> list[str]:
    """The parts of the page's titles after the first separator ('… - Barron's')."""
    tails: list[str] = []
    for title in (facts.head_title, *facts.og_titles):
        parts = _SEP.split(title)
        tails.extend(p.strip() for p in parts[1:] if p.strip())
    return tails


def _host_words(name: str, labels: list[str]) -> str:
    """A name without the edition after the host's name ('Business Insider' of 'Business
    Insider Deutschland' on businessinsider.*; 'La Estrella de Panamá' and 'WSVN 7News' stay
    whole)."""
    words = name.split()
    if (
        len(words) >= 3
        and words[-1].casefold() in _EDITIONS
        and _squash(" ".join(words[:-1])) in labels
    ):
        return " ".join(words[:-1])
    return name


def tidy_head(story: Story, tree: HtmlElement | None, url: str | None, ld: JsonLd) -> Story:
    """The story with its title and byline cleaned (see the module docstring); ``ld`` is the
    page's JSON-LD (json_ld_objects)."""
    if tree is None:
        return story
    try:
        facts = page_facts(tree, url, ld)
        heading = next((b.text for b in story.blocks if b.kind == "h"), "")
        title = clean_title(story.title, facts, heading)
        author = clean_byline(story.author, facts)
        source = clean_source(story.source, facts)
    except Exception:  # a nicety: the story as it was beats no story
        return story
    if (title, author, source) == (story.title, story.author, story.source):
        return story
    return replace(story, title=title, author=author, source=source)
