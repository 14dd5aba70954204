"""`LanguageGuard` runs after the classifiers and SafetyNet: an empty message, a Spanish one (detected, or
the person chose Spanish: bot/nlu/language_choice.py) the classifier did not route to an answer or read
confidently as small talk, and one in a language the bot does not speak get a fixed intent (non_english:
the emergency number and the helpline) and the `language` entity ("es" or "other"). Red flags (SafetyNet)
are never overridden."""

from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.names import (
    ACKNOWLEDGE,
    DRUG_FOLLOWUP,
    EMPTY_MESSAGE,
    INFORM_DRUG,
    LANGUAGE_ENTITY,
    NON_ENGLISH,
    OTHER_LANGUAGE,
    OUT_OF_SCOPE,
    ROUTE_KEY,
    SAFETY_KEY,
)
from bot.nlu.components import FALLBACK_THRESHOLD, VOCABULARY, WORD, _force_intent, _Stateless
from bot.nlu.language_choice import chose_spanish
from bot.nlu.lexicon import fold
from bot.safety import language as languages

SPANISH_WORDS = VOCABULARY.spanish_words
ENGLISH_HINTS = VOCABULARY.english_hints


def looks_spanish(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return False
    spanish = sum(w in SPANISH_WORDS for w in words)
    english = sum(w in ENGLISH_HINTS for w in words)
    marks = bool(re.search(r"[ñ¿¡]|ción\b", text.lower()))
    return (spanish >= 2 or (spanish >= 1 and marks)) and spanish > english


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageGuard(_Stateless):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # button payloads are parsed by Rasa's RegexMessageHandler
            if message.get(SAFETY_KEY):
                continue  # a red flag found by bot.nlu.safety_net.SafetyNet reaches triage in any language
            if not WORD.search(text) and not re.search(r"\w", text):
                _force_intent(message, EMPTY_MESSAGE)
                continue
            if acknowledgement(text):
                _force_intent(message, ACKNOWLEDGE)  # "vale", "ya", "órale": whatever the classifier guessed
                _set_language(message, "es")
                continue
            detected = languages.detect(text)
            if chose_spanish(message) or looks_spanish(text) or detected == "es":
                # Chosen (bot/nlu/language_choice.py) or detected. "sí, por favor": the care-team form's
                # answers; a routed FAQ question or a drug follow-up ("¿y el xgeva?"): action_answer_faq,
                # which answers in the message's language.
                if not (
                    _yes_or_no(message, text) or _small_talk(message) or _spanish_answer(message) or _drug_turn(message)
                ):
                    _force_intent(message, NON_ENGLISH)
                _set_language(message, "es")
            elif detected == OTHER_LANGUAGE:
                _force_intent(message, NON_ENGLISH)
                _set_language(message, OTHER_LANGUAGE)
        return messages


def acknowledgement(text: str) -> bool:
    """The whole message only acknowledges, in Spanish ("vale", "¡Perfecto!", "ok, ya"; content/vocabulary.yml)."""
    return fold(text) in VOCABULARY.acknowledgements


def _yes_or_no(message: Message, text: str) -> bool:
    """A short yes or no the classifier recognised (it learnt Spanish ones from data/nlu/safety_es.yml)."""
    return (message.get(INTENT) or {}).get("name") in {"affirm", "deny"} and len(WORD.findall(text)) <= 4


# Answered in Spanish by the `language` slot's variant of their response (domain.yml; data/nlu/chat_es.yml).
SMALL_TALK = frozenset({"greet", "thank", ACKNOWLEDGE, "goodbye", "bot_challenge", "what_can_you_do", OUT_OF_SCOPE})


def _small_talk(message: Message) -> bool:
    """ "hola", "gracias", "¿eres un robot?", an off-topic question: read confidently by the classifier."""
    intent = message.get(INTENT) or {}
    return intent.get("name") in SMALL_TALK and (intent.get("confidence") or 0.0) >= FALLBACK_THRESHOLD


def _drug_turn(message: Message) -> bool:
    """DrugRouting's "the drug alone" or "a drug follow-up" turn: action_answer_faq weighs the conversation."""
    return (message.get(INTENT) or {}).get("name") in {INFORM_DRUG, DRUG_FOLLOWUP}


def _spanish_answer(message: Message) -> bool:
    """A Spanish question DrugRouting routed to a curated answer with the classifier sure enough of it:
    the turn goes to action_answer_faq, which answers in the message's language (content/es/topics.yml)."""
    intent = message.get(INTENT) or {}
    if not message.get(ROUTE_KEY) or (intent.get("confidence") or 0.0) < FALLBACK_THRESHOLD:
        return False
    if intent.get("name") != DRUG_FOLLOWUP:
        message.set(INTENT, {"name": DRUG_FOLLOWUP, "confidence": intent.get("confidence")}, add_to_output=True)
    return True


def _set_language(message: Message, value: str) -> None:
    """The `language` entity (fills the slot that picks utter_non_english's Spanish-only wording)."""
    entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != LANGUAGE_ENTITY]
    entities.append({"entity": LANGUAGE_ENTITY, "value": value, "extractor": "LanguageGuard"})
    message.set(ENTITIES, entities, add_to_output=True)
