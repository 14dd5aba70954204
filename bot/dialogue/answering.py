"""Which curated topic answers a turn: one pure function shared by the action server, the evaluation
and the staff lookup, so all three agree on what a person would be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, Optional

from bot.content import Content, Topic, drug_name_index, vocabulary

# Words that point back at a drug named earlier ("how often do I get it?"), and the aspect a
# question's own words ask for (it comes before the classifier's guess): content/vocabulary.yml.
REFERRING_WORDS = vocabulary.load().referring_words
ASPECT_WORDS = vocabulary.load().aspect_cues


def asked_aspects(text: str) -> list:
    return [aspect for aspect, pattern in ASPECT_WORDS if pattern.search(text or "")]


@dataclass(frozen=True)
class Choice:
    """The topic to show, or (topic None) the drug and aspect we have no checked answer for."""

    topic: Optional[Topic]
    drug: Optional[str] = None
    aspect: Optional[str] = None


def named_drug(entities: Iterable[Dict[str, Any]], content: Content) -> Optional[str]:
    """The first specific drug (or drug class) the message names, as a canonical id."""
    index = drug_name_index(content)
    for entity in entities or []:
        if entity.get("entity") == "drug":
            value = str(entity.get("value", "")).lower()
            drug = content.specific_drug(value if value in content.drugs else index.get(value))
            if drug:
                return drug
    return None


def by_asked_aspect(content: Content, drug: Optional[str], text: str) -> Optional[Choice]:
    """The curated answer about `drug` for the first aspect the question's own words ask, if any."""
    aspects = asked_aspects(text)
    topic = content.topic_for_drug(drug, aspects) if drug and aspects else None
    if topic is None:
        return None
    return Choice(topic, drug, next(a for a in aspects if a in topic.aspects))


def is_generic(topic: Topic, content: Content) -> bool:
    """True when the topic speaks of classes of drugs rather than one named drug."""
    return all(d in content.drugs and content.drugs[d].is_class for d in topic.drugs)


def choose(
    content: Content,
    predicted: Optional[Topic],
    asked_drug: Optional[str] = None,
    remembered_drug: Optional[str] = None,
    text: str = "",
) -> Choice:
    """Re-target a drug-specific answer to the drug asked about; never answer for another drug.

    The remembered drug is used when the message refers back to it ("it", "that drug") or when the
    predicted answer is only class-level ("what are the side effects?").
    """
    if predicted is None:
        return Choice(None)
    if asked_drug is None and remembered_drug and REFERRING_WORDS.search(text):
        # "How often do I get it?" after "What is Xgeva?": the question's own words name the aspect, and
        # the answer most specific to the remembered drug beats a broader one the classifier found.
        own = by_asked_aspect(content, remembered_drug, text)
        if own is not None and _narrower(own.topic, predicted, remembered_drug, asked_aspects(text)):
            return own
    if not (predicted.drugs and predicted.aspects):
        return Choice(predicted)
    drug = asked_drug
    if drug is None and remembered_drug and (is_generic(predicted, content) or REFERRING_WORDS.search(text)):
        drug = remembered_drug
    if drug and not content.covers(predicted, drug):
        specific = content.topic_for_drug(drug, asked_aspects(text) + list(predicted.aspects))
        if specific is None:
            return Choice(None, drug, predicted.aspects[0])
        predicted = specific
    return Choice(predicted, drug, predicted.aspects[0] if predicted.aspects else None)


def _narrower(candidate: Topic, predicted: Topic, drug: str, aspects: list) -> bool:
    """True when `candidate` answers the asked aspects for `drug` more specifically than `predicted`."""
    if not set(aspects) & (set(predicted.aspects) | set(asked_aspects(predicted.title))):
        return True  # the title counts: "How can I lower my risk of ONJ?" answers the jaw and prevention

    def specificity(topic: Topic):
        return (drug not in topic.drugs, len(topic.drugs))

    return specificity(candidate) < specificity(predicted)


def for_another_drug(content: Content, drug: str, aspect: str) -> Choice:
    """ "What about Xgeva?": the same aspect as the last answer, for the newly named drug."""
    topic = content.topic_for_drug(drug, [aspect])
    return Choice(topic, drug, aspect)
