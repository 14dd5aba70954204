"""Custom Rasa NLU components: deterministic guards around the ML classifiers (LanguageGuard: its own module,
bot/nlu/language_guard.py).

- `MessageSanitizer` runs first: strips control characters and bounds the length, so binary junk or a
  pasted 1 MB document cannot slow the featurizers down or crash the tokenizer.
- `DrugRouting` runs after the answer classifier: an answer that is about particular drugs is only
  sent straight from the domain when the message names a drug it covers; otherwise the turn goes to
  `action_answer_faq`, which knows the drug remembered in the conversation ("how often do I get it?")
  and never answers for a different drug than the one asked about.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.content.vocabulary import load as load_vocabulary
from bot.dialogue import answering, context, followup
from bot.dialogue.answering import REFERRING_WORDS as REFERS_BACK
from bot.dialogue.followup import content_words
from bot.names import (
    CHAT_INTENTS,
    CLASSIFIER_RANKING_KEY,
    DRUG_FOLLOWUP,
    INFORM_DRUG,
    NLU_FALLBACK,
    OUT_OF_SCOPE,
    ROUTE_KEY,
    SAFETY_INTENTS,
    TIER_OF_INTENT,
)
from bot.nlu.lexicon import Lexicon, about_another_cancer, unknown_medicines
from bot.safety import language as languages
from bot.safety.lookalikes import about_an_animal

MAX_CHARS = 1000


def sanitize(text: Optional[str], max_chars: int = MAX_CHARS) -> str:
    """NFKC-normalised printable text, whitespace collapsed, at most `max_chars` characters (cut at a
    word). NFKC folds full-width and other compatibility forms ("ｃａｎ'ｔ ｆｅｅｌ" -> "can't feel"), so
    the safety net's patterns match them too."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > max_chars:
        cleaned = cleaned[:max_chars].rsplit(" ", 1)[0]
    return cleaned


# The classifier's own ranking (CLASSIFIER_RANKING_KEY) is kept when a guard overrides it: the staff
# lookup (bot.reference) still ranks scripts for words the bot itself declines.


def keep_classifier_ranking(message: Message) -> None:
    """Call before overriding the intent ranking."""
    if message.get(INTENT_RANKING_KEY) and not message.get(CLASSIFIER_RANKING_KEY):
        message.set(CLASSIFIER_RANKING_KEY, message.get(INTENT_RANKING_KEY), add_to_output=True)


def _force_intent(message: Message, name: str) -> None:
    """A guard's decision: the intent alone in the ranking, so FallbackClassifier's ambiguity check
    (top two of the classifier's ranking closer than 0.1) cannot undo it."""
    intent = {"name": name, "confidence": 1.0}
    keep_classifier_ranking(message)
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)


class _Stateless(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class MessageSanitizer(_Stateless):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_chars": MAX_CHARS}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            original = message.get(TEXT)
            if original is not None:
                message.set(TEXT, sanitize(original, self.config["max_chars"]))
        return messages


# Word lists reviewed as content (content/vocabulary.yml).
VOCABULARY = load_vocabulary()
WORD = re.compile(r"[a-záéíóúñü]+", re.IGNORECASE)

# Intents the drug-and-aspect routing never overrides: the safety tiers (SafetyNet decides those) and chat.
SAFETY_OR_CHAT = SAFETY_INTENTS | CHAT_INTENTS

# Stems of this field's words. A message with none of them (and no drug name, no "it") is not a
# question any curated answer is for, however confident the classifier is.
ON_TOPIC = VOCABULARY.on_topic


def field_vocabulary(content) -> frozenset:
    """Words of the curated content (titles, answers, examples, drug names) that never occur in the
    out-of-scope examples: "oligometastasis", "teriparatide" and "mscc" are this field's words,
    "what", "best" and "work" are everyone's."""

    def words(text: str):
        return {w.lower() for w in WORD.findall(text) if len(w) >= 4}

    ours = set()
    for topic in content.topics.values():
        ours |= words(topic.title) | words(topic.answer)
        for example in topic.examples:
            ours |= words(example)
    for drug in content.drugs.values():
        for name in drug.names:
            ours |= words(name)
    everyone = set()
    for example in content.out_of_scope:
        everyone |= words(example)
    return frozenset(ours - everyone)


def on_topic(text: str, vocabulary: frozenset = frozenset()) -> bool:
    if ON_TOPIC.search(text):
        return True
    prefixes = {w[:7] for w in vocabulary if len(w) >= 7}
    for word in WORD.findall(text.lower()):
        if word in vocabulary or (len(word) >= 7 and word[:7] in prefixes):
            return True
    return False


# Words around a bare drug name, English and Spanish ("and prolia?", "¿y el zometa?", "¿qué tal con xgeva?").
DRUG_NAME_FILLER = frozenset("and what about how or the on y el la los las o que qué tal sobre con de del".split())


def is_just_a_drug_name(text: str, entities: List[Dict[Text, Any]]) -> bool:
    """True for "Zometa?", "xgeva", "and prolia?", "¿y el zometa?": nothing but a drug name and filler."""
    rest = text
    for entity in entities:
        if entity.get("entity") == "drug" and entity.get("start") is not None:
            rest = rest[: entity["start"]] + " " * (entity["end"] - entity["start"]) + rest[entity["end"] :]
    leftover = [w for w in WORD.findall(rest.lower()) if w not in DRUG_NAME_FILLER]
    return not leftover


# "what can i ask them", "what can i do myself to help": the classifier's "what can you do?" on a question
# that points back at the last answer.
WHAT_CAN_YOU_DO = "what_can_you_do"

# FallbackClassifier's threshold (config.yml): below it the turn would become "Did you mean…?".
FALLBACK_THRESHOLD = 0.45
# A general answer (no drug, no aspect) the classifier is less sure of than this gives way to the
# named drug's own answer for the aspect the question asks ("How does Prolia work?": 0.53 for "how bone
# drugs help"). Right general answers to drug questions ("can I have dental work on Xgeva?") score
# 0.98-1.0 on the held-out set.
GENERAL_ANSWER_MIN_CONFIDENCE = 0.9


# FallbackClassifier's ambiguity_threshold (config.yml): top two intents closer than this are "Did you mean…?".
AMBIGUITY_THRESHOLD = 0.05


def _unsure(message: Message) -> bool:
    """FallbackClassifier would turn this into "Did you mean…?": the top intent below its threshold, or the top
    two closer than its ambiguity threshold."""
    ranking = [r.get("confidence") or 0.0 for r in message.get(INTENT_RANKING_KEY) or []]
    top = (message.get(INTENT) or {}).get("confidence") or 0.0
    return top < FALLBACK_THRESHOLD or (len(ranking) > 1 and ranking[0] - ranking[1] < AMBIGUITY_THRESHOLD)


def _care_team_guess_in_english(intent: Optional[str], text: str) -> bool:
    """The classifier's care-team guess on an English message ("simpler please, i'm not medical" read as a
    request for a person): SafetyNet leaves such a guess on a wish for plainer words, and a pattern's hit still
    escalates (bot/nlu/safety_net.py `_restate_wish`)."""
    return TIER_OF_INTENT.get(intent or "") == "care_team" and languages.detect(text) == "en"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class MisspeltDrugNames(_Stateless):
    """A drug name nobody listed ("denosumub", "zolidronic"): the spaCy ruler knows the names and
    misspellings of content/drugs.yml; this adds the `drug` entity for a word close to one of them
    (bot/nlu/lexicon.py), so the answer is re-targeted to the drug asked about as for a listed name."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = list(message.get(ENTITIES) or [])
            text = (message.get(TEXT) or "").lower()
            if not text or any(entity.get("entity") == "drug" for entity in entities):
                continue
            for word, drug in Lexicon.load().drugs(text):
                found = re.search(r"\b" + re.escape(word) + r"\b", text)
                if found:
                    entities.append(
                        {
                            "entity": "drug",
                            "value": drug,
                            "start": found.start(),
                            "end": found.end(),
                            "extractor": "MisspeltDrugNames",
                        }
                    )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DrugRouting(_Stateless):
    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        from bot import content as content_mod  # content/ is read once per model load

        self.content = content_mod.load()
        self.vocabulary = field_vocabulary(self.content)
        self.known_words = content_words(self.content)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            drug_values = [e.get("value") for e in message.get(ENTITIES) or [] if e.get("entity") == "drug"]
            named = {self.content.specific_drug(v) for v in drug_values} - {None}
            if named and is_just_a_drug_name(text, message.get(ENTITIES) or []):
                # "Zometa?" or "xgeva" alone: the drug's overview, or the last aspect for it.
                _force_intent(message, INFORM_DRUG)
                continue
            if named and intent not in SAFETY_OR_CHAT and self._route_by_asked_aspect(message, intent, text):
                continue
            if intent in self.content.groups and not (
                drug_values
                or REFERS_BACK.search(text)
                or on_topic(text, self.vocabulary)
                or followup.points_back(text, self.known_words)  # "and what are the signs to watch for"
            ):
                # A confident FAQ guess for a message with no word of this field ("tell me a joke").
                _force_intent(message, OUT_OF_SCOPE)
                continue
            if (
                (intent in self.content.groups or intent == DRUG_FOLLOWUP)
                and not named
                and (unknown_medicines(text, self.known_words) or about_another_cancer(text) or about_an_animal(text))
            ):
                # "Does zolpidem thin the bones?", "lung cancer treatment options", "calcium for a labrador's weak
                # bones": no checked answer is about a medicine the content never names, another cancer or a pet.
                _force_intent(message, OUT_OF_SCOPE)
                continue
            refers_back = not named and bool(REFERS_BACK.search(text))
            confidence = (message.get(INTENT) or {}).get("confidence", 0.0)
            if (
                not named
                and (intent not in SAFETY_INTENTS or _care_team_guess_in_english(intent, text))
                and followup.is_restate(text)
                and not (followup.names_own_subject(text) and confidence >= FALLBACK_THRESHOLD)
            ):
                _force_intent(message, DRUG_FOLLOWUP)  # "say that more simply": the last answer again
                continue
            if (
                not named
                and intent not in SAFETY_OR_CHAT
                and (intent in (OUT_OF_SCOPE, DRUG_FOLLOWUP, WHAT_CAN_YOU_DO) or _unsure(message))
                and followup.points_back(text, self.known_words)
            ):
                # "How do I lower that risk?", "say it more simply": no subject of its own (it reads like
                # an off-topic question alone); the action answers it from the last answer, or offers topics.
                _force_intent(message, DRUG_FOLLOWUP)
                continue
            if refers_back and intent not in SAFETY_OR_CHAT and confidence < FALLBACK_THRESHOLD:
                # "What helps with that?": too vague alone, clear after an answer. The action answers it
                # from the last answer's topic (bot.dialogue.followup), or offers topics.
                _force_intent(message, DRUG_FOLLOWUP)
                continue
            if intent == DRUG_FOLLOWUP:
                if not (named or REFERS_BACK.search(text)):
                    message.set(INTENT, {"name": NLU_FALLBACK, "confidence": 1.0}, add_to_output=True)
                    continue
                # "How often do I get it?": the aspect comes from the best FAQ area.
                intent = next(
                    (r["name"] for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") in self.content.groups),
                    None,
                )
            if intent not in self.content.groups:
                continue
            topic, _ = self._selected(message, intent)
            if topic is None:
                continue
            message.set(ROUTE_KEY, {"retrieval_intent": intent, "topic": topic.id}, add_to_output=True)
            if not (topic.drugs and topic.aspects):
                if refers_back or (not named and (followup.is_switch(text) or context.asks_only_an_aspect(text))):
                    # "how is it treated?", "and for chemo?": the action weighs the conversation's last topic
                    message.set(INTENT, {"name": DRUG_FOLLOWUP, "confidence": confidence}, add_to_output=True)
                continue
            entities = list(message.get(ENTITIES) or [])
            entities.append({"entity": "aspect", "value": topic.aspects[0], "extractor": "DrugRouting"})
            message.set(ENTITIES, entities, add_to_output=True)
            if named and all(self.content.covers(topic, n) for n in named) and not context.keeps_last_aspect(text):
                if confidence >= FALLBACK_THRESHOLD:
                    # "Actonel side effects": the named drug settles a near tie between two FAQ areas, which
                    # FallbackClassifier's ambiguity check would otherwise turn into "Did you mean…?".
                    _force_intent(message, intent)
                continue
            confidence = (message.get(INTENT) or {}).get("confidence", 1.0)
            message.set(INTENT, {"name": DRUG_FOLLOWUP, "confidence": confidence}, add_to_output=True)
        return messages

    def _route_by_asked_aspect(self, message: Message, intent: Optional[str], text: str) -> bool:
        """ "How does Prolia work?": a drug name plus an aspect in the question's own words name the
        curated answer (bot.dialogue.answering.by_asked_aspect). It replaces the classifier's answer when the
        classifier is unsure, picked a general answer ("how bone drugs help") it is not sure of, or picked an
        answer about another aspect of the drug."""
        drug = answering.named_drug(message.get(ENTITIES) or [], self.content)
        choice = answering.by_asked_aspect(self.content, drug, text)
        if choice is None:
            return False
        unsure = (message.get(INTENT) or {}).get("confidence", 0.0) < FALLBACK_THRESHOLD
        selected, selected_confidence = self._selected(message, intent)
        vague_general = (
            selected is not None
            and not (selected.drugs or selected.aspects)
            and selected_confidence < GENERAL_ANSWER_MIN_CONFIDENCE
        )
        # "Bonefos side effects": the classifier picked the drug's overview, the words ask its side effects.
        other_aspect = (
            selected is not None
            and bool(selected.aspects)
            and not set(answering.asked_aspects(text)) & set(selected.aspects)
        )
        if not (unsure or vague_general or other_aspect):
            return False
        topic = choice.topic
        message.set(ROUTE_KEY, {"retrieval_intent": topic.retrieval_intent, "topic": topic.id}, add_to_output=True)
        entities = list(message.get(ENTITIES) or [])
        entities.append({"entity": "aspect", "value": choice.aspect, "extractor": "DrugRouting"})
        message.set(ENTITIES, entities, add_to_output=True)
        _force_intent(message, DRUG_FOLLOWUP)
        return True

    def _selected(self, message: Message, intent: Optional[str]):
        """The topic the answer classifier picked in the FAQ area for this message (or None), and how sure it is."""
        selected = ((message.get("response_selector") or {}).get(intent or "") or {}).get("response") or {}
        return (
            self.content.topic_for_key(selected.get("intent_response_key") or ""),
            selected.get("confidence") or 0.0,
        )
