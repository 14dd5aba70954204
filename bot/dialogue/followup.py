"""Follow-ups that carry the topic: "how is it treated?" after the ONJ warning signs means ONJ treatment.

The classifier reads one message at a time; a question that points back ("it", "that") is scored without
its subject and often lands on a general answer ("treatment overview") or out of scope ("what helps with
that?" reads like "what helps with a cold?"). NLU (DrugRouting) marks such a message as a follow-up when it
has no subject of its own (`points_back`); the action then knows the last answer and chooses here:

1. "say that more simply" (`restate_words`): the last answer again;
2. an aspect the question names ("what are the side effects of it?" after radiation for pain): the answer
   for that aspect among the last answer and the answers related to it (either way round). A follow-up kind no
   answer is tagged with ("is that common?", "how long does it last?", "why?", "how do i lower that risk?":
   `follow_up_kinds`) stays on the last answer when its title asks it or its text gives it (an `answer` cue:
   "lasts about 1 to 2 days"), else goes to an answer one or two steps of `related` away whose title asks it
   ("how common is ONJ?"); a why-question stays. Two aspects at once ("the jaw warning, how can he keep that
   risk down") go to the answer whose title asks both;
3. another subject for the same question ("and for chemo?" after hormone therapy side effects,
   `follow_up_starts`): the new subject's answer for the last answer's aspect;
4. otherwise the classifier's probabilities over the last answer, its related answers and its area,
   the related answers weighted and the last answer given a small prior: with no opinion of its own the
   classifier leaves the last subject ("how long does it last?").
The classifier's pick stands when it is one of the near answers, or when it is sure of a new subject.
"""

from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, Iterable, Mapping, Optional, Set

from bot.content import Content, Topic
from bot.content.vocabulary import load as load_vocabulary
from bot.dialogue.answering import REFERRING_WORDS, asked_aspects
from bot.names import CLASSIFIER_RANKING_KEY
from bot.nlu.lexicon import fold

NEW_SUBJECT_CONFIDENCE = 0.5  # the classifier's pick outside the candidates wins above this (dev set)
NEAR_WEIGHT = 2.0  # the last answer and its related answers against the rest of its area (dev set)
LAST_PRIOR = (
    0.05  # probability the last answer gets for free: a classifier with no opinion leaves it (dev conversations)
)
POINTS_AT_IT = re.compile(r"\b(that|this)\b", re.IGNORECASE)  # "why does that happen": the last answer's subject
STAYING_KINDS = frozenset({"cause"})  # "why?" asks about the last answer itself, never a neighbour's title
MAX_FOLLOW_UP_WORDS = 12  # longer messages carry their own subject
MAX_UNKNOWN_WORDS = 1  # beside an aspect, a word the content never uses ("fluey") is not a subject of its own
MAX_RESTATE_WORDS = 20  # "sorry i dont really understand all that, could you put it in easier words"
_VOCABULARY = load_vocabulary()
RESTATE = _VOCABULARY.restate_words
STARTS = _VOCABULARY.follow_up_starts
ON_TOPIC = _VOCABULARY.on_topic


_WORDS: Dict[int, FrozenSet[str]] = {}  # id(content) -> its words: content is loaded once per process


def content_words(content: Content) -> FrozenSet[str]:
    """Every word of the curated content, English and Spanish: titles, answers, examples, drug names."""
    if id(content) not in _WORDS:
        _WORDS.clear()
        _WORDS[id(content)] = _words_of(content)
    return _WORDS[id(content)]


def _words_of(content: Content) -> FrozenSet[str]:
    texts = [t for topic in content.topics.values() for t in (topic.title, topic.answer, *topic.examples)]
    texts += [t for entry in content.spanish.values() for t in (entry.title, entry.answer, *entry.examples)]
    texts += [name for drug in content.drugs.values() for name in drug.names]
    return frozenset(word for text in texts for word in fold(text).split())


def is_restate(text: str) -> bool:
    """ "Can you say that more simply?", "i dont understand that, can you say it in easier words": a wish to
    have the last answer again in other words (up to MAX_RESTATE_WORDS words)."""
    folded = fold(text)
    return bool(RESTATE.search(folded)) and len(folded.split()) <= MAX_RESTATE_WORDS


def names_own_subject(text: str) -> bool:
    """A word of this field beside the wish ("hypercalcaemia in plain words", "what is stage 4 with spread to
    the bone, in simple words"): possibly a new question, which the classifier answers when it is sure."""
    return bool(ON_TOPIC.search(RESTATE.sub(" ", fold(text))))  # every wish out ("simpler please, i'm not medical")


def is_switch(text: str) -> bool:
    """ "and for chemo?": a short message that moves the last question to another subject."""
    folded = fold(text)
    return bool(STARTS.search(folded)) and len(folded.split()) <= 6


def subjectless(text: str, known_words: Iterable[str], unknown_allowed: int = 0) -> bool:
    """Short, and every word (but `unknown_allowed`) is one the curated content uses: nothing in it names another
    subject ("how do I lower that risk?" yes; "how do I stop my cat scratching it?" no). A word the content never
    uses right after "and", "what about" names a new subject ("and xarelto? my dad takes that")."""
    words = fold(text).split()
    known = set(known_words)
    unknown = {w for w in words if not (w in known or w.isdigit())}
    joined = " ".join(words)
    start = STARTS.match(joined)
    if start and joined[start.end() :].split()[:1] and joined[start.end() :].split()[0] in unknown:
        return False
    return 0 < len(words) <= MAX_FOLLOW_UP_WORDS and len(unknown) <= unknown_allowed


def points_back(text: str, known_words: Iterable[str]) -> bool:
    """A message about the last answer: a wish to have it again, or a short question with no subject of
    its own that points back ("that", "it"), names an aspect ("how often…") or switches ("and for…"). One word
    the content never uses is allowed beside an aspect ("how many days does the fluey bit go on")."""
    if is_restate(text):
        return True
    aspects = asked_aspects(text)
    cue = REFERRING_WORDS.search(text) or aspects or STARTS.search(fold(text))
    return bool(cue) and subjectless(text, known_words, MAX_UNKNOWN_WORDS if aspects else 0)


def topic_scores(parse: Mapping[str, Any]) -> Dict[str, float]:
    """Response key -> the classifier's probability: area confidence x confidence inside the area."""
    ranking = parse.get(CLASSIFIER_RANKING_KEY) or parse.get("intent_ranking") or []
    areas = {r.get("name"): float(r.get("confidence") or 0) for r in ranking}
    scores: Dict[str, float] = {}
    for area, selected in (parse.get("response_selector") or {}).items():
        if not isinstance(selected, dict):
            continue
        for ranked in selected.get("ranking") or []:
            key = ranked.get("intent_response_key")
            if key:
                scores[key] = areas.get(area, 0.0) * float(ranked.get("confidence") or 0)
    return scores


MIN_OWN_SUBJECT_WORDS = 2  # "in plain words, what are bony secondaries": two words of its own beside the wish
# Words that name no subject: the wish's own words and English function words (a short list here, not spaCy's:
# the action server, which decides turns too, never loads spaCy).
_NO_SUBJECT_WORDS = frozenset(
    """explain mean means meaning understand dont don t pls please again simply sorry really just could would can will
    should do does did is are was were be been am a an the what whats how why when where which who whom this that these
    those it its i im me my you your u he she her his him we us our they them their of in on at to for with about and
    or but so if as by from up out any some all also very too than then there here not no yes ok okay get put say tell
    give more less bit little like way""".split()
)


def _words_beside_wish(text: str) -> int:
    """How many words other than the wish, pointing words and function words a message holds."""
    rest = REFERRING_WORDS.sub(" ", RESTATE.sub(" ", fold(text)))
    return sum(1 for word in rest.split() if word not in _NO_SUBJECT_WORDS)


def standalone_topic(parse: Mapping[str, Any], content: Content) -> Optional[Topic]:
    """A follow-up's shape with no answer before it ("in plain words, what are bony secondaries", "i was told onj is
    rare. how rare in numbers"): a question of its own, whose answer is the classifier's pick when it is sure of one
    (NEW_SUBJECT_CONFIDENCE); None for a bare wish with no subject ("say that more simply") or an unsure pick."""
    text = parse.get("text") or ""
    if is_restate(text) and not (names_own_subject(text) or _words_beside_wish(text) >= MIN_OWN_SUBJECT_WORDS):
        return None
    scores = topic_scores(parse)
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] < NEW_SUBJECT_CONFIDENCE:
        return None
    return content.topic_for_key(best)


def _aspects(topic: Topic) -> Set[str]:
    return set(topic.aspects) | set(asked_aspects(topic.title))


def _related(content: Content, topic: Topic) -> Set[str]:
    """Response keys of the answers related to `topic`, either way round."""
    keys = {content.topics[r].response_key for r in topic.related if r in content.topics}
    keys |= {t.response_key for t in content.topics.values() if topic.id in t.related}
    return keys


def _best(keys: Set[str], scores: Dict[str, float], content: Content) -> Optional[Topic]:
    if not keys:
        return None
    return content.topic_for_key(max(sorted(keys), key=lambda k: scores.get(k, 0.0)))


def follow_up_kinds(content: Content) -> FrozenSet[str]:
    """Aspects no answer is tagged with ("frequency", "duration", "cause", "prevention"): what a follow-up asks
    about the last answer ("is that common?", "how long does it last?", "why?", "how do i lower that risk?")."""
    tagged = {aspect for topic in content.topics.values() for aspect in topic.aspects}
    return frozenset(aspect for aspect, _ in _VOCABULARY.aspect_cues if aspect not in tagged)


def _by_kind(
    content: Content, kind: str, last: Topic, predicted: Optional[Topic], scores: Dict[str, float], near: Set[str]
) -> Topic:
    """A follow-up kind: the last answer when its title asks it or its text gives it ("lasts about 1 to 2 days"),
    else the answer one or two steps of `related` away whose title asks it ("how common is ONJ?" after "what is
    ONJ?"; a why-question never moves: it asks about the last answer), else the classifier's pick when it is sure
    of a new subject, else the last answer."""
    gives = _VOCABULARY.aspect_answers.get(kind)
    if kind in _aspects(last) or (gives is not None and gives.search(last.answer)):
        return last
    if kind not in STAYING_KINDS:
        one = _related(content, last)
        two = {k for key in one for k in _related(content, content.topic_for_key(key))} - {last.response_key}
        for nearby in (one, two):
            with_kind = {k for k in nearby if kind in _aspects(content.topic_for_key(k))}
            if with_kind:
                return _best(with_kind, scores, content)
    if predicted is not None and predicted.response_key not in near:
        if scores.get(predicted.response_key, 0.0) >= NEW_SUBJECT_CONFIDENCE:
            return predicted
    return last


def _fits(content: Content, predicted: Topic, last: Topic, scores: Dict[str, float], near: Set[str]) -> bool:
    """The classifier's pick answers the asked aspect of the last answer: one of its near answers, or one it is sure
    of that covers the last answer's drug ("is the jaw thing common?" after Xgeva's side effects: how common ONJ is)."""
    if predicted.response_key in near:
        return True
    sure = scores.get(predicted.response_key, 0.0) >= NEW_SUBJECT_CONFIDENCE
    return sure and bool(last.drugs) and any(content.covers(predicted, drug) for drug in last.drugs)


def carry_topic(
    parse: Mapping[str, Any], content: Content, last: Optional[Topic], predicted: Optional[Topic]
) -> Optional[Topic]:
    """The answer a pointing-back question asks for, given the last answer shown (None: no better idea)."""
    if last is None:
        return predicted
    text = parse.get("text") or ""
    if is_restate(text):
        return last
    scores = topic_scores(parse)
    near = {last.response_key} | {content.topics[r].response_key for r in last.related if r in content.topics}
    same_area = {t.response_key for t in content.topics.values() if t.retrieval_intent == last.retrieval_intent}
    asked = asked_aspects(text)
    if is_switch(text) and predicted is not None and predicted.response_key not in near:
        wanted = set(asked[:1]) or _aspects(last)
        own = {predicted.response_key} | _related(content, predicted)
        with_aspect = {k for k in own if wanted & _aspects(content.topic_for_key(k))}
        return _best(with_aspect, scores, content) or predicted
    both = {k for k in near if len(asked) > 1 and set(asked) <= _aspects(content.topic_for_key(k))}
    both |= {t.response_key for t in content.topics.values() if len(asked) > 1 and set(asked) <= _aspects(t)}
    if both and len(asked) > 1:
        # "and the jaw warning, how can he keep that risk down": the answer whose title asks both (lower the ONJ risk)
        return _best(both, scores, content)
    if (
        asked
        and predicted is not None
        and asked[0] in _aspects(predicted)
        and _fits(content, predicted, last, scores, near)
    ):
        return predicted  # "and can the bone drug itself push calcium too low" after calcium and vitamin D
    if asked:
        # The drug answer for that aspect ("what are the side effects?" after Zometa), else the answer
        # with that aspect next to the last one ("what are the side effects of it?" after radiation).
        for drug in last.drugs:
            topic = content.topic_for_drug(drug, asked[:1])
            if topic is not None:
                return topic
        if asked[0] in STAYING_KINDS and POINTS_AT_IT.search(text):
            return last  # "why would bone mets cause that": why the last answer's subject happens
        if asked[0] in follow_up_kinds(content):
            return _by_kind(content, asked[0], last, predicted, scores, near)
        for nearby in ({last.response_key} | _related(content, last), same_area):
            with_aspect = {k for k in nearby if asked[0] in _aspects(content.topic_for_key(k))}
            if with_aspect:
                return _best(with_aspect, scores, content)
    if predicted is not None and (
        predicted.response_key in near or scores.get(predicted.response_key, 0.0) >= NEW_SUBJECT_CONFIDENCE
    ):
        return predicted
    candidates = near | same_area
    weighted = {
        key: scores.get(key, 0.0) * (NEAR_WEIGHT if key in near else 1.0)
        + (LAST_PRIOR if key == last.response_key else 0.0)
        for key in candidates
    }
    return content.topic_for_key(max(sorted(weighted), key=weighted.get))
