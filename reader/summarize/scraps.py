"""Sentences a summary must never show: the headline, bylines, credits, captions and other scraps."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.textutil import squeezed

from .tokenizer import SHOUT_SHARE, split_sentences, split_words

# Scraps recognised at the start of a sentence (matched against lower-case text).
_START_PATTERNS = [
    # credits and bylines
    r"(?:reporting|writing|editing|additional reporting|compiled|translated)\s+by\b",
    r"\(?(?:edited|written|produced) (?:by|with)\b",
    r"(?:pictured|above|below|left|right|top|bottom|inset|file photo|main picture)\s*[:(]",
    r"(?:image|photo|picture|video)\s*(?:copyright|caption|source)\b",
    # captions in words: "Auf dem Foto zu sehen: ...", "In the photo above: ...", "Sur la photo : ..."
    r"(?:(?:auf dem|im|unser) (?:foto|bild)|in (?:the|this) (?:photo|picture|image)|"
    r"(?:sur|en) (?:la|cette) (?:photo|image)|en (?:la|esta) (?:foto|imagen)|"
    r"(?:na|w) (?:zdjęciu|fotografii))(?: \w+){0,2}\s*:",
    # dates, updates, agency notes
    r"(?:last\s+)?(?:updated|modified|published|posted|first published|zuletzt aktualisiert|"
    r"aktualisiert|mis à jour|publié|actualizado|publicado)\b.{0,60}$",
    r"\(?with (?:inputs|agency inputs|input) from\b",
    r"\(?(?:this|the) (?:story|article) (?:has been|was) (?:updated|corrected|edited)\b",
    r"editor'?s'? note\b|note to readers\b",
    # interview credits: "Das Gespräch führte Nicole Collignon.", "Die Fragen stellte ...",
    # "This interview has been edited and condensed for clarity."
    r"(?:das|dieses) (?:gespräch|interview) führten?\b|die fragen stellten?\b",
    r"(?:this |the )?(?:interview|conversation|transcript) (?:has been|was|have been) "
    r"(?:edited|condensed|conducted|lightly edited)\b",
    r"(?:propos recueillis|entrevista realizada|rozmawiał[ao]?)\b",
    # calls to action and page furniture
    r"(?:read|see|watch|listen|related|more|also read|read also|must read|don't miss|"
    r"recommended|trending|sponsored|advertisement|scroll down|sign up|subscribe|follow us|"
    r"share this|share on|comments?|lesen sie auch|mehr zum thema|lire aussi|leer más)\b"
    r"(?:\s+(?:more|also|next|now|here|the full story|the latest))*\s*(?:[:>»…|]|-\s|$)",
    r"read more\b|scroll down\b",
    r"(?:e-?mail|share|print|tweet)(?: (?:to|with) a friend| this (?:article|story|page))\b",
    r"(?:copyright|©|\(c\))",
    r"(?:follow|contact|email|e-mail|tweet)\b.{0,40}(?:@|\bon (?:twitter|x|facebook|instagram)\b)",
    r"[@#]\w+",
    r"(?:advertisement|anzeige|publicité|publicidad|werbung)\b",
]
# Scraps recognised anywhere in a sentence.
_ANY_PATTERNS = [
    r"\blast updated\b",
    r"\((?:with\s+)?(?:agency\s+)?inputs?\b[^)]*\)",
    r"\bclick here\b",
    r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\b",
    r"\bscroll down for (?:video|more)\b",
    r"\bnot currently accepting comments\b|\bcomments? (?:are|is) (?:now )?closed\b",
    r"\bthe (?:views|opinions) expressed in this (?:commentary|article|column|piece)\b",
    r"\bread (?:more|the full story|the latest)\b\s*[:>»…-]?\s*$",
    r"\b(?:sign up|subscribe) (?:for|to) (?:our|the)\b.*\bnewsletter",
    r"all rights reserved",
    r"https?://|www\.\w",
    # an embedded tweet: "... pic.twitter.com/x — Name (@handle) February 28, 2023"
    r"\bpic\.twitter\.com/|\(@\w+\)\s+\w+\.? \d{1,2}, \d{4}\s*$",
]
# Photo credits, anywhere: a short line that has one is a caption.
_CREDIT_PATTERNS = [
    r"\b(?:photo|photograph|image|picture|video|illustration|graphic|credit|source|foto|bild|"
    r"imagen|immagine|fotografía)s?\s*(?:credit)?\s*[:/|]",
    r"\((?:ap|afp|reuters|epa|getty|pa|ians|ani|pti|dpa|file)\b[^)]*(?:photo|images?|/)[^)]*\)\s*$",
    r"\b(?:getty images|shutterstock|afp via getty|ap photo|reuters/|epa-efe|pa wire|pa media|alamy)\b",
    r"\b(?:photo|image|picture)\s+(?:credit|courtesy)\b",
]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    # Lower-cased text and small alternations: about twice as fast as one big re.IGNORECASE one.
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_SCRAP_START = _alternation(_START_PATTERNS)
_SCRAP_ANY = _alternation(_ANY_PATTERNS + _CREDIT_PATTERNS)
_CREDIT_ANY = _alternation(_CREDIT_PATTERNS)
_CREDIT_START = _alternation([r"(?:image|photo|picture|video)\s*(?:copyright|caption|source)\b"])


# A call to action: a podcast's or site's stock line, asking the reader to do something with the
# medium ("Listen on your favourite podcast app.", "Subscribe to our newsletter for the latest.",
# "Follow us on Instagram.", "Download the free app today.", "Don't forget to rate the show."):
# it opens with such a verb in the imperative (after "please", "don't forget to", "be sure to"
# ...) and speaks to the reader or of the medium ("your", "us", "our", "app", "podcast", "here",
# "now" ...). Verbs that are nouns too ("Support for the bill grew", "Share prices fell", "Search
# teams found ...") count only before such a word ("Support us", "Share this story", "Watch the
# full interview on our channel"). Never news, whatever story it comes with.
_CTA_PREFIX = (
    r"(?:(?:please|so|and|or|now|also|then)\s+|(?:don[’']t|do not|never) (?:forget|miss out)"
    r"(?: to)?\s+|(?:be sure|make sure|remember) (?:to|you)\s+|why not\s+)*"
)
# Verbs that are seldom anything but an imperative at the start of a sentence ...
_CTA_VERB = (
    r"listen|subscribe|download|tune in|click|tap|sign(?: ?up| in)|install|stream|bookmark|donate"
    r"|register|check out|catch up|keep up|stay tuned|stay (?:up to date|informed|connected)"
    r"|rate (?:and|&) review|don[’']t miss|never miss|find us|join us|follow us|like us|get (?:our|the free)|hit (?:the|that)"
)
# ... and verbs that are nouns or subjects too: only before a word of the reader or the medium.
_CTA_NOUN_VERB = (
    r"read|watch|follow|share|support|rate|review|visit|see|search|call|contact|e-?mail"
    r"|message|text|send|tell|write|leave|join|learn|discover|explore|go|head|enjoy|find"
)
_READER = (
    r"your|yours|yourself|us|our|ours|this|these|now|today|here|more|online"
    r"|along|up|out"
)
_MEDIUM = (
    r"your|yours|us|our|ours|app|apps|podcasts?|newsletters?|inbox|channel|website|site"
    r"|feeds?|episodes?|show|youtube|spotify|apple|itunes|google|facebook|twitter|instagram"
    r"|tiktok|linkedin|whatsapp|telegram|link|below|above|here|now|today|free|online"
)
_CALL_TO_ACTION = re.compile(
    rf"^{_CTA_PREFIX}(?:(?:{_CTA_VERB})\b(?=.*\b(?:{_MEDIUM})\b)"
    rf"|(?:{_CTA_NOUN_VERB}) (?:(?:{_READER})\b|(?:the|a|an|on|at|to|in|more|all)\b"
    rf"(?=.*\b(?:{_MEDIUM})\b)))"
)
CALL_TO_ACTION_WORDS = 30  # a longer sentence is not a stock line


def is_call_to_action(sentence: str) -> bool:
    """A call to action of a podcast or a site ("Listen on your favourite podcast app.",
    "Subscribe to our newsletter.", "Follow us on X."): a stock line, never news."""
    text = sentence.strip().lower()
    if not text or len(text.split()) > CALL_TO_ACTION_WORDS:
        return False
    return bool(_CALL_TO_ACTION.match(text))


def _matches(text: str, start: re.Pattern[str], anywhere: re.Pattern[str]) -> bool:
    lower = text.lower()
    return bool(start.match(lower) or anywhere.search(lower))


# Bylines: "By John Smith, CNN", "By Associated Press", "Von Anna Müller und Jan Berg".
_NAME = r"(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le|al|bin)"
_BYLINE = re.compile(
    r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|[Ww]ritten by|[Ww]ords by|[Ss]tory by)\s+"
    rf"{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|&|und|et|y|e|\||-|—|–)\s*{_NAME}(?:\s+{_NAME}){{0,4}})*"
    r"\s*[.,]?$"
)
# A caption label: "Jailed: Jane Smith leaves court", "Pictured: the house".
_LABEL = re.compile(r"^[^\W\d_][\w'’-]*:\s")
LABEL_WORDS = 25
_TERMINAL = re.compile(r"[.!?…。！？؟।»”\"')\]]\s*$")
# A dateline at the start of a story: "WASHINGTON (Reuters) -", "(CNN)", "LONDON, England (CNN) --",
# "Washington (CNN)President ...", "CLEVELAND, Ohio –". A place in title case counts only when a dash
# or no space follows the agency: "The United Nations (UN) Security Council" keeps its name.
_AGENCY = r"\((?:[A-Z][A-Za-z.&]*(?:\s[A-Z][A-Za-z.&]*){0,2})\)"
_CAPS_PLACE = (
    r"[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,2})?"
)
_PLACE_WORDS = r"[A-Z][a-z.'’-]+(?:\s[A-Z][a-z.'’-]+){0,2}"
_TITLE_PLACE = rf"{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?"
_DASH = r"\s*(?:--|—|–|-|:)\s*"
_DASHES = ("-", "—", "–", ":")
# A site's name before a dash: "PanARMENIAN.Net - ", "Reuters.com – ".
_SITE = r"[A-Za-z][\w-]*\.(?i:com|net|org|info|news|de|at|ch|fr|es|it|pl|uk|co|ru|in|am|ua)"
# A date before a dash: "06.11.23 - ", "27.1.2022 – ", "2022-01-23 — ".
_NUMERIC_DATE = r"(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
_DATELINE = re.compile(
    rf"^(?:{_CAPS_PLACE}\s*)?{_AGENCY}\.?(?:{_DASH}|\s*)"
    rf"|^{_TITLE_PLACE}\s*{_AGENCY}(?:{_DASH}|(?=\S))"
    rf"|^{_CAPS_PLACE}\s*(?:--|—|–)\s*"
    rf"|^{_NUMERIC_DATE}\s*(?:--|—|–|-)\s*"
    rf"|^{_SITE}\s+(?:--|—|–|-)\s+"
    # "Washington, DC, United States: ": a place of two or three parts and a colon
    rf"|^{_PLACE_WORDS}(?:,\s*(?:{_PLACE_WORDS}|[A-Z]{{2}})){{1,2}}:\s+"
)

MIN_WORDS = 5

# List markers a page leaves before an item: "• ", "* ", "- ", "–", "—", "----", "▪", "►" ...
_MARKER = re.compile(
    r"^(?:(?:[•·▪▫◦‣●○■□►▸▹➢➤→✓✔*]|-+|[–—―]+)\s*)+(?=[^\W\d_]|[\"'“‘«„(¿¡])"
    r"|^[•·▪▫◦‣●○■□►▸▹➢➤→✓✔]\s+(?=\d)"  # "• 2½ cups of rice", not "-5 degrees"
)
# The label of a box ("Summary", "Key points", "Das Wichtigste in Kürze") glued to its first
# sentence: "Summary Studies show that ..." / "Key points: The ...".
_BOX_LABEL = re.compile(
    r"^(?i:summary|key (?:points|takeaways|facts)|takeaways?|highlights|(?:the )?bottom line|"
    r"in brief|at a glance|tl;?dr|zusammenfassung|fazit|das wichtigste in kürze|auf einen blick|"
    r"résumé|en bref|l'essentiel|resumen|en resumen|riassunto|in breve)"
    r"(?:\s*[:|–—-]\s*|\s+(?=[A-ZÀ-ÖØ-Þ\"“„«]))"
)


def strip_dateline(sentence: str, loud: bool = False) -> str:
    """A sentence without a leading "CITY (Agency) -" dateline (unchanged when there is none).

    ``loud``: the story is written in capitals, where any words look like a place in capitals:
    a dateline then needs its agency, and a dash after it ("WASHINGTON (AP) —") or the text glued
    to it ("WASHINGTON (CNN)PRESIDENT ...") unless it is the agency alone ("(AP) ...").
    """
    match = _DATELINE.match(sentence)
    if not match or match.end() >= len(sentence) - 1:
        return sentence
    found = match.group(0)
    if loud and "(" not in found:
        return sentence  # "THE VICTIMS -- TWO COUPLES ...": an aside, not a place
    if loud and found[:1] != "(" and found[-1:].isspace() and not found.rstrip().endswith(_DASHES):
        return sentence  # "VALE DO RIO DOCE (CVRD) THIS WEEK ..." is the subject, not a place
    rest = sentence[match.end() :].lstrip()
    return rest if rest and (rest[0].isupper() or rest[0] in "\"'“‘") else sentence


# Reference marks of encyclopaedias and wikis left in copied text: footnote numbers ("[12]",
# "[3, 4]", "[note 2]", "[a]"), inline requests ("[citation needed]", "[who?]", "[Quelle?]",
# "[réf. nécessaire]", "[cita requerida]", "[¿cuándo?]", "[potrzebny przypis]") and section
# "[edit]" links. Editorial brackets that belong to a quotation ("[sic]", "[the minister]",
# "[...]") stay.
_CITATION = re.compile(
    r"\[(?:"
    r"\d{1,3}(?:\s*[,–-]\s*\d{1,3})*"  # [12], [3, 4], [5–7] (not a year: "[1998] EWCA")
    r"|(?i:note|nb|n|fn|anm\.?|nota|uwaga|pozn\.?)\s*\d{1,3}"  # [note 2], [Anm. 1]
    r"|[^\[\]\n]{0,40}?\b(?i:needed|required|nécessaire|souhaitée|requerida|necesaria|"
    r"necessaria|fehlt|fehlen|erforderlich|przypis|discuss|verification|dead link|"
    r"senza fonte|sin fuentes|sans source)"  # [citation needed], [dubious – discuss]
    r"|[¿]?[^\[\]\n?]{1,25}\s?\?"  # [who?], [Quand ?], [¿quién?], [Quelle?]
    r"|(?i:edit|edit source|bearbeiten|quelltext bearbeiten|modifier|modifier le code|editar|"
    r"editar código-fonte|modifica|modifica wikitesto|edytuj|edytuj kod|redigera)"
    # "word[a]": a note's letter glued to its word ("a [b]" may be anything, and a quotation's
    # "give[s]" or "use[d]" is the writer's edit)
    r"|(?<=[^\s\[]\[)[a-c](?=\](?![^\W\d_]))"
    r")\]"
)
_CUT = "\x00"  # stands where a mark was (clean text has no control characters)
_BEFORE_CUT = re.compile(r"[ \t]*\x00")


def strip_citations(text: str) -> str:
    """Text without wiki-style reference marks ("[12]", "[citation needed]", "[edit]"), which
    also hide the end of a sentence from the splitter ("long.[1] It flows ...")."""
    if "[" not in text:
        return text
    marked = _CITATION.sub(_CUT, text.replace(_CUT, ""))
    return _BEFORE_CUT.sub("", marked) if _CUT in marked else marked


# A web address after the sentence it belongs to: "..., Oct. 5–7, in Gladstone, NJ; www.usef.org."
_TRAILING_ADDRESS = re.compile(r"\s*[;,]\s*(?:https?://|www\.)[^\s;,]+?(?P<end>[.!?])?\s*$")


def strip_marker(sentence: str) -> str:
    """A sentence without a leading list marker or box label, or a web address after its last
    word (unchanged when there is none)."""
    text = _TRAILING_ADDRESS.sub(lambda m: m.group("end") or ".", sentence, count=1)
    text = _MARKER.sub("", text, count=1)
    rest = _BOX_LABEL.sub("", text, count=1)
    if rest != text and len(rest.split()) >= MIN_WORDS:
        text = rest
    return text


def is_furniture(line: str) -> bool:
    """A byline, credit, caption label, "Advertisement", "Read more" ...: page furniture, whatever
    its length (``is_scrap`` also drops fragments)."""
    text = line.strip()
    return bool(_matches(text, _SCRAP_START, _SCRAP_ANY) or _BYLINE.match(text))


def is_credit(sentence: str) -> bool:
    """A photo credit ("Photo: ...", "(AP Photo/...)", "Getty Images"): its line is a caption."""
    return _matches(sentence, _CREDIT_START, _CREDIT_ANY)


def is_scrap(
    sentence: str, strict: bool = True, words: list[str] | None = None, loud: bool = False
) -> bool:
    """A byline, credit, caption, "Last updated", "Read more", a fragment: never a summary sentence.

    ``strict=False`` keeps short fragments and captions (for stories that have nothing else);
    ``words`` are the sentence's words when the caller has them already; ``loud``: the story is
    written in capitals, so capitals do not make a line a label or a caption.
    """
    text = sentence.strip()
    if not text:
        return True
    if words is None:
        words = split_words(text)
    if not words:
        return True
    letters = sum(map(len, words))  # letters in words (pairs of CJK characters count twice)
    if letters < 0.5 * (len(text) - text.count(" ")):
        return True
    if _matches(text, _SCRAP_START, _SCRAP_ANY) or _BYLINE.match(text):
        return True
    if is_call_to_action(text):
        return True
    if not strict:
        return False
    cjk = len(words) > 1 and all(len(w) == 2 and not w.isascii() for w in words[:3])
    if not cjk and len(words) < MIN_WORDS:
        return True
    if cjk and len(text) < 8:
        return True
    if _LABEL.match(text) and len(words) < LABEL_WORDS:
        return True
    # A caption or label: a line without end punctuation that does not read like a sentence.
    if not _TERMINAL.search(text) and (len(words) < 12 or (not loud and _title_case(words))):
        return True
    # SHOUTING lines are labels, not sentences (unless the whole story shouts).
    return not loud and letters > 20 and sum(map(str.isupper, text)) > SHOUT_SHARE * letters


# A headline written in title case ("Post Malone, Ariana Grande & Billie Eilish Lead 2019 American
# Music Awards Nominations: See Full List"): nearly every longer word capitalised.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_WORDS = 4


def _title_case(words: list[str]) -> bool:
    longer = [w for w in words if len(w) > 3]
    if len(longer) < TITLE_CASE_WORDS:
        return False
    return sum(w[0].isupper() for w in longer) >= TITLE_CASE_SHARE * len(longer)


def normalized_words(text: str) -> list[str]:
    return [w.lower() for w in split_words(text)]


def is_headline(sentence: str, title: str | None) -> bool:
    """Whether a sentence repeats the headline (exactly, as its start, or nearly word for word)."""
    if not title:
        return False
    return repeats_headline(normalized_words(sentence), normalized_words(title))


def repeats_headline(words: list[str], head: list[str]) -> bool:
    """``is_headline`` on lower-case words."""
    if not head or not words:
        return False
    if words == head or (words[: len(head)] == head and len(words) <= len(head) + 3):
        return True
    shared = len(set(words) & set(head))
    return shared >= 0.8 * len(set(head)) and len(set(words)) <= 1.3 * len(set(head)) + 1


# Units a summary shows only when nothing better is left: table rows, stat lines, production and
# sponsorship credits, fragments cut from the middle of a sentence.
TABLE_CELLS = 2  # "DL | Larry Ogunjobi | 63 | 85% | 1 tackle": cells separated by " | "
# "Heritage (1-0): Armani Sheffield 19 points", "Top Scorers: Smith 12, Jones 45": a short name
# (a team's record after it), a colon, then figures.
_STAT_LABEL = re.compile(r"^[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,4}( \([\d\s–-]+\))?:\s")
STAT_LABEL_FIGURES = 2
STAT_LABEL_WORDS = 25
STAT_FIGURES = 4  # a line of at least this many figures, ...
STAT_SHARE = 0.4  # ... that are this share of its tokens, is a stat line
# Or any short label, a colon or a dash: "Men's singles, second round: Nadal (Spain) bt Federer
# (Switzerland) 6-7 (6-8) 6-2 6-3.", "Leading scorers — Smith 24, Jones 18, Brown 12." After
# either label a stat line has names and figures, and few longer words in lower case: prose has
# many ("The new rules: fines of up to 500 euros from 2025 for drivers who use phones.").
_RESULT_LABEL = re.compile(
    r"^[^\W\d_][\w'’.&-]*,?(?: [\w'’.&-]+,?){0,4}( \([\d\s–-]+\))?(?::| [—–-]{1,2})\s"
)
# A longer word (in lower case: see _prose_words) that is not the unit of a figure ("41 aces").
_PROSE_WORD = re.compile(r"(?<![\w'’-])(?<!\d )[^\W\d_][\w'’-]{3,}")


def _prose_words(text: str) -> int:
    return sum(1 for word in _PROSE_WORD.findall(text) if word[0].islower())


_CREDIT_LINE = re.compile(
    r"\b(?:is|are) (?:(?:also |proudly )?(?:sponsored|underwritten) by|"
    r"made possible by|brought to you by)\b"
    r"|\bbrought to you by\b"
)
_CREDIT_KEYS = (
    "by",
    "produced",
    "recorded",
    "edited",
    "mixed",
    "hosted",
    "presented",
    "engineered",
)
_MEDIA = re.compile(
    r"\b(?:podcast|episode|show|programme|program|series|newsletter|broadcast|radio|edition)s?\b"
)
_PRODUCED = re.compile(
    r"\b(?:is|are|was|were) (?:produced|recorded|edited|mixed|hosted|presented|engineered)"
    r"(?: (?:weekly|daily|monthly|fortnightly|every\b|by\b|with\b|for\b|in\b|and\b))"
)


_FIGURE = re.compile(r"(?<!\S)(?=\S*\d)\S+")


_DIGIT = re.compile(r"\d")


def _figures(text: str) -> int:
    """Tokens with a digit in them."""
    return len(_FIGURE.findall(text))


def is_poor(sentence: str) -> bool:
    """A table row, a stat line, a production or sponsorship credit, a sentence announcing what
    follows it (ending with a colon), or a fragment that starts in the middle of a sentence: a
    poor summary sentence (not a scrap: a story may have nothing
    better)."""
    text = sentence.strip()
    if not text:
        return True
    if text.endswith((":", "：")):
        return True  # it announces what follows: "The Latest on the stabbing (all times local):"
    if _code_like(text) or is_stat(text):
        return True
    lower = text.lower()
    if any(key in lower for key in _CREDIT_KEYS) and (
        _CREDIT_LINE.search(lower) or (_PRODUCED.search(lower) and _MEDIA.search(lower))
    ):
        return True
    return starts_mid_sentence(text)


def is_stat(sentence: str) -> bool:
    """A table row or a stat line: "Heritage (1-0): Armani Sheffield 19 points and 3 steals.",
    "DL | Larry Ogunjobi | 63 | 85% | 1 tackle", "Men's singles: Nadal bt Federer 6-7 6-2 6-3."."""
    text = sentence.strip()
    if text.count(" | ") >= TABLE_CELLS or text.startswith("|"):
        return True
    figures = _figures(text) if _DIGIT.search(text) else 0
    if figures < STAT_LABEL_FIGURES:
        return False
    tokens = len(text.split())
    if figures >= STAT_FIGURES and figures >= STAT_SHARE * tokens:
        return True
    label = _STAT_LABEL.match(text) or _RESULT_LABEL.match(text)
    if label and tokens <= STAT_LABEL_WORDS:
        rest = text[label.end() :]
        after = _figures(rest)  # a record in the label counts as one
        least = 1 if label.group(1) else STAT_LABEL_FIGURES
        # Names and figures, with their units ("19 points, 4 steals"), not prose: "Update:
        # Police said 12 people were hurt and 3 were taken to hospital.", "Steve McCurry -
        # Oltre lo Sguardo runs until April 6, 2015 at ...".
        if after >= least and _prose_words(rest) < after:
            return True
    return False


STAT_TAIL_WORDS = 12


def stat_tail(sentence: str) -> bool:
    """Names and a figure or two without a label ("Aden O'Hara 2 goals, 2 assists.", "Jaden
    Siemans 7 saves."): a stat line's next entry, when it follows one in the same paragraph."""
    text = sentence.strip()
    figures = _figures(text) if _DIGIT.search(text) else 0
    return figures > 0 and len(text.split()) <= STAT_TAIL_WORDS and _prose_words(text) <= figures


# A question's closing mark, before any closing quotation marks or brackets: "?", Arabic "؟",
# full-width "？" and, in Greek, ";" (or its own sign U+037E).
_QUESTION_END = re.compile(r"[?؟？][\"'”’»)\]]*$")
_GREEK_QUESTION_END = re.compile(r"[;\u037e][\"'”’»)\]]*$")


def asks(sentence: str, language: str = "english") -> bool:
    """Whether the sentence is a question: an interviewer's question, a rhetorical opening ("Could
    a blood test tell ...?"), a quoted one. A summary states what a story says, so questions are
    poor summary sentences (shown only when the story has too few others)."""
    text = sentence.strip()
    if _QUESTION_END.search(text):
        return True
    return language == "greek" and bool(_GREEK_QUESTION_END.search(text))


# Code, config files and shell lines in a story ("cert = /etc/stunnel/cert.pem client = no
# pid = /var/run/stunnel.pid #debug = 7"): tokens with these marks, or a lone "=".
_CODE_TOKEN = re.compile(r"[=/\\{}<>#$`|~]|\w[.(]\w*\)|^[\[\]()]+$|\w_\w|^--?\w")
CODE_TOKENS = 3
CODE_SHARE = 0.25


def _code_like(text: str) -> bool:
    """A line of code or configuration rather than prose (numbers, dates and prices aside)."""
    tokens = text.split()
    code = sum(1 for t in tokens if _CODE_TOKEN.search(t) and not _DATE_OR_RATIO.match(t))
    return code >= CODE_TOKENS and code >= CODE_SHARE * len(tokens)


_DATE_OR_RATIO = re.compile(r"^[(\[]?[\d.,%$€£]+(?:/[\d.,%]+)+[)\].,;:]?$")


def starts_mid_sentence(text: str) -> bool:
    """Text that opens with a closing quotation mark or a lower-case word ("said the minister.")."""
    if text[:1] in "”»":
        return True
    start = _FIRST_WORD.search(text)
    if start is None or start.start() > 2:
        return False
    word = start.group(0)
    # "iPhone" and "eBay" are fine; "said the minister" is not.
    return word[0].islower() and word[1:] == word[1:].lower()


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def ends_quotation(text: str) -> bool:
    """Text that closes a quotation it never opened: the end of a quotation begun in the sentence
    before ('The lower stance gives it a sexy new look," said Kershaw.')."""
    for close, opener in (("”", "“"), ("»", "«")):
        at = text.find(close)
        if at > 0 and opener not in text[:at]:
            return True
    if text.count('"') % 2 == 1:
        at = text.find('"')
        # The only straight quote closes a quotation: 'new look," said' / 'new look."' /
        # 'riscos", aponta'.
        closing = text[at - 1 : at] in (",", ".", "!", "?", "…") or text[at + 1 : at + 2] == ","
        if at > 0 and closing and (at + 1 == len(text) or text[at + 1] in " ,"):
            return True
    return False


# Words that lean on the sentence before. Pronouns ("They are convincing when they call.", "Es
# bezeichnet ...", "A él se sumará ...") need what they refer to earlier in the summary;
# connectives ("And the band will do it with ...", "Denn man sucht ...", "Mais ...", "It is for
# that reason that ...") need the very sentence before them.
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split()) for phrase in text.split(",") if phrase.strip())


_PRONOUNS = {
    "english": _word_set("he she it they him her his its their theirs them we us our"),
    "german": _word_set(
        """er sie es ihm ihn ihr ihnen sein seine seinen seinem seiner ihre ihren ihrem dies
        dort"""
    ),
    "french": _word_set("il elle ils elles lui leur leurs son sa ses cela ceci ça"),
    "spanish": _word_set("él ella ellos ellas ello su sus esto eso"),
    "portuguese": _word_set("ele ela eles elas seu sua seus suas isso isto dele dela deles delas"),
    "italian": _word_set("lui lei loro suo sua suoi sue ciò"),
    "polish": _word_set("on ona ono oni one jego jej ich"),
}
# "Es gibt ...", "Es geht um ...", "Il y a ...", "Il faut ...": no one is referred to.
_IMPERSONAL = {
    "german": _word_set("gibt gab geht ging heißt hieß kommt kam bleibt fehlt regnet"),
    "french": _word_set("y faut fallait s'agit semble"),
}
# A preposition before a pronoun: "A él se sumará ...", "Con ellos ...", "Avec lui ...".
_BEFORE_PRONOUN = {
    "spanish": _word_set("a con para de por según sin ante contra tras sobre entre hacia"),
    "portuguese": _word_set("a com para por sem sobre contra entre"),
    "french": _word_set("à avec pour par sans selon contre chez"),
    "italian": _word_set("a con per da di su senza secondo tra fra"),
    "german": _word_set("mit für von zu bei nach gegen ohne"),
    "polish": _word_set("z ze dla od do przez bez według"),
}
_CONNECTIVES = {
    "english": _word_set(
        """and but or nor yet so also however still instead besides moreover furthermore
        meanwhile nevertheless nonetheless thus therefore hence consequently likewise similarly
        otherwise"""
    ),
    "german": _word_set(
        """und aber doch denn oder sondern auch zudem außerdem deshalb deswegen daher darum
        trotzdem dennoch jedoch allerdings dabei damit dazu dafür davon dann danach stattdessen
        ebenso ferner somit folglich"""
    ),
    "french": _word_set(
        """et mais ou donc car pourtant cependant toutefois aussi ensuite puis alors néanmoins
        ainsi or"""
    ),
    "spanish": _word_set("y pero o también además entonces luego aunque asimismo así"),
    "portuguese": _word_set("e mas ou também além então porém contudo entretanto todavia assim"),
    "italian": _word_set("e ma o anche inoltre però quindi tuttavia invece infatti dunque perciò"),
    "polish": _word_set(
        "ale i a lub także również jednak więc zatem ponadto dlatego natomiast oraz"
    ),
}
_CONNECTIVE_PHRASES = {
    "english": _phrases(
        """as a result, in addition, by contrast, in contrast, on the other hand, even so,
        for that reason, for this reason, that is why, this is why, that's why, it is for that
        reason, it was for that reason, in turn, on top of that"""
    ),
    "german": _phrases("vor allem deshalb, aus diesem grund, im gegenteil"),
    "french": _phrases("de plus, en outre, par ailleurs, en revanche, c'est pourquoi, pour autant"),
    "spanish": _phrases(
        """sin embargo, no obstante, por eso, por ello, por lo tanto, en cambio, de hecho,
        es más, por su parte, por otro lado, por otra parte"""
    ),
    "portuguese": _phrases(
        "no entanto, por isso, além disso, de fato, por outro lado, ainda assim, por sua vez"
    ),
    "italian": _phrases("per questo, di conseguenza, d'altra parte, in realtà"),
    "polish": _phrases("poza tym, z kolei, w związku z tym, mimo to"),
}
# Openings that begin with a connective's word but go on from nothing: "So far ...", "Así como ...".
_NOT_CONNECTIVES = {
    "english": _phrases("so far, so much, so many, so long as, still more"),
    "spanish": _phrases("así como, así que, y es que"),
}
# Sentences that announce what follows them ("Oto kraje, w których ...", "Here are the ...",
# "Voici les ..."): without it they say nothing.
_ANNOUNCERS = {
    "english": _phrases("here are, here's, here is, the following, below are, these are the"),
    "german": _phrases("hier sind, hier ist, hier die, folgende, das sind die, dies sind die"),
    "french": _phrases("voici, voilà les, ci-dessous"),
    "spanish": _phrases("estos son, estas son, he aquí, a continuación, aquí están"),
    "portuguese": _phrases("confira, eis, estes são, estas são, veja a lista, veja os, veja as"),
    "italian": _phrases("ecco, questi sono, queste sono, di seguito"),
    "polish": _phrases("oto, poniżej, to są"),
}
# "This is ..." leans back; "This week ..." does not.
_DEMONSTRATIVE = {
    "english": _word_set("this that these those such"),
    "german": _word_set("das dies diese dieser dieses"),
    "polish": _word_set("to"),
}
_AUXILIARY = {
    "english": _word_set(
        """is was are were has had have will would could can may might must should does did do
        means meant shows showed comes came"""
    ),
    "german": _word_set(
        """ist war sind waren hat hatte haben wird wurde würde kann könnte muss zeigt zeigte
        bedeutet heißt"""
    ),
    "polish": _word_set("jest był była było są byli będzie oznacza pokazuje"),
}


# The opening words of a sentence that starts with a letter (not a quotation); It's -> It.
_OPENING_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
OPENING_WORDS = 6
_CONTRACTION = re.compile(r"'(?:s|re|ll|d|ve|m)$")


def _opening(sentence: str) -> list[str]:
    """The first words of a sentence, as written ([] when it opens with no letter)."""
    text = sentence.lstrip()
    if not text[:1].isalpha():
        return []
    words: list[str] = []
    for token in text.split()[:OPENING_WORDS]:
        match = _OPENING_WORD.match(token.lstrip("¿¡(\"“„«'‘"))
        if match is None:
            break
        word = match.group(0).replace("’", "'")
        if token.lstrip("¿¡(\"“„«'‘")[len(word) : len(word) + 1] == "-":
            words.append(token)  # "So-called": one word, not "So"
            break
        words.append(word)
        if token.rstrip("\"”»'’)").endswith((",", ";", ":", ".", "!", "?")):
            break  # "Sin, ..." / "It-": the opening phrase ends here
    return words


def _starts(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    lower = [w.lower() for w in words]
    return any(tuple(lower[: len(p)]) == p for p in phrases)


def links_back(sentence: str, language: str = "english") -> bool:
    """Whether the sentence opens with a connective ("And ...", "However, ...", "Sin embargo,
    ...", "It is for that reason that ...") that needs the sentence right before it."""
    words = _opening(sentence)
    if not words or words[0][1:] != words[0][1:].lower():
        return False  # "US", "IT": not words of a sentence's flow
    if _starts(words, _NOT_CONNECTIVES.get(language, ())):
        return False
    if words[0].lower() in _CONNECTIVES.get(language, frozenset()):
        return not (
            language == "spanish"
            and words[0].lower() == "así"
            and len(words) > 1
            and words[1].lower() in ("como", "que")
        )
    return _starts(words, _CONNECTIVE_PHRASES.get(language, ()))


def announces(sentence: str, language: str = "english") -> bool:
    """Whether the sentence announces what follows it ("Here are the countries where ...",
    "Oto kraje, w których ...", "Voici les ...")."""
    words = _opening(sentence)
    return bool(words) and _starts(words, _ANNOUNCERS.get(language, ()))


def leans_back(sentence: str, language: str = "english") -> bool:
    """Whether the sentence opens with a pronoun or connective that refers to what came before
    (in the languages with a list of such words)."""
    if language not in _PRONOUNS:
        return False
    words = _opening(sentence)
    if not words:
        return False
    word = _CONTRACTION.sub("", words[0])  # It's -> It
    if word[1:] != word[1:].lower():
        return False  # "US", "IT": not pronouns
    first = word.lower()
    second = words[1].lower() if len(words) > 1 else None
    if links_back(sentence, language):
        return True
    if first in _PRONOUNS[language]:
        return second is None or second not in _IMPERSONAL.get(language, frozenset())
    if first in _BEFORE_PRONOUN.get(language, frozenset()) and second is not None:
        return second in _PRONOUNS[language] and second not in ("su", "sus", "sua", "suas")
    demonstratives = _DEMONSTRATIVE.get(language, frozenset())
    auxiliaries = _AUXILIARY.get(language, frozenset())
    return first in demonstratives and second is not None and second in auxiliaries


# --------------------------------------------------------------------- a summary that is the story

# A story of fewer words than this is read at a glance, and a summary of more than this share of
# a story's words is most of it: either is no summary to read first (the reader says so and shows
# the story).
SHORT_WORDS = 150
MOST_SHARE = 0.4


def is_most(said: int, words: int) -> bool:
    """Whether a summary of ``said`` words is (nearly) a story of ``words`` words: the story is
    short, or the summary is more than MOST_SHARE of it. (Counts of ``split_words``.)"""
    return words < SHORT_WORDS or said > MOST_SHARE * words


# --------------------------------------------------------------------------- a summary that opens

LEAD_GAP = 3  # characters between the opening sentences a summary is made of (quotes, dashes)
# A summary is the story's opening when the story up to its last sentence is mostly the summary:
# at most this many story sentences for each of the summary's ("the first sentence of each of
# the first three paragraphs", "the standfirst, then the lead's second and third sentences").
OPENING_SPREAD = 2


def opening_reach(sentences: Sequence[str], text: str, language: str = "english") -> int | None:
    """How many of the story's sentences go up to the last of ``sentences`` (a summary's), not
    counting what a summary leaves out of a story's start (a dateline glued to its first
    sentence, "MADRID (AP) — ", or lines that are never a summary sentence, a byline, a label, a
    caption); None when they are not all in the story in order (or there are none). A summary
    reaching at most OPENING_SPREAD x len(sentences) is the story's opening: read right above
    it, it says again what the reader is about to read."""
    body, at, reach = squeezed(text), 0, 0
    for sentence in sentences:
        wanted = squeezed(sentence)
        found = body.find(wanted, at) if wanted else -1
        if found < 0:
            return None
        gap = body[at:found].strip()
        if len(gap) > LEAD_GAP and not (at == 0 and _left_out(gap, wanted, language)):
            parts = split_sentences(gap, language or "english")
            reach += sum(1 for part in parts if not is_scrap(part))
        reach += 1
        at = found + len(wanted)
    return reach if sentences else None


def _left_out(gap: str, first: str, language: str) -> bool:
    """Whether ``gap``, all a story says before ``first``, is what a summary leaves out."""
    if strip_dateline(f"{gap} {first}") == first:
        return True
    return all(is_scrap(part) for part in split_sentences(gap, language or "english"))
