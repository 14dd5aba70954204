"""Folding people's words onto the content's words before the classifier (bot/nlu/retrieval.py).

A message is lower-cased, stripped of accents and punctuation, and gets the plain term added beside each
lay word ("the drip" -> "+ infusion", content/vocabulary.yml `lay_terms`) and the canonical drug and class
beside each drug name, misspellings included ("denosumub" -> "+ denosumab"): one training example then
teaches every way of saying it, and a misspelling nobody listed still names its drug.

Fuzzy matching (rapidfuzz) only looks at words of 5+ letters that are not English words of the content, so
"bones" never becomes Bonefos; names of unrelated medicines (zolpidem, Xarelto) score far below the cut-off.
A short name's one-letter slip scores below the cut-off ("xjeva"/"xgeva" 80, "aridia"/"aredia" 83), so a word
one edit from a name (a letter changed, added, dropped or two swapped) names it too, unless it is a real word
(content/vocabulary.yml `words_like_drug_names`: "propia", "recast").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict, Iterable, List, Optional, Tuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot import content as content_module
from bot.content.vocabulary import load as load_vocabulary

FUZZY_MIN_LETTERS = 5
FUZZY_CUTOFF = 85  # rapidfuzz ratio, 0-100: "zolidronic"/"zoledronic" 90, "prozac"/"prolia" 67
# A word and a drug name both this long may be two edits apart ("denusomab", "alendornate"): no English or Spanish
# word of spaCy's lookup dictionaries that long is (tests/test_lexicon.py checks); shorter ones, one edit.
TWO_EDITS_MIN_LETTERS = 9
LAY_MIN_LETTERS = 8  # lay words this long are matched fuzzily too ("anastrazol"/"anastrozole" 95)
LAY_CUTOFF = 90
_NOT_WORD = re.compile(r"[^a-z0-9%]+")


def max_edits(word: str, name: str) -> int:
    """How many letters (changed, added, dropped or two swapped) a word may be from a drug name and still name it."""
    return 2 if min(len(word), len(name)) >= TWO_EDITS_MIN_LETTERS else 1


def fold(text: str) -> str:
    """Lower case, no accents, letters, digits and % only, single spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _alternation(phrases: Iterable[str]) -> re.Pattern:
    folded = sorted({fold(p) for p in phrases if fold(p)}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in folded) + r")\b")


class Lexicon:
    def __init__(
        self,
        lay_terms: Dict[str, Tuple[str, ...]],
        drug_names: Dict[str, Tuple[str, ...]],
        real_words: Iterable[str] = (),
    ) -> None:
        """`lay_terms`: plain term -> its words; `drug_names`: surface form -> (drug id, class id or '');
        `real_words`: words one edit from a name that are not misspellings of it."""
        self._real_words = frozenset(fold(w) for w in real_words)
        self._lay = [(term, _alternation(words)) for term, words in lay_terms.items()]
        self._names = {fold(name): ids for name, ids in drug_names.items() if fold(name)}
        self._name_pattern = _alternation(self._names)
        self._ids = {ids[0]: ids for ids in self._names.values()}
        self._fuzzy_names = [name for name in self._names if " " not in name and len(name) >= FUZZY_MIN_LETTERS]
        self._plain_words = set()
        for term, words in lay_terms.items():
            self._plain_words.update(fold(w) for w in (term, *words))
        # Long one-word lay words and the term each means: "anastrazol" is anastrozole misspelt.
        self._long_lay = {
            fold(w): term
            for term, words in lay_terms.items()
            for w in words
            if " " not in w and len(w) >= LAY_MIN_LETTERS
        }
        self._long_lay_words = tuple(self._long_lay)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Lexicon":
        content = content_module.load()
        names: Dict[str, Tuple[str, ...]] = {}
        for drug in content.drugs.values():
            ids = tuple(i for i in (drug.id, getattr(drug, "drug_class", None) or "") if i)
            for name in (drug.id.replace("_", " "), *drug.names):
                names[name] = ids
        vocabulary = load_vocabulary()
        return cls(vocabulary.lay_terms, names, vocabulary.words_like_drug_names)

    def fuzzy_drug(self, word: str) -> Optional[str]:
        """The drug name a misspelt word is closest to, or None."""
        if (
            len(word) < FUZZY_MIN_LETTERS
            or word in self._names
            or word in self._plain_words
            or word in self._real_words
        ):
            return None
        match = process.extractOne(word, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if match is None:
            match = process.extractOne(word, self._fuzzy_names, scorer=OSA.distance, score_cutoff=1)
        if match is None and len(word) >= TWO_EDITS_MIN_LETTERS:
            long_names = [name for name in self._fuzzy_names if max_edits(word, name) == 2]
            match = process.extractOne(word, long_names, scorer=OSA.distance, score_cutoff=2)
        return match[0] if match else None

    def drugs(self, text: str) -> List[Tuple[str, str]]:
        """(word as written, canonical drug id) for every drug name in the text, misspellings included."""
        folded = fold(text)
        found = [(m.group(0), self._names[m.group(0)][0]) for m in self._name_pattern.finditer(folded)]
        for word in set(folded.split()) - {w for w, _ in found}:
            name = self.fuzzy_drug(word)
            if name:
                found.append((word, self._names[name][0]))
        return found

    def misspelt_lay_terms(self, folded: str) -> List[str]:
        """The plain terms of long lay words written with a letter or two wrong ("anastrazol", "osteonecrossis")."""
        terms = []
        for word in set(folded.split()):
            if len(word) >= LAY_MIN_LETTERS and word not in self._plain_words and word not in self._names:
                match = process.extractOne(word, self._long_lay_words, scorer=fuzz.ratio, score_cutoff=LAY_CUTOFF)
                if match:
                    terms.append(self._long_lay[match[0]])
        return terms

    def normalise(self, text: str) -> str:
        folded = fold(text)
        added = [term for term, pattern in self._lay if pattern.search(folded)]
        added += [term for term in self.misspelt_lay_terms(folded) if term not in added]
        for _, drug_id in self.drugs(folded):
            added.extend(self._ids[drug_id])
        return folded + (" " + " ".join(added) if added else "")


_VOCABULARY = load_vocabulary()
MEDICINE_ENDING = re.compile(
    "(" + "|".join(re.escape(fold(s)) for s in sorted(_VOCABULARY.medicine_suffixes, key=len, reverse=True)) + ")$"
)


@functools.lru_cache(maxsize=2)
def _long_words(known: frozenset) -> Tuple[str, ...]:
    return tuple(sorted(w for w in known if len(w) >= 6))


def unknown_medicines(text: str, known: frozenset) -> List[str]:
    """Words shaped like a medicine's name (content/vocabulary.yml `medicine_suffixes`), or common medicines'
    names (`other_medicines`: "warfarin"), that the curated content never mentions: "zolpidem", "omeprazol". A
    misspelling of a word it does mention ("anastrazol" for anastrozole) is not another medicine (bot/nlu/components.py
    DrugRouting gives such a message no curated answer)."""
    return [
        w
        for w in fold(text).split()
        if w not in known
        and (
            w in _VOCABULARY.other_medicines
            or (
                len(w) >= 6
                and MEDICINE_ENDING.search(w)
                and not process.extractOne(w, _long_words(known), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            )
        )
    ]


BREAST = re.compile(r"\b(breast|mama|seno)")


def about_another_cancer(text: str) -> bool:
    """ "Lung cancer treatment options", "what is osteosarcoma": another cancer named, breast cancer not."""
    folded = fold(text)
    return bool(_VOCABULARY.other_cancers.search(folded)) and not BREAST.search(folded)
