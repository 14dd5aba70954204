"""Custom Rasa NLU components: deterministic guards around the ML classifiers.

- `MessageSanitizer` runs first: strips control characters and bounds the length, so binary junk or a
  pasted 1 MB document cannot slow the featurizers down or crash the tokenizer.
- `LanguageGuard` runs after the classifiers: a message that is empty or clearly Spanish gets a fixed
  intent, because a classifier trained on English would otherwise pick the nearest English answer.
- `DrugRouting` runs after the ResponseSelectors: an answer that is about particular drugs is only
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

MAX_CHARS = 1000


def sanitize(text: Optional[str], max_chars: int = MAX_CHARS) -> str:
    """Printable text only, whitespace collapsed, at most `max_chars` characters (cut at a word)."""
    if not text:
        return ""
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > max_chars:
        cleaned = cleaned[:max_chars].rsplit(" ", 1)[0]
    return cleaned


def _force_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)


class _Stateless(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
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


# Frequent Spanish function words that are not also common English words.
SPANISH_WORDS = frozenset(
    "el la los las un una unos unas que qué de del por para con sin es son está están estoy tengo tiene "
    "mi mis su sus yo usted ella pero muy como cómo cuál cuando cuándo dónde qué porque hola gracias "
    "hueso huesos dolor mamá madre esposa esposo cáncer mama medicamento puedo quiero necesito ayuda "
    "también sobre efectos secundarios mandíbula tratamiento".split())
ENGLISH_HINTS = frozenset("the is are what how my of and to for with can does do i you it".split())
WORD = re.compile(r"[a-záéíóúñü]+", re.IGNORECASE)


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
            if not WORD.search(text) and not re.search(r"\w", text):
                _force_intent(message, "empty_message")
            elif looks_spanish(text):
                _force_intent(message, "non_english")
        return messages


ROUTE_KEY = "bone_health_route"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DrugRouting(_Stateless):
    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        from bot import content as content_mod  # content/ is read once per model load

        self.content = content_mod.load()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent == "drug_followup":
                # Predicted directly ("how often do I get it?"): the aspect comes from the best FAQ area.
                intent = next((r["name"] for r in message.get(INTENT_RANKING_KEY) or []
                               if r.get("name") in self.content.groups), None)
            if intent not in self.content.groups:
                continue
            selected = ((message.get("response_selector") or {}).get(intent) or {}).get("response") or {}
            topic = self.content.topic_for_key(selected.get("intent_response_key") or "")
            if topic is None:
                continue
            message.set(ROUTE_KEY, {"retrieval_intent": intent, "topic": topic.id}, add_to_output=True)
            if not (topic.drugs and topic.aspects):
                continue
            named = {self.content.specific_drug(e.get("value")) for e in message.get(ENTITIES) or []
                     if e.get("entity") == "drug"} - {None}
            if named and all(self.content.covers(topic, n) for n in named):
                continue
            confidence = (message.get(INTENT) or {}).get("confidence", 1.0)
            message.set(INTENT, {"name": "drug_followup", "confidence": confidence}, add_to_output=True)
        return messages
