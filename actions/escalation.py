"""Escalation actions (issue 4): red flags, crisis, and care-team follow-up. docs/safety.md.

Every text comes from content/safety.yml (bot.safety.content) or the curated FAQ content; tickets go
through the shared contract of bot.tickets. Order for a red flag: the tier's reply first (normally
already sent by the static response utter_safety_<tier> in the rule, which works without this
server; sent here only if it was not), then the ticket, then its reference number. If the ticket
store cannot be written, the person is told to call the helpline now; the log names the tier and
the error type, never the person's words or contact details.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import content as content_mod
from bot.dialogue import turn
from bot.names import CATEGORY_ENTITY, LANGUAGE_ENTITY, SAFETY_KEY, SESSION_CARRY_KEY
from bot.safety import content as safety_content
from bot.tickets import TicketRequest, TicketService, TicketStoreError

logger = logging.getLogger(__name__)

FORM = "care_team_form"
FORM_SLOTS = (
    "care_team_consent",
    "care_team_name",
    "care_team_contact",
    "care_team_contact_method",
    "care_team_best_time",
    "care_team_description",
    "care_team_confirm",
)
REQUEST_SLOTS = ("care_team_tier", "care_team_category", "care_team_trigger")
MAX_RECENT = 5

# -- tickets ---------------------------------------------------------------------------------------

_service: Optional[TicketService] = None


def ticket_service() -> TicketService:
    """One service per action-server process (created on first use; retried if that failed)."""
    global _service
    if _service is None:
        _service = TicketService.from_env()
    return _service


def user_texts(tracker: Tracker) -> List[str]:
    """The person's messages in this conversation, oldest first (button payloads left out); a session
    that started after MAX_SESSION_TURNS messages carries the last ones before it (bot/serve/sessions.py)."""
    texts: List[str] = []
    for e in tracker.events:
        if e.get("event") == "session_started":
            texts = list(((e.get("metadata") or {}).get(SESSION_CARRY_KEY) or {}).get("recent_texts") or [])
        elif e.get("event") == "user" and (e.get("text") or "").strip() and not (e.get("text") or "").startswith("/"):
            texts.append(e.get("text") or "")
    return texts


def file_ticket(
    tracker: Tracker,
    tier: str,
    category: str,
    trigger: str,
    recent: List[str],
    contact: Optional[Dict[str, Any]] = None,
    language: str = "en",
) -> Optional[str]:
    """File the ticket (with the person's language, so the care team calls back in it); its reference,
    or None when the store could not be written."""
    try:
        ticket = ticket_service().file(
            TicketRequest(
                tier=tier,
                category=category or "unspecified",
                channel=tracker.get_latest_input_channel() or "unknown",
                conversation_id=tracker.sender_id,
                contact=contact,
                trigger_message=trigger or "",
                recent_messages=recent[-MAX_RECENT:],
                language=language,
            )
        )
    except TicketStoreError as error:
        logger.error(
            "Ticket store unavailable: %s ticket (%s) not filed (%s); the person was told to call " "the helpline.",
            tier,
            category,
            type(error).__name__,
        )
        return None
    except Exception as error:  # noqa: BLE001 - whatever failed, the person must not wait for a callback
        logger.error(
            "Filing a %s ticket (%s) failed (%s); the person was told to call the helpline.",
            tier,
            category,
            type(error).__name__,
        )
        return None
    logger.info("Filed ticket %s", ticket.reference)
    return ticket.reference


def tell_reference(
    dispatcher: CollectingDispatcher, safety: safety_content.SafetyContent, reference: Optional[str], language: str
) -> None:
    if reference:
        dispatcher.utter_message(text=safety.message("ticket_filed", language, reference=reference))
    else:
        dispatcher.utter_message(text=safety.message("ticket_failed", language))


# -- conversation helpers ----------------------------------------------------------------------------


def safety_parse(tracker: Tracker) -> Dict[str, Any]:
    return tracker.latest_message.get(SAFETY_KEY) or {}


def language_of(tracker: Tracker) -> str:
    """The language of the replies and the ticket: this message's (SafetyNet), else the language slot."""
    return safety_content.language_of_reply(safety_parse(tracker).get("language") or tracker.get_slot(LANGUAGE_ENTITY))


METHOD_ES = {"phone": "teléfono", "email": "correo"}


def category_for(tracker: Tracker, safety: safety_content.SafetyContent, tier: str) -> str:
    """The category SafetyNet found for this tier, else the safety_category slot if it is one of it."""
    parsed = safety_parse(tracker)
    candidates = [parsed.get("category") if parsed.get("tier") == tier else None, tracker.get_slot(CATEGORY_ENTITY)]
    return next((c for c in candidates if c and c in safety.categories(tier)), "unspecified")


def already_said(tracker: Tracker, response: str) -> bool:
    """True when `response` was uttered since the person's last message (the static reply)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            return True
    return False


def clear_request() -> List[EventType]:
    """Forget the care-team request: contact details are kept only until the ticket is filed."""
    return [SlotSet(slot, None) for slot in FORM_SLOTS + REQUEST_SLOTS]


def stop_form(tracker: Tracker) -> List[EventType]:
    if (tracker.active_loop or {}).get("name"):
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
    return []


# -- red flags -------------------------------------------------------------------------------------


class _EscalateRedFlag(Action):
    tier = ""

    def name(self) -> Text:
        return f"action_escalate_{self.tier}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        safety = safety_content.load()
        category = category_for(tracker, safety, self.tier)
        language = language_of(tracker)
        if not already_said(tracker, f"utter_safety_{self.tier}"):
            dispatcher.utter_message(text=safety.reply(self.tier, category, language))
        if self.tier == "emergency" and "crisis" in (safety_parse(tracker).get("also") or []):
            dispatcher.utter_message(text=safety.reply("crisis", language=language))
        trigger = tracker.latest_message.get("text") or ""
        reference = file_ticket(tracker, self.tier, category, trigger, user_texts(tracker), language=language)
        tell_reference(dispatcher, safety, reference, language)
        return stop_form(tracker) + clear_request() + self.after(tracker, category, trigger)

    def after(self, tracker: Tracker, category: str, trigger: str) -> List[EventType]:
        return []


class ActionEscalateEmergency(_EscalateRedFlag):
    tier = "emergency"


class ActionEscalateCrisis(_EscalateRedFlag):
    tier = "crisis"


class ActionEscalateUrgent(_EscalateRedFlag):
    """Also prepares the callback offer: the rule then starts care_team_form, which asks for consent."""

    tier = "urgent"

    def after(self, tracker: Tracker, category: str, trigger: str) -> List[EventType]:
        return [
            SlotSet("care_team_tier", "urgent"),
            SlotSet("care_team_category", category),
            SlotSet("care_team_trigger", trigger),
        ]


# -- clinical or personal questions, and requests for a person --------------------------------------


class ActionOfferCareTeam(Action):
    """Say kindly why the bot can't decide this, give the general answer if there is one, then the
    rule starts care_team_form (consent first)."""

    def name(self) -> Text:
        return "action_offer_care_team"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        safety = safety_content.load()
        content = content_mod.load()
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        category = category_for(tracker, safety, "care_team")
        if intent == "request_human":
            category = "request_human"
        language = language_of(tracker)
        dispatcher.utter_message(text=safety.reply("care_team", category, language))
        if category != "request_human":
            self._general_answer(dispatcher, tracker, content, safety, category, language)
        trigger = message.get("text") or ""
        return (
            stop_form(tracker)
            + clear_request()
            + [
                SlotSet("care_team_tier", "care_team"),
                SlotSet("care_team_category", category),
                SlotSet("care_team_trigger", trigger),
            ]
        )

    def _general_answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        content: content_mod.Content,
        safety: safety_content.SafetyContent,
        category: str,
        language: str,
    ) -> None:
        general = (safety.categories("care_team").get(category) or {}).get("general_topic")
        topic = turn.general_answer(tracker.latest_message, content, general, tracker.get_slot("drug"))
        if topic is None:
            return
        # In the person's language (content/es/topics.yml); English only for a topic with no Spanish entry yet.
        text = (content.render_spanish(topic) if language == "es" else None) or content.render(topic)
        dispatcher.utter_message(text=f"{safety.message('general_answer_intro', language)}\n\n{text}")


class ActionEscalateCareTeam(Action):
    """After care_team_form: on confirm, file the ticket and say what happens next; otherwise say
    that nothing was sent. Either way the contact details are cleared from the conversation."""

    def name(self) -> Text:
        return "action_escalate_care_team"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        safety = safety_content.load()
        language = safety_content.language_of_reply(tracker.get_slot(LANGUAGE_ENTITY))
        if tracker.get_slot("care_team_consent") is not True:
            dispatcher.utter_message(text=safety.message("declined", language))
            return clear_request()
        if tracker.get_slot("care_team_confirm") is not True:
            dispatcher.utter_message(text=safety.message("cancelled", language))
            return clear_request()
        method = tracker.get_slot("care_team_contact_method") or "phone"
        contact = {
            "name": tracker.get_slot("care_team_name"),
            "method": method,
            "value": tracker.get_slot("care_team_contact"),
            "best_time": tracker.get_slot("care_team_best_time"),
        }
        trigger = tracker.get_slot("care_team_trigger") or ""
        description = tracker.get_slot("care_team_description") or ""
        reference = file_ticket(
            tracker,
            tracker.get_slot("care_team_tier") or "care_team",
            tracker.get_slot("care_team_category") or "unspecified",
            trigger,
            self._context(tracker, trigger) + [description],
            contact,
            language,
        )
        if reference:
            said = METHOD_ES.get(method, method) if language == "es" else method
            dispatcher.utter_message(text=safety.message("filed", language, reference=reference, method=said))
        else:
            dispatcher.utter_message(text=safety.message("ticket_failed", language))
        return clear_request()

    @staticmethod
    def _context(tracker: Tracker, trigger: str) -> List[str]:
        """The person's messages up to the one that started the request (not their form answers)."""
        texts = user_texts(tracker)
        for index in range(len(texts) - 1, -1, -1):
            if texts[index] == trigger:
                return texts[max(0, index - (MAX_RECENT - 2)) : index + 1]
        return []
