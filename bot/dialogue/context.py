"""Follow-ups whose shape alone says they continue the last answer, though NLU read them as something else.

The classifier reads one message at a time; four shapes of follow-up lose the conversation's thread there:

1. another drug for the same question ("is xgeva any easier on them" after the kidneys answer): the named drug
   makes the classifier pick that drug's overview, but the question keeps the last answer's aspect
   (`keeps_last_aspect`; `another_drug_same_aspect` picks the drug's answer for that aspect);
2. an aspect with no subject of its own ("side effects to expect?" after the Xgeva answer): the classifier
   picks some treatment's side effects, but the subject is the last answer's drug or topic
   (`asks_only_an_aspect`; NLU sends both shapes to the action, which knows the last answer);
3. a question that points back but that the classifier was unsure of ("right so how would she cut down her
   chances of it": "Did you mean…?"), or read as a drug name with no drug in it ("and if it isn't treated?"):
   with a last answer it is a follow-up (`unsure_follow_up`), answered by bot/dialogue/followup.py.

4. the last answer's drug compared with another one it names ("is it any different from having zometa" after
   pamidronate): the answer comparing those two (`compared_with_last`, a topic's `compares`).

These shapes change only which curated answer (or "Did you mean…?") a non-safety turn shows. One more is read by
SafetyNet (bot/nlu/safety_net.py): `general_follow_up`, a short question that points back and asks how to keep
"it" from happening or how common "it" is ("anything she can do so she doesnt get it" after the jaw answer), on
which the classifier's emergency guess alone (no pattern's hit) is not acted on (docs/safety.md).
"""

from __future__ import annotations

import re
from typing import Optional

from bot.content import Content, Topic
from bot.content.vocabulary import load as load_vocabulary
from bot.dialogue import answering, followup
from bot.names import INFORM_DRUG, NLU_FALLBACK, OUT_OF_SCOPE
from bot.nlu.lexicon import fold

REFERRING = answering.REFERRING_WORDS  # "that", "it"
COMPARING = load_vocabulary().comparison_words  # "different from", "better than", "vs"
UNSURE_INTENTS = frozenset({NLU_FALLBACK, INFORM_DRUG})  # NLU had no answer of its own for the words
# One question and nothing before it: the message starts with a question word (after "and", "so", "right"…).
QUESTION_FIRST = re.compile(
    r"^((and|so|ok|okay|right|but|also|well) )*(anything|how|is|are|what|whats|can|could|does|do|would|will|any|should)\b"
)
# How to keep "it" from happening: a wish about the future, never a report of a sign ("what can i do" is not here:
# "she can't breathe, what can i do about it" is a report).
AVOIDING = re.compile(
    r"\bso (that )?(it |that |this |she |he |they |i |we |you )?(does ?n.?t|do ?n.?t|wo ?n.?t|will not|does not|never) "
    r"(get|happen|come back)|\b(prevent|avoid)\b|\b(lower|reduce|cut|decrease|cut down) (the |my |her |his |your |their "
    r"|that |this |its )?(risk|chances?|odds)\b|\bkeep (that|it|this) from happening"
)


def keeps_last_aspect(text: str) -> bool:
    """ "is xgeva any easier on them", "and prolia, does it do that too?": a message that names no aspect of its own
    and points back ("them", "that", "and …"), short: with a drug named in it, the same question for that drug."""
    folded = fold(text)
    return (
        not answering.asked_aspects(text)
        and bool(answering.REFERRING_WORDS.search(text) or followup.STARTS.search(folded))
        and len(folded.split()) <= followup.MAX_FOLLOW_UP_WORDS
    )


# Aspects that name a part of the body or a substance ("is the jaw thing common?"): a subject of their own.
SUBJECT_ASPECTS = frozenset({"jaw", "kidney", "calcium"})


def asks_only_an_aspect(text: str) -> bool:
    """ "side effects to expect?", "and how often?": an aspect and no subject of this field beside it (no drug,
    treatment or body part), short: it asks that aspect of whatever the last answer was about."""
    aspects = answering.asked_aspects(text)
    if not aspects or SUBJECT_ASPECTS & set(aspects) or len(fold(text).split()) > followup.MAX_FOLLOW_UP_WORDS:
        return False
    rest = text
    for aspect, pattern in answering.ASPECT_WORDS:
        if aspect in aspects:
            rest = pattern.sub(" ", rest)
    return not followup.ON_TOPIC.search(fold(rest))


def another_drug_same_aspect(
    content: Content, last: Topic, drug: str, remembered_aspect: Optional[str], text: str
) -> Optional[answering.Choice]:
    """The answer about `drug` for the last answer's aspect, when the message switches to that drug and keeps the
    question ("is xgeva any easier on them" after "can zometa hurt the kidneys?": the kidneys answer, which covers
    Xgeva); "no checked answer" when none covers it. None when the shape does not fit. (The drug and aspect slots
    already hold this message's entities when the action runs: the last answer's own aspects say what was asked.)"""
    if not last.aspects or not keeps_last_aspect(text):
        return None
    aspect = remembered_aspect if remembered_aspect in last.aspects else last.aspects[0]
    return answering.for_another_drug(content, drug, aspect)


def compared_with_last(
    content: Content, last: Topic, asked_drug: Optional[str], remembered_drug: Optional[str], text: str
) -> Optional[answering.Choice]:
    """The answer comparing the last answer's drug with the one this message names, when it asks a comparison and
    names no other aspect ("is it any different from having zometa" after pamidronate); None otherwise."""
    # The last answer's own drug (the drug slot already holds this message's drug when the action runs).
    own = [d for d in last.drugs if content.specific_drug(d)]
    drug = own[0] if len(own) == 1 else remembered_drug
    if not asked_drug or not drug or asked_drug == drug or not COMPARING.search(text):
        return None
    if answering.asked_aspects(text):
        return None  # "is xgeva easier on the kidneys": the kidneys answer for xgeva (another_drug_same_aspect)
    topic = content.comparison(drug, asked_drug)
    return answering.Choice(topic, asked_drug) if topic is not None else None


def unsure_follow_up(intent: Optional[str], text: str, asked_drug: Optional[str], content: Content) -> bool:
    """An unsure turn ("Did you mean…?") or a drug-name turn with no drug in it whose words point back: after an
    answer, a follow-up to it."""
    # Read as off-topic but pointing back with an aspect of the last answer ("how can that risk be reduced" after
    # what happens when denosumab stops): out of scope alone, a follow-up here.
    aspect_asked = intent == OUT_OF_SCOPE and REFERRING.search(text) and answering.asked_aspects(text)
    return (
        (intent in UNSURE_INTENTS or bool(aspect_asked))
        and not asked_drug
        and not re.match(r"^\s*/", text)  # a button payload
        and followup.points_back(text, followup.content_words(content))
    )


def general_follow_up(text: str, known_words) -> bool:
    """ "anything she can do so she doesnt get it", "is that common?": one short question, nothing stated before it,
    with every word one the content uses, that points back ("it", "that") and asks how to keep it from happening (`AVOIDING`) or how common it is.
    Such a question asks about something explained; it reports nothing."""
    folded = fold(text)
    if not QUESTION_FIRST.match(folded) or re.search(r"[,.;:!?]\s*\w", text.strip()):
        return False  # "her back hurts so bad, is that common": a sign stated first, then a question
    kinds = set(answering.asked_aspects(text))
    asks = ("prevention" in kinds and AVOIDING.search(folded)) or "frequency" in kinds
    return (
        bool(asks)
        and bool(answering.REFERRING_WORDS.search(text))
        and followup.subjectless(text, known_words)
        and not followup.is_restate(text)
    )
