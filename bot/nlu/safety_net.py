"""SafetyNet: the NLU component that makes a red flag caught by EITHER the classifier or the
deterministic patterns (bot/safety/engine.py) route to triage.

It runs after the classifiers and DrugRouting, before LanguageGuard and FallbackClassifier:

- the patterns' hit and the classifier's safety intent (report_emergency, report_crisis,
  report_urgent, ask_personal, request_human) are compared and the most severe tier wins
  (emergency > crisis > urgent > care_team);
- the message gets that tier's intent with confidence 1.0 (so FallbackClassifier never turns a red
  flag into "Did you mean…?"), a `safety_category` entity (fills the slot that picks the
  category's static reply) and `bone_health_safety` in the parse: {tier, category, source, also,
  model_intent (the classifier's own guess)};
- for a clinical or personal question it records the best FAQ answer as `bone_health_route` (as
  DrugRouting does), so the care-team reply can also give the general educational answer.

English and Spanish (issue 12): the patterns of both languages run on every message with Spanish in
it, and the classifier is trained on both. The message's language (bot/safety/language.py) is written
as the `language` entity ("en" or "es": fills the slot that picks the reply's and the care-team form's
language) and in `bone_health_safety`. LanguageGuard does not override a safety intent, so a red flag in
a mixed-language message still reaches triage. A message in a language the bot does not speak
("other": French, Chinese…) is triaged only on a pattern's hit: the classifier's guess on words it was
never trained on is noise, and LanguageGuard gives such a message the emergency number and the helpline
in English and Spanish (utter_non_english). The classifier's care-team guess (not a red flag) on a
Spanish question with nobody in it ("¿el Zometa puede dañar los riñones?", read by the Spanish grammar of
the patterns) is not escalated either: the same question-versus-report line as the patterns; nor is its
emergency or urgent guess when such a question is about people in general ("¿la fiebre es importante cuando
uno está en quimio?"), since the patterns, which found nothing, read Spanish reports better than it does.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue import context, followup
from bot.names import (
    CATEGORY_ENTITY,
    LANGUAGE_ENTITY,
    OTHER_LANGUAGE,
    ROUTE_KEY,
    SAFETY_KEY,
    TIER_OF_INTENT,
)
from bot.nlu.components import WORD, _Stateless, field_vocabulary, keep_classifier_ranking
from bot.nlu.language_choice import chose_spanish
from bot.nlu.language_guard import acknowledgement
from bot.safety import care_en, english_general, english_messages, lookalikes, spanish_context, spanish_told, triage
from bot.safety import engine as safety
from bot.safety import language as languages
from bot.safety.temperature import CHEMO_ONLY

logger = logging.getLogger(__name__)

# The general answer shown with a personal question: the likeliest FAQ area's answer when
# the answer classifier is at least this sure of it (module constants, so tuning needs no retraining).
MIN_ROUTE_INTENT_CONFIDENCE = 0.1
MIN_ROUTE_RESPONSE_CONFIDENCE = 0.5
# The classifier's urgent or care-team intent escalates on its own (no pattern hit) only when it is at least
# this sure: below it the top guess barely leads the rest (the dev FAQ question "my mom's oncologist
# mentioned radiating the sore spot in her hip…" was an urgent at 0.07). An emergency or crisis guess that
# tops the ranking always escalates, however unsure: the fourth frozen Spanish set's indirect crisis
# messages ("cartas de despedida…", "si yo desapareciera") were the classifier's top guess at 0.12-0.23
# and no pattern's, and a needless crisis reply costs far less than a missed one. A pattern hit always
# escalates.
MIN_MODEL_SAFETY_CONFIDENCE = 0.3


def _unsure_guess(predicted, confidence: float) -> bool:
    return TIER_OF_INTENT.get(predicted or "") in ("urgent", "care_team") and confidence < MIN_MODEL_SAFETY_CONFIDENCE


# An urgent or care-team guess of the classifier alone, on an English message no pattern flags, escalates
# only when the classifier is at least this sure (FallbackClassifier's threshold): below it the guess is
# noise on a general question that shares a few words with a report ("sore spot in her hip" in a question
# about radiation), and the turn gets "Did you mean…?". English only: the English patterns alone reach
# 100% on every English safety set, the Spanish ones still lean on the classifier (issue 12). Emergency
# and crisis guesses always escalate.
MIN_MODEL_ONLY_CONFIDENCE = 0.45
# "my treatment", "her treatments": what this bot's users are treated for is their cancer (a field word,
# though "treatment" alone is also everyone's: "treatment for hay fever")
_OWN_TREATMENT = re.compile(r"\b(my|her|his|our|their|mum's|mom's|dad's) (cancer |bone )?treatments?\b", re.I)


def _unsure_model_only(predicted, confidence: float) -> bool:
    return TIER_OF_INTENT.get(predicted or "") in ("urgent", "care_team") and confidence < MIN_MODEL_ONLY_CONFIDENCE


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(_Stateless):
    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        from bot import content as content_mod

        self.content = content_mod.load()
        self.field_words = field_vocabulary(self.content)
        self.known_words = followup.content_words(self.content)
        safety.warm_up()  # compile the patterns when the model loads, not on the first message

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _in_field_words(self, text: str) -> bool:
        """A word of the curated content that no out-of-scope example uses ("mets", "spine", "oncologist"), the
        person's own treatment ("can i have a glass of wine on my treatment?": here, their cancer treatment), or a
        chemotherapy drug's name."""
        if any(word.lower() in self.field_words for word in WORD.findall(text)) or _OWN_TREATMENT.search(text):
            return True
        return bool(CHEMO_ONLY.search(text))  # a cancer drug named ("ibuprofen with my capecitabine"): this field

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not text.strip() or text.startswith("/"):
            return  # empty, or a button payload parsed by Rasa's RegexMessageHandler
        intent = message.get(INTENT) or {}
        predicted = intent.get("name")
        if _unsure_guess(predicted, intent.get("confidence") or 0.0):
            predicted = None  # an unsure urgent or care-team guess: the patterns alone decide
        hit = safety.classify(text)
        language = languages.detect(text, spanish_hit=bool(hit and hit.language == "es"))
        if language == OTHER_LANGUAGE and hit is None:
            return  # LanguageGuard: the emergency number and the helpline, in English and Spanish
        if hit is None and acknowledgement(text):
            return  # "vale", "ya": LanguageGuard's acknowledgement, whatever the classifier guessed
        # A message in this field's words (a drug, "mets", "spine"…): a dropped guess's share goes to the others.
        field = any(e.get("entity") == "drug" for e in message.get(ENTITIES) or []) or self._in_field_words(text)
        if hit is None and predicted in TIER_OF_INTENT and lookalikes.no_subject(text):
            _drop_safety_guess(message, field)  # "and the other thing?": nothing named to report ("Did you mean…?")
            return
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        if hit is None and language == "en" and _unsure_model_only(predicted, confidence):
            return  # "…radiating the sore spot in her hip, how does that help?": a guess, not a report
        if hit is None and language == "en" and _restate_wish(text, predicted):
            # "simpler please, i'm not medical": the last answer again, nothing to report
            _drop_safety_guess(message, field)
            return
        if hit is None and language == "en" and _general_follow_up(text, predicted, self.known_words):
            # "anything she can do so she doesnt get it": the last answer's follow-up
            _drop_safety_guess(message, field)
            return
        if hit is None and language == "en" and _general_english_question(text, predicted):
            _drop_safety_guess(message, field)  # "my wife is on xgeva, does it cause tingling in the fingers?"
            return
        if hit is None and predicted in TIER_OF_INTENT and _general_english_other(text, predicted, language):
            _drop_safety_guess(message, field)  # "my uncle keeps saying tamoxifen makes everyone gain weight, true?"
            return
        # A message in this field's words (a drug, "mets", "spine"…) is never a cat's vet visit: triage.decide
        # lets its care-team pattern stand against an out-of-scope guess ("can i play tennis with the mets in my spine").
        in_field = field or care_en.bare_request(text)  # "operator": a request for a person and nothing else
        decision = triage.decide(hit, predicted, in_field)
        if decision is None:
            return
        if _general_spanish_question(text, language, hit, decision):
            return  # a Spanish question with nobody in it: LanguageGuard's Spanish reply, not an escalation
        # The reply's language: the one the person chose (bot/nlu/language_choice.py), else the message's.
        language = "es" if language == "es" or chose_spanish(message) else "en"
        if decision["tier"] == "care_team" and not message.get(ROUTE_KEY):
            self._record_general_answer(message)
        intent = {"name": decision["intent"], "confidence": 1.0}
        keep_classifier_ranking(message)  # the staff lookup still ranks scripts for these words
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in (CATEGORY_ENTITY, LANGUAGE_ENTITY)]
        for entity, value in ((CATEGORY_ENTITY, decision["category"]), (LANGUAGE_ENTITY, language)):
            entities.append(
                {
                    "entity": entity,
                    "value": value,
                    "start": 0,
                    "end": len(text),
                    "confidence_entity": 1.0,
                    "extractor": "SafetyNet",
                }
            )
        message.set(ENTITIES, entities, add_to_output=True)
        message.set(
            SAFETY_KEY,
            {
                **{k: decision[k] for k in ("tier", "category", "source", "also")},
                "model_intent": predicted,
                "language": language,
            },
            add_to_output=True,
        )
        logger.debug(
            "safety net: tier %s, category %s, source %s, language %s",
            decision["tier"],
            decision["category"],
            decision["source"],
            language,
        )

    def _record_general_answer(self, message: Message) -> None:
        """The answer classifier's pick of the likeliest FAQ area, when the classifier found one."""
        selectors = message.get("response_selector") or {}
        for ranked in message.get(INTENT_RANKING_KEY) or []:
            intent = ranked.get("name")
            if intent not in self.content.groups:
                continue
            if (ranked.get("confidence") or 0) < MIN_ROUTE_INTENT_CONFIDENCE:
                return
            response = (selectors.get(intent) or {}).get("response") or {}
            if (response.get("confidence") or 0) < MIN_ROUTE_RESPONSE_CONFIDENCE:
                return
            selected = response.get("intent_response_key") or ""
            topic = self.content.topic_for_key(selected) if selected else None
            if topic:
                message.set(ROUTE_KEY, {"retrieval_intent": intent, "topic": topic.id}, add_to_output=True)
            return


def _restate_wish(text: str, predicted) -> bool:
    """The classifier alone guessed a safety tier on an English wish to have the last answer in plainer words with no
    subject of its own (bot/dialogue/followup.py): "i didnt follow, put it more simply" names no sign, no person in
    trouble, nothing to report (with ~1,100 red-flag examples the classifier read it as an emergency). Any pattern's
    hit still counts (SafetyNet asks this only when the patterns found nothing)."""
    return (
        bool(TIER_OF_INTENT.get(predicted or "")) and followup.is_restate(text) and not followup.names_own_subject(text)
    )


def _general_english_question(text: str, predicted) -> bool:
    """The classifier alone guessed urgent or care team on an English message whose every question asks for
    general information about nobody, after any context (bot/safety/english_shapes.py `general_question`), or
    emergency on a message that is only such a question, with nobody and no number in it at all ("what
    temperature counts as a fever during chemo?": `impersonal_question`), the line the patterns draw. Crisis
    guesses always count, and emergency ones on anything else ("can't feel legs, what does it mean?")."""
    tier = TIER_OF_INTENT.get(predicted or "")
    if tier == "emergency":  # or history before such questions ("…his legs went weak but it got better with…")
        return english_messages.impersonal_question(text) or english_messages.history_question(text)
    return tier in ("urgent", "care_team") and english_messages.general_question(text)


def _general_english_other(text: str, predicted, language: str) -> bool:
    """The classifier alone guessed a safety tier on an English claim passed on and checked, about nobody ("my uncle
    keeps saying tamoxifen makes everyone gain weight. is that true?": english_general.claim_check), or, crisis
    apart, on schoolwork with nothing of cancer care ("solve 3x = 12 for me": lookalikes.schoolwork). A pattern's
    hit always counts (SafetyNet asks this only when the patterns found nothing)."""
    if language != "en":
        return False
    return english_general.claim_check(text) or (predicted != "report_crisis" and lookalikes.schoolwork(text))


def _general_follow_up(text: str, predicted, known_words) -> bool:
    """The classifier alone guessed emergency or crisis on a short English question that points back and asks how to
    keep it from happening or how common it is, in the content's own words (bot/dialogue/context.py
    `general_follow_up`): it asks about the last answer ("right so how would she cut down her chances of it" was a
    crisis guess: "cut"). Every pattern's hit still counts (docs/safety.md)."""
    return TIER_OF_INTENT.get(predicted or "") in ("emergency", "crisis") and context.general_follow_up(
        text, known_words
    )


def _drop_safety_guess(message: Message, share: bool = True) -> None:
    """The classifier's safety guess is not acted on: its best other intent takes its place; left as it was, the
    turn would escalate. The others share the dropped guess's probability in proportion ("why can spine mets lead
    to numb legs": 0.83 emergency, 0.17 the cord-compression answer, which is then sure of it), so FallbackClassifier
    asks "Did you mean…?" only when the classifier was unsure among them too. Not for a message without this field's
    words (`share` False: "solve x plus 5 equals 12 for me" would be sure of a bone answer): their own confidences."""
    full = message.get(INTENT_RANKING_KEY) or []
    dropped = share * sum(float(r.get("confidence") or 0) for r in full if r.get("name") in TIER_OF_INTENT)
    ranking = [
        {**r, "confidence": float(r.get("confidence") or 0) / max(1.0 - dropped, 1e-9)}
        for r in full
        if r.get("name") not in TIER_OF_INTENT
    ]
    if not ranking:
        return
    keep_classifier_ranking(message)
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def _general_spanish_question(text: str, language: str, hit, decision: Dict[str, Any]) -> bool:
    """The classifier alone escalated a Spanish question with nobody in it (read by the Spanish grammar of the
    patterns): a care-team guess ("¿el Zometa puede dañar los riñones?"), or a red-flag guess when the question
    is about people in general ("¿la fiebre es importante cuando uno está en quimio?": `uno`, `la gente`,
    `los pacientes`), or, crisis apart, a general question about a sign told by a source, supposed of nobody or listed,
    or asking what a named thing is, with nothing happening (bot/safety/spanish_told.py `general_told`,
    `what_is_asked`). The patterns found nothing (a crisis pattern always counts), so it is a question to answer."""
    if language != "es" or hit is not None or decision["source"] != "model":
        return False
    tier = decision["tier"]
    if tier != "crisis" and (spanish_told.general_told(text) or spanish_told.what_is_asked(text)):
        return True  # "en el folleto sale dolor de mandíbula…, ¿de qué es señal?", "esgeva ke es, se lo ponen a…"
    if tier in ("emergency", "urgent") and spanish_context.history_question(text):
        return True  # "hace dos años mi mamá se fracturó la muñeca y ya sanó. ¿el calcio ayuda a prevenir…?"
    if tier == "care_team" and spanish_context.others_story_general(text):
        return True  # "mi vecina se vacunó estando en quimio, ¿en general se recomiendan las vacunas…?"
    if not safety.general_question_es(text):
        return False
    return tier == "care_team" or (tier in ("emergency", "urgent") and languages.names_generic_person(text))
