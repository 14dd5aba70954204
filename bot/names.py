"""Names that more than one room uses, in one place: tiers, intents, and the keys the NLU components
write into a parse for the dialogue to read.

The safety intents map to the tier of help they trigger (bot.nlu.safety_net raises them; the
escalation actions act on them). Chat intents are small talk and form answers: the drug-and-aspect
routing never turns them into an FAQ answer.
"""

from __future__ import annotations

# -- tiers of help ------------------------------------------------------------------------------
TIERS = ("emergency", "crisis", "urgent", "care_team")  # most severe first
SEVERITY = {tier: rank for rank, tier in enumerate(TIERS)}
RED_FLAG_TIERS = TIERS[:3]  # the tiers with a static reply that never waits for the action server

# -- intents ------------------------------------------------------------------------------------
TIER_OF_INTENT = {
    "report_emergency": "emergency",
    "report_crisis": "crisis",
    "report_urgent": "urgent",
    "ask_personal": "care_team",
    "request_human": "care_team",
}
INTENT_FOR_TIER = {
    "emergency": "report_emergency",
    "crisis": "report_crisis",
    "urgent": "report_urgent",
    "care_team": "ask_personal",
}
SAFETY_INTENTS = frozenset(TIER_OF_INTENT)
CHAT_INTENTS = frozenset(
    {"greet", "goodbye", "thank", "acknowledge", "bot_challenge", "affirm", "deny", "give_details"}
)
REQUEST_HUMAN = "request_human"
ASK_TOPIC = "ask_topic"  # a topic button: /ask_topic{"topic": "<id>"}
INFORM_DRUG = "inform_drug"  # a drug name alone ("Zometa?")
DRUG_FOLLOWUP = "drug_followup"  # an answer that depends on the drug asked about or remembered
OUT_OF_SCOPE = "out_of_scope"
NLU_FALLBACK = "nlu_fallback"
NON_ENGLISH = "non_english"
ACKNOWLEDGE = "acknowledge"  # "vale", "entendido": a short acknowledgement back (issue 12)
EMPTY_MESSAGE = "empty_message"
NO_ANSWER_INTENTS = frozenset({OUT_OF_SCOPE, NLU_FALLBACK, NON_ENGLISH, EMPTY_MESSAGE})
# "Was this helpful?" (issue 15, docs/feedback.md): the buttons under each curated answer send
# /feedback{"helpful":true|false,"topic":"<topic id>"}; never predicted by the classifier.
FEEDBACK_INTENT = "feedback"
HELPFUL_ENTITY = "helpful"
TOPIC_ENTITY = "topic"

# -- keys NLU components add to a parse (message.set(..., add_to_output=True)) --------------------
ROUTE_KEY = "bone_health_route"  # {retrieval_intent, topic}: DrugRouting, SafetyNet
SAFETY_KEY = "bone_health_safety"  # {tier, category, source, also, model_intent}: SafetyNet
CLASSIFIER_RANKING_KEY = "bone_health_classifier_ranking"  # the classifier's ranking before a guard
CATEGORY_ENTITY = "safety_category"  # entity (and slot) naming the red flag's category
# -- languages (issue 12): the language of a message, an entity (and slot) SafetyNet and LanguageGuard set
LANGUAGE_ENTITY = "language"  # "en" or "es" for a red flag or a Spanish message, "other" for another language
LANGUAGES = ("en", "es")  # the languages the safety replies are written in (content/safety.yml, `es:`)
OTHER_LANGUAGE = "other"  # a language the bot does not speak (utter_non_english: English and Spanish)

# -- metadata on messages the Rasa-side fallback sends (bot.serve.rasa_entry) ---------------------
FALLBACK_FLAG = "bone_health_fallback"
GENERAL_ANSWER_FLAG = "bone_health_general_answer"

# -- what a new session carries from the one before (bot.serve.sessions), in `session_started` metadata:
# {"offered": [the last reply's buttons], "recent_texts": [the person's last messages]}
SESSION_CARRY_KEY = "bone_health_carry"

# -- conversation ids ------------------------------------------------------------------------------
WIDGET_CONVERSATIONS = "web-"  # prefix of the web widget's conversations (REST may not post into them)

# The language a person chose (issue 12): the widget's English / Español button, or a word in a messaging
# channel. Sent with every message as UserMessage metadata {CHOSEN_LANGUAGE_KEY: "en" | "es"}.
CHOSEN_LANGUAGE_KEY = "language"
# The slot (and greeting-payload entity) that keeps a messaging channel's choice in the tracker
# (bot/channels/language.py): it survives a restart and every replica reads it.
CHOSEN_LANGUAGE_SLOT = "chosen_language"
# A message that is only one of these words switches the conversation's language (accents folded).
LANGUAGE_WORDS = {"espanol": "es", "spanish": "es", "castellano": "es", "english": "en", "ingles": "en"}
