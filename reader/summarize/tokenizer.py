"""An offline, rule-based tokenizer that sumy's summarizers accept in place of its NLTK one.

sumy's own ``Tokenizer`` loads NLTK's punkt model, which is downloaded from the internet and is
missing on a fresh machine. This one needs no data files: sentences are split by rules
(abbreviations, decimals, initials, quotes and brackets after the full stop, ellipses, CJK and
other scripts' full stops) and words are matched by regular expressions; scripts written without
spaces (Chinese, Japanese, Thai) are cut into overlapping character pairs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .languages import language_for, stop_words


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end with a full stop but (almost) never end a sentence.
_TITLES = _word_set(
    """mr mrs ms messrs mme mlle dr prof rev fr sr sra sgt cpl pvt lt capt cmdr col gen maj adm
    brig cdr gov sen rep rev hon pres supt det insp st ste mt ft fig figs vol vols nr
    p pp ch chap para cf vs v approx ca dept univ assn e.g i.e viz al
    z.b bzw vgl ggf ggfs usw u.a u.ä d.h s.o s.u nr str hr frl dipl ing mag stv gegr sog inkl
    exkl zzgl evtl hrsg jh jhd bspw bzgl
    m mme mlle vve bd boul env
    sr sra srta sres sras dña dn dra lic arq av avda pág núm sig sta sto gral pdte tte cnel
    sgto mons excmo ilmo ud uds vd
    sig sigg dott dr.ssa prof.ssa ecc pag avv
    ul al tzw płk mjr kpt ks inż mgr np tj tzn wg zob św hab m.in"""
)
# Abbreviations that may end a sentence: a split happens only when a typical sentence opener follows.
_SOFT = _word_set(
    """inc corp ltd co plc llc llp bros jr etc a.m p.m gmt est edt pst utc bst cet no nos
    jan feb apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri
    u.s u.k u.n e.u u.s.a d.c l.a n.y ph.d m.d b.a m.a mph km kg lb lbs yr yrs hrs sq
    mio mrd tsd mill std mln mld tys zł cía ltda min max mm abs doc
    mär okt dez janv févr fév avr juil déc ene abr dic"""
)
# Abbreviations that are ordinary words (ending sentences) in English: only in their own language.
_LANGUAGE_TITLES = {"polish": _word_set("ok"), "spanish": _word_set("ago")}
_MONTHS = _word_set(
    """januar februar märz april mai juni juli august september oktober november dezember
    jänner jan feb mär apr jun jul aug sep sept okt nov dez january february march may june july
    october december januari februari mars juni augusti oktober"""
)
# Closing punctuation that stays with the sentence before a boundary.
_CLOSERS = "\"'”’»)]}」』）】〕›"
_OPENERS = "\"'“‘«([{「『（【〔‹¿¡"
# After a full stop “ and ‘ close a quotation too (German „…“ and ‚…‘), and French spaces its
# closing guillemet: « C'est fini. » Puis ...
_END_CLOSERS = _CLOSERS + "“‘"
# A Latin-style boundary: terminal punctuation, optional closers, then whitespace.
_LATIN_END = re.compile(
    r"(?:\.{3}|…|[.!?‽]+|[؟۔।॥])(?:[" + re.escape(_END_CLOSERS) + r"]|\s[»›](?=\s))*(?=\s)"
)
# Full stops of scripts written without spaces end a sentence wherever they are.
_CJK_END = re.compile(r"[。！？][" + re.escape(_CLOSERS) + r"]*|[．｡](?=\s|$)")
_WORD_BEFORE = re.compile(r"(\S+?)[" + re.escape(_CLOSERS) + r"]*$")
_INITIALISM = re.compile(r"^(?:[^\W\d_]\.){2,}$|^(?:[^\W\d_]\.)+[^\W\d_]$")
# Spanish plurals of initials double the letter: EE. UU., FF. AA., CC. OO.
_DOUBLED = re.compile(r"^([A-Z])\1$")
# German ordinals: "im 19. Jahrhundert", "am 3. Spieltag", "die 2. Bundesliga": a number of up to
# three digits after one of these words and before a capitalised noun is no sentence end.
_ORDINAL_BEFORE = _word_set(
    """im am zum zur beim vom ins der die das den dem des ihr ihre ihrem ihren ihrer sein seine
    seinem seinen seiner"""
)
_SPACE = re.compile(r"\s+")
_GLUED_BRACKET = re.compile(r"[)\]}）】〕]")

# Runs of letters written without spaces: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
_NOSPACE_RUN = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff\uff66-\uff9f"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f"
)
_LETTER = r"(?:(?![" + _NOSPACE_RUN + r"])[\w\u0300-\u036f\u0900-\u0dff\u0600-\u06ff])"
_TOKEN = re.compile(
    r"(?P<cjk>[" + _NOSPACE_RUN + r"]+)"  # a run of a script written without spaces
    r"|(?P<num>[\d_]" + _LETTER + r"*)"  # numbers (and 5bn, 2nd) are not words
    r"|(?P<word>" + _LETTER + r"+(?:['’\-]" + _LETTER + r"+)*)"  # letters with inner ' and -
)


def _word_before(text: str) -> str:
    match = _WORD_BEFORE.search(text[-80:])
    if not match:
        return ""
    # The word after a closing bracket glued to it: "(CNN)A.J." is the initials "A.J.".
    return _GLUED_BRACKET.split(match.group(1))[-1].lstrip(_OPENERS)


def _next_word(text: str) -> str:
    stripped = text.lstrip().lstrip(_OPENERS + "—–- ")
    match = re.match(r"\S+", stripped)
    return match.group(0) if match else ""


def _is_boundary(
    before: str,
    terminal: str,
    after: str,
    openers: frozenset[str],
    language: str = "english",
    quoted: bool = False,
) -> bool:
    """Whether the punctuation ``terminal`` after ``before`` ends a sentence, given what follows
    (``quoted``: a closing quotation mark follows the punctuation)."""
    following = _next_word(after)
    if not following:
        return True
    first = following[0]
    bracketed = after.lstrip()[:1] in ("(", "[")  # "... safe. (with agency inputs)"
    if bracketed and quoted and _continues_after_bracket(after):
        return False  # „Keine Bildung ohne Medien!“ (KBoM) entwickelt ...
    if first.islower() and not bracketed:
        # "Help!" she said. / approx. three / e.g. this: a lower-case word continues the sentence.
        return False
    if "." not in terminal or terminal.startswith("...") or terminal.startswith("…"):
        return True
    word = _word_before(before).rstrip(".")
    key = word.lower()
    if not word:
        return True
    if word.isdigit():
        # "rose 5%. The ..." splits (decimals have no space after the dot); "am 3. Oktober" not.
        if len(word) <= 2 and following.lower().rstrip(".,") in _MONTHS:
            return False
        return not (language == "german" and _ordinal(before, word, following, openers))
    if (
        key in _TITLES
        or key in _LANGUAGE_TITLES.get(language, ())
        or (len(word) == 1 and word.islower())
    ):
        return False  # Dr. No, z. B. Kuchen, d. h. ...
    if language == "german" and key.endswith("str"):
        return False  # Hauptstr. 5
    initial = len(word) == 1 and word.isalpha() and word.isupper()
    doubled = language == "spanish" and bool(_DOUBLED.match(word))
    soft = key in _SOFT or doubled or bool(_INITIALISM.match(word))
    if not (initial or soft):
        return True
    if first.isdigit():
        return False  # Jan. 5, U.S. 101
    if initial and re.match(r"^[^\W\d_]\.", following):
        return False  # J. R. R. Tolkien
    # Apple Inc. said ... / in the U.S. The ...: split only before a typical sentence opener.
    return following.strip(_CLOSERS + ".,;:").lower() in openers


_AFTER_BRACKET = re.compile(r"\s*[(\[][^()\[\]]{1,60}[)\]]\s*([^\W\d_])")


def _continues_after_bracket(after: str) -> bool:
    """A short bracket after a quotation's closing mark, then a lower-case word: the sentence goes
    on ('... „Medien!“ (KBoM) entwickelt')."""
    match = _AFTER_BRACKET.match(after)
    return bool(match and match.group(1).islower())


def _ordinal(before: str, number: str, following: str, openers: frozenset[str]) -> bool:
    """A German ordinal before its noun: "im 19. Jahrhundert" (not "stieg auf 15. Die ...")."""
    if len(number) > 3 or not following[:1].isupper():
        return False
    if following.strip(_CLOSERS + ".,;:").lower() in openers:
        return False
    words = before.split()
    return len(words) >= 2 and words[-2].lower().lstrip(_OPENERS) in _ORDINAL_BEFORE


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split a paragraph (or a whole text) into sentences; line breaks between units are kept as breaks."""
    return [s for line in split_lines(text, language) for s in line]


def split_lines(text: str, language: str = "english") -> list[list[str]]:
    """The sentences of each logical line of a text (a wrapped line is joined to the one before)."""
    if not text or not text.strip():
        return []
    name = language_for(language)
    openers = _openers(name)
    lines = (_split_line(line, openers, name) for line in _logical_lines(text))
    return [line for line in lines if line]


def _logical_lines(text: str) -> list[str]:
    """Lines of a text; a wrapped line (no end punctuation, next line starts lower case) is joined."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _SPACE.sub(" ", raw).strip()
        if not line:
            continue
        if lines and line[0].islower() and not lines[-1].endswith((".", "!", "?", "…", ":")):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


# A quotation of up to this many words is one sentence with what says who said it: "Seamos
# honestos. Joe Biden no está bien", indicó Scott. (A longer one, a speech quoted whole, is
# split as any text.)
QUOTE_WORDS = 70
# Quotation marks that open a quotation, and the marks that close each.
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"'}


def _quotations(line: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the quotations a line opens and closes (not nested; a
    quotation left open, as one going on in the next paragraph, has none)."""
    spans: list[tuple[int, int]] = []
    opened = -1
    closers = ""
    for at, char in enumerate(line):
        if opened < 0:
            if char in _QUOTE_PAIRS and (char != '"' or at == 0 or not line[at - 1].isalnum()):
                opened, closers = at, _QUOTE_PAIRS[char]
        elif char in closers and (char != '"' or at + 1 == len(line) or not line[at + 1].isalnum()):
            if len(line[opened:at].split()) <= QUOTE_WORDS and _attributed(line[at + 1 :]):
                spans.append((opened, at))
            opened = -1
    return spans


def _attributed(after: str) -> bool:
    """Whether the sentence goes on after a quotation's closing mark with who said it: a comma,
    a dash or a lower-case word ('", said X', '“, sagte er', '" dijo')."""
    rest = after.lstrip()
    if not rest:
        return False
    return rest[0] in ",;" or rest[0].islower() or (rest[0] in "—–-" and after[:1].isspace())


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < at <= end for start, end in spans)


def _split_line(line: str, openers: frozenset[str], language: str) -> list[str]:
    cuts: set[int] = set()
    if shouting(line):
        openers = _LOUD_OPENERS.get(language, openers)
    spans = _quotations(line) if any(mark in line for mark in _QUOTE_PAIRS) else []
    for match in _LATIN_END.finditer(line):
        end = match.end()
        if spans and _inside(end, spans):
            continue  # inside a quotation: "A. B", said X. is one sentence
        terminal = match.group(0).rstrip(_END_CLOSERS + " ")
        quoted = any(ch in '"“”»' for ch in match.group(0)[len(terminal) :])
        if _is_boundary(line[: match.start()], terminal, line[end:], openers, language, quoted):
            cuts.add(end)
    for match in _CJK_END.finditer(line):
        end = match.end()
        quoted = end - match.start() > 1 and match.group(0)[-1] in _CLOSERS
        if quoted and end < len(line) and line[end].isalpha():
            continue  # 「本当？」と彼は聞いた / “好吗？”他问: the sentence goes on after the quote
        cuts.add(end)
    if language == "greek":
        for match in re.finditer(r";(?=\s)", line):
            cuts.add(match.end())
    pieces: list[str] = []
    start = previous = 0
    for cut in sorted(cuts):
        piece = line[start:cut].strip()
        if piece:
            pieces.append(piece)
            previous = start
        start = cut
    tail = line[start:].strip()
    if tail:
        # A lone closing quote, bracket or ellipsis belongs to the sentence before it.
        if pieces and not any(ch.isalnum() for ch in tail) and len(tail) <= 3:
            pieces[-1] = line[previous:].strip()
        else:
            pieces.append(tail)
    return pieces


# In a line written in capitals no word is lower case, so "CO. SAID" and "THE U.S. FOR THE FIRST
# TIME" would look like sentence ends (the language's stop words, "said" and "for" among them,
# open sentences): there, an abbreviation ends a sentence only before one of these openers.
_LOUD_OPENERS = {
    "english": _word_set("the a an he she it they we i this these those but however mr mrs ms"),
    "german": _word_set("der die das er sie es wir ich ein eine aber doch herr frau"),
    "french": _word_set("le la les il elle ils elles nous je un une mais"),
    "spanish": _word_set("el la los las él ella ellos nosotros yo un una pero"),
}
SHOUT_SHARE = 0.7  # of a text's cased letters upper case: the text is written in capitals


SHOUT_SAMPLE = 2000  # characters: a text written in capitals is so from its start


def shouting(text: str) -> bool:
    """Whether ``text`` is written in capitals (most of the cased letters of its opening upper
    case)."""
    text = text[:SHOUT_SAMPLE]
    upper = sum(map(str.isupper, text))
    return upper > 1 and upper > SHOUT_SHARE * (upper + sum(map(str.islower, text)))


@lru_cache(maxsize=32)
def _openers(language: str) -> frozenset[str]:
    """Words that typically start a sentence: the language's stop words (The, He, In, But ...)."""
    return stop_words(language) | stop_words("english")


def split_words(sentence: str) -> list[str]:
    """Words of a sentence (letters, inner apostrophes and hyphens; numbers are not words).

    Scripts written without spaces are cut into overlapping pairs of characters, which is what
    similarity measures need without a dictionary-based segmenter.
    """
    words: list[str] = []
    for match in _TOKEN.finditer(sentence):
        if match.group("num"):
            continue
        token = match.group(0)
        if match.group("cjk"):
            if len(token) == 1:
                words.append(token)
            else:
                words.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            words.append(token)
    return words


class OfflineTokenizer:
    """Drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no downloaded data."""

    def __init__(self, language: str = "english") -> None:
        self._language = language_for(language)

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(split_words(sentence))
