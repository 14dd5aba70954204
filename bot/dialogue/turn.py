"""What a turn shows: the one decision shared by the action server, the failed-action fallback, the
evaluation and the staff lookup, so that all four agree on what a person would be shown.

The NLU components (bot/nlu) say what the message is: its intent, the drug it names, the FAQ answer
the classifiers route it to (`ROUTE_KEY`) and the safety tier (`SAFETY_KEY`). `decide` turns that
parse, plus what the conversation remembers (the drug and aspect of the last answer), into what is
shown. Rasa's rules then only pick who sends it: a static response, or `action_answer_faq`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from bot.content import Content, Topic
from bot.dialogue import answering, context, followup
from bot.names import (
    ASK_TOPIC,
    DRUG_FOLLOWUP,
    INFORM_DRUG,
    NO_ANSWER_INTENTS,
    OUT_OF_SCOPE,
    ROUTE_KEY,
    SAFETY_INTENTS,
    SAFETY_KEY,
    TIER_OF_INTENT,
)

NO_ANSWER = OUT_OF_SCOPE  # the evaluation's label for "no curated answer shown"
# The classifier's confidence inside the area needed to show its answer as general information beside a
# care-team offer ("should I stop Xgeva before dental work?" also gets the curated dental answer).
MIN_GENERAL_ANSWER_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Decision:
    """What a turn shows. `kind` is one of:

    - "answer": the curated `topic` (for `drug` and `aspect` when the answer is drug-specific);
    - "no_checked_answer": no curated answer about `aspect` for `drug` (never another drug's answer);
    - "escalate": the safety `tier` and `category` (the escalation actions reply; see general_answer);
    - "suggest": not understood: the likeliest topics, or starter topics;
    - "none": out of scope, not understood by the classifier, another language, or empty;
    - "chat": small talk and form answers, which the rules answer.
    """

    kind: str
    intent: Optional[str] = None
    topic: Optional[Topic] = None
    drug: Optional[str] = None
    aspect: Optional[str] = None
    tier: Optional[str] = None
    category: Optional[str] = None

    @property
    def label(self) -> str:
        """The evaluation's label: the answer's response key, NO_ANSWER, or the intent."""
        if self.kind == "answer" and self.topic is not None:
            return self.topic.response_key
        if self.kind in ("no_checked_answer", "suggest", "none"):
            return NO_ANSWER
        return self.intent or NO_ANSWER


def intent_of(parse: Mapping[str, Any]) -> Optional[str]:
    return (parse.get("intent") or {}).get("name")


def predicted_topic(parse: Mapping[str, Any], content: Content) -> Optional[Topic]:
    """The topic NLU picked: a topic button's, the routed answer (DrugRouting, SafetyNet), else the
    classifier's answer for the predicted area."""
    intent = intent_of(parse)
    if intent == ASK_TOPIC:
        for entity in parse.get("entities") or []:
            if entity.get("entity") == "topic":
                return content.topics.get(str(entity.get("value")))
        return None
    route = parse.get(ROUTE_KEY) or {}
    if route.get("topic"):
        return content.topics.get(route["topic"])
    selected = (parse.get("response_selector") or {}).get(intent) or {}
    key = (selected.get("response") or {}).get("intent_response_key")
    return content.topic_for_key(key) if key else None


def _from_choice(intent: Optional[str], choice: answering.Choice) -> Decision:
    kind = "answer" if choice.topic is not None else "no_checked_answer"
    return Decision(kind, intent, choice.topic, choice.drug, choice.aspect)


def decide(
    parse: Mapping[str, Any],
    content: Content,
    remembered_drug: Optional[str] = None,
    remembered_aspect: Optional[str] = None,
    remembered_topic: Optional[str] = None,
) -> Decision:
    """What this turn shows, from the parse and what the conversation remembers (the drug, aspect and
    topic of the last answer; all optional: the evaluation, the staff lookup and the failed-action
    fallback decide without a memory)."""
    intent = intent_of(parse)
    text = parse.get("text") or ""
    asked_drug = answering.named_drug(parse.get("entities") or [], content)
    remembered_drug = content.specific_drug(remembered_drug)
    if intent in SAFETY_INTENTS:
        safety = parse.get(SAFETY_KEY) or {}
        return Decision(
            "escalate", intent, tier=safety.get("tier") or TIER_OF_INTENT[intent], category=safety.get("category")
        )
    last = content.topics.get(remembered_topic or "")
    compared = None if last is None else context.compared_with_last(content, last, asked_drug, remembered_drug, text)
    if compared is not None:
        return _from_choice(intent, compared)  # "is it any different from having zometa" after pamidronate
    if last is not None and context.unsure_follow_up(intent, text, asked_drug, content):
        intent = DRUG_FOLLOWUP  # "right so how would she cut down her chances of it": unsure alone, clear here
    if intent == INFORM_DRUG:
        drug = asked_drug or remembered_drug
        if not drug:
            return Decision("suggest", intent)
        return _from_choice(intent, answering.for_another_drug(content, drug, remembered_aspect or "overview"))
    if intent == DRUG_FOLLOWUP and last is not None and asked_drug:
        # "is xgeva any easier on them" after the kidneys answer
        switched = context.another_drug_same_aspect(content, last, asked_drug, remembered_aspect, text)
        if switched is not None:
            return _from_choice(intent, switched)
    if intent == DRUG_FOLLOWUP and last is not None and not asked_drug:
        predicted = followup.carry_topic(parse, content, last, predicted_topic(parse, content))
        if predicted is not None:
            return _from_choice(intent, answering.choose(content, predicted, None, remembered_drug, text))
    if intent == DRUG_FOLLOWUP and last is None and not parse.get(ROUTE_KEY):
        standalone = followup.standalone_topic(parse, content)  # nothing to follow up: a question of its own
        if standalone is not None:
            return _from_choice(intent, answering.choose(content, standalone, asked_drug, remembered_drug, text))
    if intent in content.groups or intent == ASK_TOPIC or (intent == DRUG_FOLLOWUP and parse.get(ROUTE_KEY)):
        predicted = predicted_topic(parse, content)
        if predicted is None:
            return Decision("suggest", intent)
        return _from_choice(intent, answering.choose(content, predicted, asked_drug, remembered_drug, text))
    if intent == DRUG_FOLLOWUP or intent in NO_ANSWER_INTENTS:
        return Decision("suggest" if intent == DRUG_FOLLOWUP else "none", intent)
    return Decision("chat", intent)


def general_answer(
    parse: Mapping[str, Any],
    content: Content,
    general_topic: Optional[str] = None,
    remembered_drug: Optional[str] = None,
) -> Optional[Topic]:
    """The general curated answer shown with a care-team offer: the category's own topic
    (`general_topic` of content/safety.yml), else the FAQ answer NLU routed the question to when its
    classifier was sure of it; re-targeted to the drug asked about, never another drug's."""
    if general_topic:
        predicted = content.topics.get(general_topic)
    else:
        route = parse.get(ROUTE_KEY) or {}
        selector = (parse.get("response_selector") or {}).get(route.get("retrieval_intent") or "") or {}
        confidence = (selector.get("response") or {}).get("confidence") or 0
        predicted = (
            predicted_topic(parse, content)
            if route.get("topic") and confidence >= MIN_GENERAL_ANSWER_CONFIDENCE
            else None
        )
    if predicted is None:
        return None
    asked_drug = answering.named_drug(parse.get("entities") or [], content)
    return answering.choose(
        content, predicted, asked_drug, content.specific_drug(remembered_drug), parse.get("text") or ""
    ).topic


def shown_topic(parse: Mapping[str, Any], content: Content) -> str:
    """The evaluation's label of what a person would be shown for this parse (no conversation memory)."""
    return decide(parse, content).label
