"""Text hygiene shared by every layer: outside text is data, never markup or terminal control."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes. Also the 8-bit C1 forms (0x9b CSI, 0x9d OSC...).
_ESC_SEQ = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI
  | \x9b[0-?]*[ -/]*[@-~]                # 8-bit CSI
  | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c)  # OSC / DCS / SOS / PM / APC, terminated
  | [\x9d\x90\x98\x9e\x9f].*?(?:\x07|\x9c)  # 8-bit OSC / DCS / SOS / PM / APC, terminated
  | \x1b[\]PX^_][^\x07\x1b\x9c]*         # unterminated string sequence: drop to end of run
  | \x1b[ -/]*[0-~]?                     # other ESC sequences (and a lone ESC)
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 (except TAB, LF), DEL, C1 controls; bidi embeddings/overrides/isolates; invisible format
# characters that join nothing (U+FEFF, a byte-order mark inside text; U+2060 word joiner and the
# invisible operators U+2061-2064; U+180E): a terminal may give them a cell where Rich counts none,
# which puts a row's border out of line. Zero-width joiners are kept. Also lone surrogates (from
# a JSON "\\ud800": no UTF-8 can hold them) and noncharacters (U+FFFE, U+FFFF, U+FDD0-FDEF: XML
# forbids them, so an OPML export with one would not read back).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\ufeff\u2060-\u2064\u180e"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# a run of blanks becomes one space; a lone " " is left alone (same result, far fewer substitutions)
_SPACES = re.compile(
    r" [ \t\u00a0\u2000-\u200b\u3000]+|[\t\u00a0\u2000-\u200b\u3000][ \t\u00a0\u2000-\u200b\u3000]*"
)
_TAGS = re.compile(r"<[^>]*>")
_BLOCK_TAGS = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|blockquote|pre|tr|section|article)\b[^>]*>", re.I
)
_RAW_TAG = re.compile(r"<(/?)(script|style|noscript|template)\b[^>]*>", re.I)
_BLANKS = re.compile(r"\n{3,}")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps newlines and tabs)."""
    if not text:
        return ""
    if _CONTROL.search(text) is None:  # fast path: every escape sequence starts with a control
        return text
    text = _ESC_SEQ.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str | None, limit: int = 0) -> str:
    """One line of safe text: controls removed, whitespace folded, optionally truncated."""
    if not text:
        return ""
    text = strip_controls(unicodedata.normalize("NFC", text)).replace("\n", " ")
    text = _SPACES.sub(" ", text).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def clean_block(text: str | None) -> str:
    """Multi-line safe text: controls removed, spaces folded per line, at most one blank line in a row."""
    if not text:
        return ""
    text = strip_controls(
        unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    )
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def squeezed(text: str) -> str:
    """Text with every run of white space made one space (to find a sentence in a story, where
    the story and the sentence may break their lines differently)."""
    return " ".join(text.split())


def _drop_raw_elements(fragment: str) -> str:
    """Remove script/style/noscript/template elements in one linear pass.

    An unclosed element swallows the rest of the fragment, as a browser would.
    """
    out: list[str] = []
    pos = 0
    open_name: str | None = None
    for match in _RAW_TAG.finditer(fragment):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if open_name is None:
            if not closing:
                out.append(fragment[pos : match.start()])
                open_name = name
        elif closing and name == open_name:
            open_name = None
            out.append(" ")
            pos = match.end()
    if open_name is None:
        out.append(fragment[pos:])
    return "".join(out)


def html_to_text(fragment: str | None) -> str:
    """Quick plain text of an HTML fragment (feed summaries, titles): tags dropped, entities decoded."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return clean_block(fragment)
    text = _drop_raw_elements(fragment)
    text = _BLOCK_TAGS.sub("\n\n", text)
    text = _TAGS.sub("", text)
    text = html.unescape(text)
    return clean_block(text)


SAFE_SCHEMES = ("http", "https")

# a numeric character reference left in an address ("&#10;"): feedparser's lenient parser (a
# feed that is not well-formed) leaves them in attributes undecoded, as a double-escaped feed does
_CHAR_REF = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
_URL_BREAKS = re.compile(r"[\t\n\r]")  # (a browser's URL parser drops these anywhere)
_URL_SPACE = re.compile(r"\s")


def clean_address(url: str) -> str:
    """An address as a browser reads it: numeric character references left in it decoded, line
    breaks and tabs inside dropped, controls removed, what is around trimmed, and spaces inside
    percent-encoded (what is left may still be no URL: ``safe_link`` says)."""
    url = _CHAR_REF.sub(lambda m: html.unescape(m.group()), unicodedata.normalize("NFC", url))
    url = strip_controls(_URL_BREAKS.sub("", url)).strip()
    return _URL_SPACE.sub(lambda m: quote(m.group()), url)


def join_url(base: str, ref: str) -> str:
    """``urllib.parse.urljoin``, where an address that is none (a broken IPv6 host,
    "http://[bad/x", in a feed's or a page's link) joins to "" instead of raising: one such
    link is passed over, not the whole feed or page."""
    try:
        return urljoin(base, ref)
    except ValueError:
        return ""


def safe_link(url: str | None, *, allow_mailto: bool = False) -> str:
    """The URL, cleaned (``clean_address``), if its scheme is http/https (and mailto when
    allowed), else an empty string."""
    if not url:
        return ""
    url = clean_address(url)
    if not url or url.startswith("-"):
        return ""
    scheme, sep, _ = url.partition(":")
    if not sep:
        return ""
    scheme = scheme.lower()
    if scheme in SAFE_SCHEMES and url[len(scheme) + 1 :].startswith("//"):
        return url
    if allow_mailto and scheme == "mailto":
        return url
    return ""


# query parameters that only tell a site where a click came from
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok)$",
    re.IGNORECASE,
)


def without_tracking(url: str) -> str:
    """The URL without its click-tracking parameters (utm_source, fbclid, ...), for opening,
    copying and showing; the rest of the query and the fragment are kept as they were."""
    base, sep, query = url.partition("?")
    if not sep:
        return url
    query, hash_, fragment = query.partition("#")
    kept = [p for p in query.split("&") if p and not _TRACKING.match(p.partition("=")[0])]
    return base + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


_LOW_BYTES = bytes(range(128))


def utf8_evidence(data: bytes) -> tuple[int, int]:
    """(correctly encoded non-ASCII characters, invalid byte sequences) of bytes read as UTF-8
    (a U+FFFD the bytes spell out themselves is not counted as invalid)."""
    text = data.decode("utf-8", "replace")  # one U+FFFD per invalid sequence
    replacements = text.count("\ufffd")
    bad = replacements - data.count("\ufffd".encode())
    high_bytes = len(data.translate(None, _LOW_BYTES))
    return len(text) - (len(data) - high_bytes) - replacements, bad


_WIDE_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def sniff_encoding(data: bytes) -> str | None:
    """The encoding the bytes show themselves: a byte order mark ("utf-8", "utf-16", "utf-32",
    codecs that read the mark), else the NUL bytes that ASCII characters, and so all markup,
    carry in UTF-16 and UTF-32 ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"). None: no
    such evidence, which is how every ASCII-compatible encoding looks (UTF-8, Latin-1, ...)."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:512]
    head = head[: len(head) // 4 * 4]
    if b"\0" not in head or len(head) < 16:
        return None
    quarter = len(head) // 4
    nuls = [head[i::4].count(0) for i in range(4)]  # NUL bytes at each offset, modulo 4
    full = [count >= 0.9 * quarter for count in nuls]
    if full[2] and full[3] and not full[0]:  # the top byte is always 0, the next nearly always
        return "utf-32-le"
    if full[0] and full[1] and not full[3]:
        return "utf-32-be"
    even, odd = nuls[0] + nuls[2], nuls[1] + nuls[3]
    if odd >= 0.6 * quarter and even * 4 <= odd:  # at least 30% of the odd bytes: "<\0r\0s\0"
        return "utf-16-le"
    if even >= 0.6 * quarter and odd * 4 <= even:
        return "utf-16-be"
    return None


# A numeric reference that may name no character: a UTF-16 surrogate (U+D800-U+DFFF: "&#55357;",
# "&#xD83D;") or beyond U+10FFFF. The leading zeros are matched apart, and every alternative
# starts with a digit that is not zero, so the pattern never backtracks over a run of digits twice.
_ODD_REF_PATTERN = (
    r"&#(?:[xX]0*([dD][89a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{4,})"
    r"|0*(5[5-9][0-9]{3}|[6-9][0-9]{4}|[1-9][0-9]{5,}));"
)
_ODD_REF = re.compile(_ODD_REF_PATTERN)
_ODD_REF_BYTES = re.compile(_ODD_REF_PATTERN.encode("ascii"))
_REPLACEMENT_REF = "&#xFFFD;"
_WIDE_BYTE_ORDER = {b"\xff\xfe": "-le", b"\xfe\xff": "-be", b"\x00\x00": "-be"}


def _ref_value(m: re.Match[str]) -> int:
    """The code point ``_ODD_REF`` matched (0x110000 for any beyond U+10FFFF)."""
    hexa, decimal = m.group(1), m.group(2)
    if hexa is not None:
        return int(hexa, 16) if len(hexa) <= 6 else 0x110000
    return int(decimal) if len(decimal) <= 7 else 0x110000


def mend_charrefs(text: str) -> str:
    """Markup ``text`` (a feed, a web page) with each surrogate pair written as two references
    made one reference to the character it encodes, and each reference to a lone surrogate or
    to no code point at all made a reference to U+FFFD (an HTML parser would otherwise show
    the pair as two U+FFFD, and an XML parser refuse it). ``text`` itself when there is none."""
    out: list[str] = []
    pos = 0
    high: re.Match[str] | None = None  # a high surrogate waiting for its low half
    for m in _ODD_REF.finditer(text):
        value = _ref_value(m)
        if high is not None:
            out.append(text[pos : high.start()])
            if m.start() == high.end() and 0xDC00 <= value <= 0xDFFF:
                pair = 0x10000 + ((_ref_value(high) - 0xD800) << 10) + (value - 0xDC00)
                out.append(f"&#x{pair:X};")
                pos, high = m.end(), None
                continue
            out.append(_REPLACEMENT_REF)
            pos, high = high.end(), None
        if 0xD800 <= value <= 0xDBFF:
            high = m
        elif 0xDC00 <= value <= 0xDFFF or value > 0x10FFFF:
            out += (text[pos : m.start()], _REPLACEMENT_REF)
            pos = m.end()
    if high is not None:
        out += (text[pos : high.start()], _REPLACEMENT_REF)
        pos = high.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def repair_charrefs(body: bytes) -> bytes:
    """``body`` with its numeric character references that name no character repaired (see
    ``mend_charrefs``): a surrogate pair written as two references ("&#55357;&#56832;", as an
    emoji looks when escaped from UTF-16) becomes the one character it means, a lone surrogate
    or a reference beyond U+10FFFF becomes U+FFFD. feedparser's lenient parser otherwise fails
    on the first of them and the whole feed is lost; lxml and expat refuse them as ill-formed.
    (Text already decoded, a web page's, is mended with ``mend_charrefs`` itself.)

    References are ASCII in every ASCII-compatible encoding, so such a body is searched as
    bytes, and read as Latin-1 (byte for byte) only when it holds one of them; a UTF-16 or
    UTF-32 body (a byte order mark or NUL bytes) is decoded by its own encoding and encoded back
    the same way."""
    wide = sniff_encoding(body)
    if wide is None or wide == "utf-8":
        # (``b"&#" in body`` alone takes three times as long as this search on a 60 KB feed)
        if b"&" not in body or _ODD_REF_BYTES.search(body) is None:
            return body
        return mend_charrefs(body.decode("latin-1")).encode("latin-1")
    if not wide.endswith(("-le", "-be")):  # "utf-16" / "utf-32": the byte order mark says
        wide += _WIDE_BYTE_ORDER.get(body[:2], "-le")
    try:
        text = body.decode(wide, "surrogatepass")
    except UnicodeDecodeError:
        return body  # (an odd length: feedparser makes of it what it can)
    mended = mend_charrefs(text)
    return body if mended is text else mended.encode(wide, "surrogatepass")


# Letters of scripts written without spaces between words, and about how many of them make a word:
# Han and kana (Chinese, Japanese) about two, Thai, Lao, Khmer and Myanmar (with their vowel
# signs) about three.
_NOSPACE_SCRIPTS = (
    ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff\uff66-\uff9f", 2),
    ("\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f", 3),
)
_NOSPACE_RUN = re.compile(
    "|".join(f"(?P<s{n}>[{letters}]+)" for n, (letters, _) in enumerate(_NOSPACE_SCRIPTS))
)
# what a sentence in those scripts ends with: a full stop, ! or ?, or a closing bracket after one
SENTENCE_END_WIDE = "。！？｡」』）】〕"


def spaceless_runs(text: str) -> Iterator[tuple[int, int, int]]:
    """The runs of letters of scripts written without spaces in ``text``: (start, end, letters
    to a word), the last 2 for Han and kana (Chinese, Japanese), 3 for Thai, Lao, Khmer and
    Myanmar. (What ``word_count`` counts; Korean is written with spaces and has no runs.)"""
    for run in _NOSPACE_RUN.finditer(text):
        yield run.start(), run.end(), _NOSPACE_SCRIPTS[int((run.lastgroup or "s0")[1:])][1]


def word_count(text: str) -> int:
    """About how many words ``text`` holds: its space-separated words, and in scripts written
    without spaces (Chinese, Japanese, Thai ...) one word per two Han or kana characters, per three
    Thai, Lao, Khmer or Myanmar letters. Text without such letters counts as ``len(text.split())``.
    """
    if _NOSPACE_RUN.search(text) is None:
        return len(text.split())
    count = sum(-(-(end - start) // size) for start, end, size in spaceless_runs(text))
    rest = _NOSPACE_RUN.sub(" ", text).split()
    return count + sum(1 for piece in rest if any(ch.isalnum() for ch in piece))


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """A headline's words, lower-case and one space apart: two headlines (or a headline and a
    text) that differ only in case, punctuation or spacing give the same."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", title).lower()).strip()


def counted(count: int, noun: str) -> str:
    """ "1 feed", "2 feeds": the count with its noun (plural by an added "s")."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def short_url(url: str) -> str:
    """A URL as a name, where there is no title: no scheme or "www.", and the middle of a long
    path left out, so the host and the last part (what tells feeds apart) stay in sight:
    "https://www.example.com/news/feeds/world/rss.xml" -> "example.com/…/world/rss.xml"; the
    user name and password an address may carry are left out."""
    _, sep, rest = url.partition("://")
    rest = rest if sep else url
    rest, mark, query = rest.rstrip("/").partition("?")  # a query names a feed too: it is kept
    host, _, path = rest.partition("/")
    host = host.rpartition("@")[2].removeprefix("www.")  # never a user name or password
    parts = [p for p in path.split("/") if p]
    if len(parts) > 2:
        parts = ["…", *parts[-2:]]
    return "/".join([host, *parts]) + mark + query


# "Headline - Sportsnet.ca", "Headline | The Guardian": a site's name after the headline
_SOURCE_TAIL = re.compile(r"^(?P<head>.{20,}?)\s+[-|–—]\s+(?P<tail>[^-|–—]{2,60})$")
_DOMAIN = re.compile(r"\.[a-z]{2,6}$", re.IGNORECASE)
_NAME_WORDS = re.compile(r"[^\W_]+")


def strip_source_suffix(title: str, *sources: str) -> str:
    """The headline without a site's name that some feeds append to every title: a tail after a
    dash or bar of at most five words that is a domain ("Sportsnet.ca") or one of the
    ``sources``' names (the feed's title, the entry's source: the words of either contain the
    other's, "Guardian" and "The Guardian")."""
    found = _SOURCE_TAIL.match(title)
    if found is None:
        return title
    tail = found.group("tail").strip(" .…")
    if not tail or len(tail.split()) > 5:
        return title
    if _DOMAIN.search(tail):
        return found.group("head")
    said = _NAME_WORDS.findall(tail.casefold())
    for source in sources:
        name = _NAME_WORDS.findall(source.casefold())
        if said and name and (_within(name, said) or (_within(said, name) and _names(said, name))):
            return found.group("head")
    return title


_GENERIC_NAME_WORDS = frozenset({"the", "news"})


def _within(words: list[str], other: list[str]) -> bool:
    """The words appear, in order and together, in the other words."""
    return f" {' '.join(words)} " in f" {' '.join(other)} "


def _names(part: list[str], name: list[str]) -> bool:
    """Part of a name stands for it when it holds most of its words, "the" and "news" aside
    ("Guardian" for The Guardian, "BBC" for BBC News; not "Hollywood" for The Hollywood
    Reporter)."""
    telling = [w for w in name if w not in _GENERIC_NAME_WORDS]
    return len(part) * 2 > len(telling)


UNTITLED_CHARS = 80  # of an untitled story's text that names it


def story_name(title: str, text: str = "", limit: int = 0) -> str:
    """What names a story: its title; one without is named by the start of its text (one line,
    cut with …), else "(untitled)". ``limit`` cuts a title too."""
    name = clean_line(title, limit)
    if name:
        return name
    return clean_line(text, min(limit, UNTITLED_CHARS) if limit else UNTITLED_CHARS) or "(untitled)"


@cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words sumy ships for ``language`` (a name: "english"), in lower case; none for a
    language it has no list for. (Nothing is downloaded: the lists are in the package; read
    directly, since sumy.utils would import requests and pycountry for them.)"""
    import pkgutil

    if not language.isalpha():
        return frozenset()
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{language.lower()}.txt")
    except (OSError, ImportError):  # no list for this language: no stop words
        return frozenset()
    words = (data or b"").decode("utf-8", "replace").splitlines()
    return frozenset(w.strip().lower() for w in words if w.strip())


def normalise_url(url: str) -> str:
    """A URL as an identity key: https, lower-case host, no default port (http->https is one
    article); the fragment is kept. Anything but an http(s) URL with a host is itself."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not host:
        return url
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}@{netloc}"
    return urlunsplit(("https", netloc, parts.path or "/", parts.query, parts.fragment))


def url_key(url: str) -> str:
    """A URL as a page's identity (an article's, a feed's): the normal form above without the
    fragment ("#comments" names a part of the same page); "" for none."""
    url = url.strip()
    return normalise_url(url.split("#", 1)[0]) if url else ""


def find_words(text: str, words: str, start: int = 0) -> int:
    """Where ``words`` stand in ``text`` from ``start`` on, not followed by more of a word (a
    link's number goes after them: "Antelope" is not found in "Antelopes"), or -1."""
    found = text.find(words, start)
    while found >= 0:
        end = found + len(words)
        if end == len(text) or not (_in_word(text[end]) and _in_word(words[-1])):
            return found
        found = text.find(words, found + 1)
    return -1


def _in_word(char: str) -> bool:
    """A letter or digit of a script that puts spaces between words (not Chinese or Japanese:
    a link's words there run on into the next ones)."""
    return char.isalnum() and ord(char) < 0x2E80
