"""The care-team form's validation: consent, name, contact, best time and description.

Contact details are checked (an email or a phone number), names that are markup or numbers are refused,
and "no", "stop" or "cancel" as an answer to any question ends the form with nothing sent. Filing the
ticket after the form is actions/escalation.py (ActionEscalateCareTeam).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.names import LANGUAGE_ENTITY
from bot.safety import content as safety_content

MAX_DESCRIPTION = 500

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
# "No", "stop" or "cancel" given as an answer to any question of the form: stop, send nothing.
CANCEL = re.compile(
    r"^\W*(no|nope|nah|no thanks?|no thank you|not now|cancel|stop|quit|exit|never ?mind|"
    r"forget it|don'?t send( it)?|i changed my mind|i don'?t want (this|that|to)|"
    # Spanish (issue 12): "no, gracias", "cancelar", "ya no", "olvídelo", "no lo mande"
    r"no,? gracias|ahora no|mejor no|ya no|cancela(r)?|canc[eé]lelo|para|pare|basta|olv[ií]d[ae]lo|"
    r"no lo mande|no lo env[ií]e|cambi[eé] de idea|no quiero)\W*$",
    re.IGNORECASE,
)
NAME_PREFIX = re.compile(
    r"^\s*(my name is|my name's|i am|i'm|im|it's|it is|this is|call me|name:?|"
    r"me llamo|mi nombre es|soy|nombre:?)\s+",
    re.IGNORECASE,
)


def parse_contact(text: str) -> Optional[Dict[str, str]]:
    """{"method": "email"|"phone", "value": ...} from what the person typed, or None."""
    email = EMAIL.search(text or "")
    if email:
        return {"method": "email", "value": email.group(0)}
    phone = PHONE.search(text or "")
    if phone:
        digits = re.sub(r"\D", "", phone.group(0))
        if 7 <= len(digits) <= 15:
            return {"method": "phone", "value": " ".join(phone.group(0).split())}
    return None


def clean_name(text: str) -> Optional[str]:
    name = NAME_PREFIX.sub("", (text or "").strip()).strip(" .,!?:;\"'")
    words = name.split()
    if not name or len(name) > 60 or len(words) > 5 or re.search(r"[\d@/\\<>{}\[\]]", name):
        return None
    if not re.search(r"[^\W\d_]", name) or name.lower() in {
        "yes",
        "no",
        "ok",
        "okay",
        "sure",
        "yeah",
        "nope",
        "sí",
        "si",
        "claro",
    }:
        return None
    return name


def _message(tracker: Tracker, key: str) -> str:
    """A form message in the conversation's language (the language slot: "es" or English)."""
    language = safety_content.language_of_reply(tracker.get_slot(LANGUAGE_ENTITY))
    return safety_content.load().message(key, language)


class ValidateCareTeamForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_care_team_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        # "No" to consent, "no" at the confirm step, or "cancel" anywhere ends the form at once.
        if tracker.get_slot("care_team_consent") is False or tracker.get_slot("care_team_confirm") is False:
            return []
        return domain_slots

    @staticmethod
    def _cancelled(value: Any) -> bool:
        return isinstance(value, str) and bool(CANCEL.match(value))

    def _stop(self) -> Dict[Text, Any]:
        return {"care_team_confirm": False}

    def validate_care_team_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if self._cancelled(value):
            return self._stop()
        name = clean_name(str(value))
        if name is None:
            dispatcher.utter_message(text=_message(tracker, "invalid_name"))
            return {"care_team_name": None}
        return {"care_team_name": name}

    def validate_care_team_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if self._cancelled(value):
            return self._stop()
        contact = parse_contact(str(value))
        if contact is None:
            dispatcher.utter_message(text=_message(tracker, "invalid_contact"))
            return {"care_team_contact": None, "care_team_contact_method": None}
        return {"care_team_contact": contact["value"], "care_team_contact_method": contact["method"]}

    def validate_care_team_best_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if self._cancelled(value):
            return self._stop()
        text = " ".join(str(value).split())[:100]
        return {"care_team_best_time": text or None}

    async def extract_care_team_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """In a callback form that an urgent red flag started (its urgent ticket is already filed), the
        person describing those same signs ("the sore by my tooth is getting bigger") is answering the
        question, not raising a new alarm. The domain's mapping leaves urgent wording out, so it would
        otherwise start a second urgent ticket and form. Emergencies and crises still interrupt, and
        urgent signs in a non-urgent (care-team) form still escalate to the urgent tier."""
        if tracker.get_slot("requested_slot") != "care_team_description":
            return {}
        if tracker.get_slot("care_team_tier") != "urgent":
            return {}
        if (tracker.latest_message.get("intent") or {}).get("name") != "report_urgent":
            return {}
        text = tracker.latest_message.get("text") or ""
        return {"care_team_description": text} if text.strip() else {}

    def validate_care_team_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if self._cancelled(value):
            return self._stop()
        text = " ".join(str(value).split())
        if len(text) < 3:
            dispatcher.utter_message(text=_message(tracker, "invalid_description"))
            return {"care_team_description": None}
        return {"care_team_description": text[:MAX_DESCRIPTION]}
