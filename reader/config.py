"""TOML configuration -> typed, validated dataclasses, with clear errors.

Resolution order for the config file: ``--config PATH``, then ``$NEWSREADER_CONFIG``, then the platform
config dir (``~/.config/newsreader/config.toml`` on Linux). When no file exists at all, built-in defaults
apply, including a starter list of feeds. A file that exists but lists no feeds means no configured feeds.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from reader.textutil import clean_line, url_key

APP_NAME = "newsreader"
ENV_CONFIG = "NEWSREADER_CONFIG"
ENV_DB = "NEWSREADER_DB"


class ConfigError(Exception):
    """A config problem, phrased for the user (file, key and line where known)."""


@dataclass(frozen=True, slots=True)
class FeedConfig:
    url: str
    title: str = ""
    category: str = ""
    full_article: bool = False  # always fetch and extract the full page for this feed


MAX_RESPONSE_BYTES = 1 << 30  # refresh.max_bytes at most: 1 GiB, read into memory at once


@dataclass(frozen=True, slots=True)
class RefreshConfig:
    interval_minutes: int = 30  # auto-refresh in the reader; 0 turns it off
    concurrency: int = 16  # feeds fetched at once
    per_host: int = 4  # connections to one host at once
    timeout_seconds: float = 20.0  # connect/read timeout
    feed_deadline_seconds: float = 60.0  # overall limit for one feed, body included
    max_bytes: int = 10_000_000  # size cap for one response (after decompression)
    max_entries_per_feed: int = 2000  # entries kept from one document
    fetch_full_articles: bool = False  # extract new unread articles in the background


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    algorithm: str = "default"
    sentences: int = 3
    ratio: float = 0.0  # when > 0, summary length is this share of the story's sentences
    language: str = "auto"  # "auto" = the feed's or page's declared language, else english
    show: bool = True


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    theme: str = "textual-dark"
    mark_read_on_open: bool = True
    keymap: str = "default"  # "default" or "newsboat"
    collapse_groups: bool = (
        False  # show one headline per group of related stories, with "+N sources"
    )
    show_read: bool = True  # list read headlines too (H hides them: feeds, categories, All, Today)
    browser: str = ""  # command to open links; empty = $BROWSER, else the system default
    keys: dict[str, str] = field(
        default_factory=dict
    )  # binding id -> key(s), e.g. "favourite" = "F"


@dataclass(frozen=True, slots=True)
class RelatedConfig:
    window_hours: int = 72
    mark_duplicates_read: bool = True


@dataclass(frozen=True, slots=True)
class StorageConfig:
    path: str = ""  # empty = platform data dir
    retention_days: int = (
        60  # read, non-favourite articles older than this are pruned; 0 = keep all
    )


@dataclass(frozen=True, slots=True)
class Config:
    feeds: tuple[FeedConfig, ...] = ()
    refresh: RefreshConfig = field(default_factory=RefreshConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    reader: ReaderConfig = field(default_factory=ReaderConfig)
    related: RelatedConfig = field(default_factory=RelatedConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    source: Path | None = None  # the file it was read from; None = built-in defaults
    # What could not be read from the file (see load_config(lenient=True)); built-in values
    # stand in for those parts.
    problems: tuple[str, ...] = ()
    # What was read but deserves a word (a feed listed twice: the first entry is used); nothing
    # is refused for it. The commands print it, the reader shows it when it starts.
    warnings: tuple[str, ...] = ()
    # Whether the feed list (and the database it goes to) was read whole: a problem elsewhere
    # ("summary.algorithm") says nothing against the [[feeds]]; an unknown top-level table (a
    # "[[feed]]" typo) or a bad entry or storage path does, and the store's feeds are then left
    # as they are.
    feeds_sure: bool = True

    @property
    def db_path(self) -> Path:
        """The database file: storage.path with ~ and $VARIABLES expanded, a relative one taken
        from the config file's folder (not from wherever newsreader was started)."""
        if self.storage.path:
            path = Path(os.path.expandvars(self.storage.path)).expanduser()
            if not path.is_absolute() and self.source is not None:
                path = self.source.parent / path
            return path
        return default_data_dir() / "newsreader.db"


DEFAULT_FEEDS: tuple[FeedConfig, ...] = (
    FeedConfig("https://feeds.bbci.co.uk/news/world/rss.xml", "BBC News – World", "World"),
    FeedConfig("https://www.theguardian.com/world/rss", "The Guardian – World", "World"),
    FeedConfig("https://www.aljazeera.com/xml/rss/all.xml", "Al Jazeera", "World"),
    FeedConfig("https://feeds.npr.org/1001/rss.xml", "NPR News", "World"),
    FeedConfig("https://feeds.arstechnica.com/arstechnica/index", "Ars Technica", "Technology"),
    FeedConfig("https://www.theverge.com/rss/index.xml", "The Verge", "Technology"),
    FeedConfig("https://news.ycombinator.com/rss", "Hacker News", "Technology"),
    FeedConfig("https://www.sciencedaily.com/rss/all.xml", "ScienceDaily", "Science"),
    FeedConfig("https://www.nasa.gov/news-release/feed/", "NASA News Releases", "Science"),
    FeedConfig("https://www.nature.com/nature.rss", "Nature", "Science"),
    FeedConfig("https://feeds.bbci.co.uk/news/business/rss.xml", "BBC News – Business", "Business"),
    FeedConfig(
        "https://www.cnbc.com/id/100003114/device/rss/rss.html", "CNBC Top News", "Business"
    ),
)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def resolve_config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    return default_config_path()


def load_config(
    explicit: str | os.PathLike[str] | None = None,
    db: str | os.PathLike[str] | None = None,
    *,
    lenient: bool = False,
) -> Config:
    """Load and validate the config. Raises ConfigError with a user-facing message.

    ``lenient`` (the reader): never raises; what cannot be read is said in ``problems`` and
    the built-in value stands in for it (an unreadable file gives the built-in settings).
    """
    path = resolve_config_path(explicit)
    given = bool(explicit) or bool(os.environ.get(ENV_CONFIG))
    text: str | None = None
    try:
        if not _config_exists(path):
            if given:
                raise ConfigError(f"{path}: no such config file")
            config = Config(feeds=DEFAULT_FEEDS)
        else:
            text = _read(path)
            config = parse_config(text, path, lenient=lenient)
    except ConfigError as exc:
        if not lenient:
            raise
        # the database the file names, all the same: another one would look as if every
        # favourite were gone (and would take the refreshes meant for the other)
        config = Config(
            problems=(str(exc),), storage=_storage_of(text), source=path, feeds_sure=False
        )
    db = db or os.environ.get(ENV_DB)
    if db:  # as given on the command line: from where newsreader was started
        given_path = str(Path(os.path.expandvars(str(db))).expanduser().absolute())
        config = dataclasses.replace(
            config, storage=dataclasses.replace(config.storage, path=given_path)
        )
    return config


def _storage_of(text: str | None) -> StorageConfig:
    """The [storage] path of a file that cannot be read as a whole (a syntax error elsewhere
    in it), read line by line; the built-in storage when it names none."""
    section = ""
    for line in (text or "").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.split("#", 1)[0].strip()
            continue
        if section == "[storage]" and stripped.startswith("path"):
            try:
                value = tomllib.loads(stripped).get("path")
            except tomllib.TOMLDecodeError:
                continue
            if isinstance(value, str) and value.strip():
                return StorageConfig(path=value)
    return StorageConfig()


MAX_CONFIG_BYTES = 1_000_000  # far more than any config; /dev/zero would never end


def _config_exists(path: Path) -> bool:
    """Whether the config file is there; a name the system refuses is said as a ConfigError."""
    try:
        return path.exists()
    except OSError as exc:  # "File name too long"
        shown = clean_line(str(path), 120)
        raise ConfigError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL byte in it
        raise ConfigError(f"{clean_line(str(path), 120)}: is no file name") from None


def _read(path: Path) -> str:
    if path.is_dir():
        raise ConfigError(f"{path}: is a directory, not a config file")
    if not path.is_file():  # reading a FIFO would wait forever, /dev/zero never end
        raise ConfigError(f"{path}: is a pipe or a device, not a config file")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except PermissionError:
        raise ConfigError(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: is too large for a config file (over 1 MB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 text (bad byte at offset {exc.start})") from None


def parse_config(text: str, path: Path | None = None, *, lenient: bool = False) -> Config:
    """The config in ``text``. Raises ConfigError at the first problem, or (``lenient``) leaves
    out each part that has one, with its built-in value, and lists them in ``problems``."""
    where = str(path) if path else "config"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: TOML syntax error: {exc}{_other_format(text)}") from None
    return _Validator(where, text, lenient).config(raw, path)


# newsboat's config: `setting value` lines ("auto-reload yes", "bind-key j down")
_NEWSBOAT_LINE = re.compile(r"^[a-z][a-z0-9-]*\s+[^=\s]")


def _other_format(text: str) -> str:
    """A hint when a file that is not TOML is another reader's: newsboat's config or urls."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")][:20]
    if not lines:
        return ""
    if all(line.startswith(("http://", "https://", '"')) for line in lines):
        return (
            ". It looks like a newsboat urls file: `newsreader import-urls FILE` imports its "
            "feeds; the config is TOML (`newsreader example-config` prints one with every key)"
        )
    if sum(bool(_NEWSBOAT_LINE.match(line)) for line in lines) > len(lines) // 2:
        return (
            ". It looks like a newsboat config: newsreader's is TOML (`newsreader example-config` shows "
            'every key; keymap = "newsboat" gives newsboat\'s keys)'
        )
    return ""


# --------------------------------------------------------------------------- validation


def _summary_choices(summary: SummaryConfig) -> list[tuple[str, str]]:
    """(key, problem) for a summary method or language the summariser does not have. Its names
    come from reader.summarize, imported only for a value other than the built-in one (it brings
    numpy: every command would start slower)."""
    problems: list[tuple[str, str]] = []
    algorithm = summary.algorithm.strip()
    if algorithm and algorithm.lower() != "default":  # (empty: the built-in one, as for path)
        from reader import lazy

        lazy.load("reader.summarize")
        from reader.summarize import ALGORITHMS
        from reader.summarize.core import normalize_algorithm

        if normalize_algorithm(algorithm)[1] is not None:
            methods = ", ".join(("default", *ALGORITHMS))
            problems.append(
                ("algorithm", f"{summary.algorithm!r} is not a summary method (one of: {methods})")
            )
    language = summary.language.strip()
    if language and language.lower() != "auto":
        from reader import lazy

        lazy.load("reader.summarize")
        from reader.summarize.languages import LANGUAGES, knows_language

        if not knows_language(language):
            names = ", ".join(("auto", *LANGUAGES))
            problems.append(
                (
                    "language",
                    f"{summary.language!r} is not a language summaries know (one of: {names}; "
                    'or a code such as "de")',
                )
            )
    return problems


_SECTIONS: dict[str, type] = {
    "refresh": RefreshConfig,
    "summary": SummaryConfig,
    "reader": ReaderConfig,
    "related": RelatedConfig,
    "storage": StorageConfig,
}
_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}


class _Validator:
    def __init__(self, where: str, text: str, lenient: bool = False) -> None:
        self.where = where
        self.lines = text.splitlines()
        self.lenient = lenient
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def skip(self, exc: ConfigError) -> None:
        """A part with a problem: noted, and the reading goes on without that part. Strict, the
        file is refused at the end with every problem found (see ``refuse``)."""
        self.problems.append(str(exc))

    def refuse(self) -> ConfigError:
        """Every problem in one error: the one as it is, or each on its own line."""
        if len(self.problems) == 1:
            return ConfigError(self.problems[0])
        lines = [
            p.removeprefix(self.where).removeprefix(", ").removeprefix(": ") for p in self.problems
        ]
        return ConfigError(
            f"{self.where}: {len(lines)} problems:" + "".join(f"\n  {line}" for line in lines)
        )

    def fail(self, key: str, message: str) -> ConfigError:
        line = self._line_of(key)
        at = f", line {line}" if line else ""
        return ConfigError(f"{self.where}{at}: {key}: {message}")

    def _line_of(self, dotted: str) -> int | None:
        name = re.escape(dotted.rsplit(".", 1)[-1].split("[")[0])
        pattern = re.compile(rf'^\s*(?:{name}|"{name}"|\'{name}\')\s*=|^\s*\[+\s*{name}\s*\]+')
        start, stop = 0, len(self.lines)
        entry = re.match(r"feeds\[(\d+)\]", dotted)
        if entry:  # a key of the n-th [[feeds]]: looked for in that entry, not the first one
            headers = [i for i, line in enumerate(self.lines) if re.match(r"\s*\[", line)]
            feeds = [i for i in headers if re.match(r"\s*\[\[\s*feeds\s*\]\]", self.lines[i])]
            n = int(entry[1])
            if n <= len(feeds):
                start = feeds[n - 1]
                stop = next((i for i in headers if i > start), len(self.lines))
                if "." not in dotted:
                    return start + 1
        for number in range(start, stop):
            if pattern.search(self.lines[number]):
                return number + 1
        return None

    def config(self, raw: dict[str, Any], path: Path | None) -> Config:
        known = {"feeds", *_SECTIONS}
        before = len(self.problems)
        for key in raw:
            if key not in known:
                self.skip(
                    self.fail(key, f"unknown key (expected one of: {', '.join(sorted(known))})")
                )
        unsure = len(self.problems) > before
        sections: dict[str, Any] = {}
        for name, cls in _SECTIONS.items():
            value = raw.get(name, {})
            before = len(self.problems)
            if not isinstance(value, dict):
                self.skip(self.fail(name, "must be a table, e.g. [" + name + "]"))
                value = {}
            sections[name] = self.section(name, cls, value)
            unsure |= name == "storage" and len(self.problems) > before
        before = len(self.problems)
        feeds = self.feeds(raw.get("feeds", []))
        unsure |= len(self.problems) > before
        if self.problems and not self.lenient:
            raise self.refuse()
        return Config(
            feeds=feeds,
            source=path,
            problems=tuple(self.problems),
            warnings=tuple(self.warnings),
            feeds_sure=not unsure,
            **sections,
        )

    def section(self, name: str, cls: type, values: dict[str, Any]) -> Any:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            dotted = f"{name}.{key}"
            try:
                if key not in fields:
                    raise self.fail(
                        dotted, f"unknown key (expected one of: {', '.join(sorted(fields))})"
                    )
                kwargs[key] = self.value(dotted, fields[key].type, value)
            except ConfigError as exc:
                self.skip(exc)
        for key, problem in self.out_of_range(name, cls(**kwargs)):
            self.skip(problem)
            kwargs.pop(key, None)  # the built-in value is in range
        return cls(**kwargs)

    def value(self, dotted: str, annotation: Any, value: Any) -> Any:
        kind = {"bool": bool, "int": int, "float": float, "str": str}.get(str(annotation))
        if kind is None:  # dict[str, str] (reader.keys)
            if not isinstance(value, dict):
                raise self.fail(dotted, 'must be a table of action = "key" pairs')
            for action, keys in value.items():
                if not isinstance(keys, str) or not keys.strip():
                    raise self.fail(
                        f"{dotted}.{action}", 'must be a key name string, e.g. "ctrl+f"'
                    )
            return dict(value)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            got = type(value).__name__
            raise self.fail(dotted, f"must be {_TYPE_NAMES[kind]}, not {got} {value!r}")
        if isinstance(value, float) and not math.isfinite(value):  # TOML has nan and inf
            raise self.fail(dotted, f"must be a finite number, not {value!r}")
        return value

    def out_of_range(self, name: str, obj: Any) -> list[tuple[str, ConfigError]]:
        """(key, problem) for each value of section ``name`` outside its range."""
        problems: list[tuple[str, str]] = []
        positive = {
            "refresh": (
                "concurrency",
                "per_host",
                "timeout_seconds",
                "feed_deadline_seconds",
                "max_bytes",
                "max_entries_per_feed",
            ),
            "summary": ("sentences",),
            "related": ("window_hours",),
        }.get(name, ())
        problems += [(key, "must be greater than 0") for key in positive if getattr(obj, key) <= 0]
        non_negative = {"refresh": ("interval_minutes",), "storage": ("retention_days",)}.get(
            name, ()
        )
        problems += [(key, "must not be negative") for key in non_negative if getattr(obj, key) < 0]
        if name == "refresh" and obj.max_bytes > MAX_RESPONSE_BYTES:  # (it sizes a read buffer)
            problems.append(("max_bytes", f"must be at most {MAX_RESPONSE_BYTES} (1 GiB)"))
        if name == "summary" and not 0 <= obj.ratio < 1:
            problems.append(("ratio", "must be between 0 and 1 (0 = use summary.sentences)"))
        if name == "reader" and obj.keymap not in ("default", "newsboat"):
            problems.append(
                ("keymap", f"{obj.keymap!r} is not a key preset (one of: default, newsboat)")
            )
        if name == "summary":
            problems += _summary_choices(obj)
        return [(key, self.fail(f"{name}.{key}", message)) for key, message in problems]

    def feeds(self, value: Any) -> tuple[FeedConfig, ...]:
        if not isinstance(value, list):
            self.skip(self.fail("feeds", 'must be an array of tables: [[feeds]] with url = "..."'))
            return ()
        result: list[FeedConfig] = []
        seen: dict[str, tuple[int, FeedConfig]] = {}  # address key -> the first entry with it
        for index, item in enumerate(value, start=1):
            try:
                feed = self.feed(index, item)
            except ConfigError as exc:
                self.skip(exc)
                continue
            key = url_key(feed.url)
            if key in seen:
                self.warnings.append(self.listed_twice(index, feed, *seen[key]))
                continue
            seen[key] = (index, feed)
            result.append(feed)
        return tuple(result)

    def listed_twice(
        self, index: int, feed: FeedConfig, first_index: int, first: FeedConfig
    ) -> str:
        """What a [[feeds]] entry with the address of an earlier one is told: "config.toml,
        line 9: feed 'X' is listed twice (same address as 'Y', line 2); using the first." """
        line = self._line_of(f"feeds[{index}]")
        first_line = self._line_of(f"feeds[{first_index}]")
        name, first_name = _feed_name(feed), _feed_name(first)
        if name != first_name:
            same = f"same address as {first_name!r}" + (
                f", line {first_line}" if first_line else ""
            )
        else:
            same = f"first at line {first_line}" if first_line else f"first as entry {first_index}"
        at = f", line {line}" if line else ""
        return f"{self.where}{at}: feed {name!r} is listed twice ({same}); using the first."

    def feed(self, index: int, item: Any) -> FeedConfig:
        """One [[feeds]] entry; with problems, all but the last are noted and the last raises."""
        fields = {f.name: f for f in dataclasses.fields(FeedConfig)}
        label = f"feeds[{index}]"
        if not isinstance(item, dict):
            raise self.fail("feeds", f'entry {index} must be a table with url = "..."')
        problems: list[ConfigError] = []
        kwargs: dict[str, Any] = {}
        for key, value in item.items():
            if key not in fields:
                expected = ", ".join(sorted(fields))
                problems.append(
                    self.fail(f"{label}.{key}", f"unknown key (expected one of: {expected})")
                )
                continue
            try:
                kwargs[key] = self.value(f"{label}.{key}", fields[key].type, value)
            except ConfigError as exc:
                problems.append(exc)
            if key == "url" and key in kwargs and (problem := feed_url_problem(kwargs[key])):
                problems.append(self.fail(f"{label}.url", f"{problem}: {kwargs[key]!r}"))
        if "url" not in item:
            problems.append(self.fail(label, 'is missing the required key url = "https://..."'))
        if problems:
            for earlier in problems[:-1]:
                self.skip(earlier)
            raise problems[-1]
        return FeedConfig(**kwargs)


def _feed_name(feed: FeedConfig) -> str:
    return clean_line(feed.title, 80) or clean_line(feed.url, 200)


def feed_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a feed address (http, https, file:// or a local path), or None."""
    url = url.strip()
    if not url:
        return "is empty"
    if any(ord(ch) < 32 or ch == "\x7f" for ch in url):
        return "contains control characters"
    if url.startswith("-"):
        return "must not start with '-'"
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number in 0-65535 raises too
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return None if parts.netloc else "has no host name"
    if scheme == "file" or url.startswith(("/", "./", "../", "~")):
        return None
    if scheme:
        return f"has an unsupported scheme '{scheme}:' (use http, https or a local file)"
    return "is not a valid URL (use http, https or a local file path)"


# file names a scheme-less address ends in that are no top-level domain: "feed.xml" is a file
_FILE_SUFFIXES = frozenset(
    {"xml", "rss", "atom", "rdf", "html", "htm", "xhtml", "json", "txt", "opml", "md"}
)
_SCHEMELESS = re.compile(
    r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
    r"(?::(?P<port>\d{1,5}))?(?P<rest>[/?#].*)?",
    re.DOTALL,
)


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def feed_address(text: str) -> tuple[str, str | None]:
    """What a user typed to subscribe -> (the address to store, None), or (text, why not).

    A local file, as a path (relative or absolute, with or without "./" or "~") or a file://
    URL, becomes its absolute path, so the feed still works from another folder and one file is
    one subscription. An address without a scheme is taken as a browser would: https://, or
    http:// for localhost and IP addresses ("127.0.0.1:8773/site.html")."""
    url = text.strip()
    if not url or url.startswith("-") or any(ord(ch) < 32 or ch == "\x7f" for ch in url):
        return url, feed_url_problem(url)
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "file" or url.startswith(("/", "./", "../", "~")):
        return _local_address(url)
    if scheme in ("http", "https") or "://" in url:
        return url, feed_url_problem(url)
    if _exists(Path(url).expanduser()):  # a file here: "site/aebnews.xml"
        return _local_address(url)
    match = _SCHEMELESS.fullmatch(url)
    if match is None:  # "javascript:…" is refused for its scheme; anything else is no file here
        return (url, feed_url_problem(url)) if _scheme(url) else _local_address(url)
    host = match["host"].lower()
    local = host == "localhost" or _is_ip(host)
    if not match["port"] and (
        host.rsplit(".", 1)[-1] in _FILE_SUFFIXES  # "feed.xml" is a file name, not a site
        or not (local or "." in host)  # "site/aebnews.xml": a folder, not a host
    ):
        return _local_address(url)
    full = ("http://" if local else "https://") + url
    return full, feed_url_problem(full)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the file system, say
        return False


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def _local_address(url: str) -> tuple[str, str | None]:
    """A local path or file:// URL as the file's absolute path; a missing file is a problem."""
    from urllib.parse import unquote

    if url.lower().startswith("file:"):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return url, f"names a file on another computer ({parts.netloc})"
        path = Path(unquote(parts.path))
    else:
        path = Path(url).expanduser()
    absolute = Path(os.path.abspath(path))
    if not _exists(absolute):
        return url, f"names no file here ({absolute}) and is not a web address"
    return str(absolute), None
