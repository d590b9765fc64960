"""The facts of a story that several stories share: a sentence that states one of another
story's facts again, in other words ("Iceland's Reykjanes peninsula saw its eighth eruption in a
year" under "It is the eighth eruption on the peninsula since December 2023"), and how many
stories carry what a sentence adds to a first story (the summary across a group of stories)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .languages import stemmer_for, stop_words
from .tokenizer import split_words

# Figures as written: "3,800", "7.1", "8th", "$90", "2023" (their digits: "3800", "7.1", "8").
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Numbers and ordinals in words (English): "eight", "eighth", "two-kilometre". ("first" and
# "second" are left out: "for the first time", "a second report" name no figure.)
_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_ORDINALS = (
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_NUMBER_WORDS = {word: str(n) for n, word in enumerate(_WORDS.split(), start=1)} | {
    word: str(n) for n, word in enumerate(_ORDINALS.split(), start=3)
}
# Counts in round words ("thousands were evacuated", "dozens were hurt"): a figure too, each its
# own ("thousands" is not "3,000"). (Only the plural: "$968 million" gives the figure 968.)
_COUNT_WORDS = {word: word for word in ("dozens", "hundreds", "thousands", "millions", "billions")}
_FIGURE_WORDS = _NUMBER_WORDS | _COUNT_WORDS
_WORD = re.compile(r"[^\W\d_]+")
# Words that report a change in what a story tells (English): people dead or hurt, an
# evacuation, a warning or an order lifted, an arrest, a resignation. Each kind is one however
# it is worded ("died", "killed", "dead"); a report giving a kind the opened story has none of
# tells what has happened since (an update's "as authorities lifted the tsunami warning").
_CHANGE_KINDS = {
    "dead": "dead death deaths die died dies killed killing fatal fatalities",
    "hurt": "hurt injured injuries injury wounded",
    "evacuated": "evacuate evacuated evacuating evacuation evacuations evacuees fled",
    "lifted": "lift lifted lifts cancelled canceled cancels withdrawn withdrew rescinded",
    "missing": "missing",
    "rescued": "rescued",
    "arrested": "arrest arrested arrests detained",
    "charged": "charged",
    "resigned": "resign resigned resigns resignation",
}
_CHANGES = {word: kind for kind, words in _CHANGE_KINDS.items() for word in words.split()}
# What is "lifted" in such a change: a bank that "lifted borrowing costs" raised them, which is
# no warning lifted.
_LIFTED = frozenset(
    {"warning", "warnings", "alert", "alerts", "ban", "bans", "order", "orders", "curfew"}
    | {"restrictions", "sanctions", "embargo", "lockdown", "blockade", "moratorium", "emergency"}
)


def figures(text: str) -> frozenset[str]:
    """The figures a sentence gives, as digits: "3,800" and "3800" are "3800", "eighth" and
    "8th" are "8"; a count in round words is one too ("thousands") (numbers in words:
    English)."""
    found = {m.group(0).replace(",", "") for m in _DIGITS.finditer(text)}
    found |= {_FIGURE_WORDS[w] for w in _WORD.findall(text.lower()) if w in _FIGURE_WORDS}
    return frozenset(found)


class Facts:
    """Sentences as their figures and content words (stems), for ``restates``."""

    def __init__(self, language: str) -> None:
        self._stem: Callable[[str], str] = stemmer_for(language)
        self._stops = stop_words(language)
        self._changes = _CHANGES if language == "english" else {}

    def words(self, text: str) -> frozenset[str]:
        """The stems of a sentence's content words (no stop words, no figures)."""
        return frozenset(
            self._stem(w.lower())
            for w in split_words(text)
            if len(w) > 1 and w.lower() not in self._stops and w.lower() not in _FIGURE_WORDS
        )

    def changes(self, text: str) -> frozenset[str]:
        """The kinds of change a sentence reports ("dead", "hurt", "lifted", ...: English;
        "lifted" only where a warning, a ban, an order ... is)."""
        words = _WORD.findall(text.lower())
        found = {self._changes[w] for w in words if w in self._changes}
        if "lifted" in found and _LIFTED.isdisjoint(words):
            found.discard("lifted")
        return frozenset(found)

    def terms(self, text: str) -> frozenset[str]:
        """A sentence's content words (``words``), its figures ("#3800") and the kinds of
        change it reports ("!lifted") (those two: ``is_mark``)."""
        return (
            self.words(text)
            | {f"#{figure}" for figure in figures(text)}
            | {f"!{kind}" for kind in self.changes(text)}
        )

    def restates(self, sentence: str, told: Sequence[str]) -> bool:
        """Whether ``sentence`` states again a fact of one of the ``told`` sentences: it gives
        one of that sentence's figures with RESTATE_WORDS of its content words ("saw its eighth
        eruption in a year" / "It is the eighth eruption on the peninsula"; "3,800 residents
        of Grindavik" / "forcing the evacuation of 3,800 residents from Grindavik"). ("Two
        people were hurt on Thursday" does not restate "Two ministers resigned on Thursday".)
        A sentence that gives a figure none of ``told`` gives, or reports a kind of change
        none of them does, states a fact of its own, whatever it repeats beside it ("Thousands
        were evacuated after the 7.1 quake", "as authorities lifted the tsunami warning" under
        a story of the 7.1 quake): never a restatement (``new_figures``, ``changes``)."""
        mine = figures(sentence)
        if not mine or new_figures(mine, [figures(other) for other in told]):
            return False
        if self.changes(sentence).difference(*(self.changes(other) for other in told)):
            return False
        stated = (mine, self.words(sentence))
        return any(
            restates(stated, (figures(other), self.words(other)))
            for other in told
            if figures(other)
        )


def is_mark(term: str) -> bool:
    """Whether a term of ``Facts.terms`` is a figure or a kind of change (not a word)."""
    return term.startswith(("#", "!"))


Stated = tuple[frozenset[str], frozenset[str]]  # a sentence's figures and content words
RESTATE_WORDS = 2  # content words a sentence shares with another, with a figure: the same fact


def new_figures(mine: frozenset[str], known: Sequence[frozenset[str]]) -> frozenset[str]:
    """The figures of ``mine`` that none of ``known`` gives: a figure no sentence told before
    gives is news (a death toll, a count of the injured or evacuated, a toll that changed)."""
    return mine.difference(*known)


def restates(sentence: Stated, other: Stated) -> bool:
    """``Facts.restates`` of a sentence and one other, read already (``figures``,
    ``Facts.words``)."""
    return bool(sentence[0] & other[0]) and len(sentence[1] & other[1]) >= RESTATE_WORDS
