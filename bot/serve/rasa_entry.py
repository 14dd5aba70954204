"""Start Rasa (`python -m bot.serve.rasa_entry run …`, used by bot/serve/supervisor.py) with a safety fallback.

Rasa 3.6 has no setting for what to say when a custom action fails: `MessageProcessor._run_action`
logs the exception and drops the action's events, so with the action server down the person gets
no answer at all (rasa/core/processor.py, `_run_action`; rasa/core/actions/action.py,
`RemoteAction.run` raises RasaException on a connection error or a non-200 answer; plugins are only
loaded from rasa_plus, rasa/plugin.py). This wrapper patches `RemoteAction.run` before handing over to
Rasa's own command line: when a custom action fails, Rasa itself sends the message
`messages.unavailable` (or `unavailable_escalation` for an escalation) from content/safety.yml, which
gives the helpline and the emergency numbers, and stops an active form. A red flag's own reply does
not depend on this: it is a static response sent before the custom action (data/rules.yml).

For `action_answer_faq` (a drug-aware FAQ turn) the fallback is the general curated answer that NLU
already routed the question to (`bone_health_route` in the parse), sent from the domain's own
responses: a question still gets its answer, just not re-targeted to the drug in the slot.

Only a failure is changed; a validation rejection (HTTP 400, ActionExecutionRejection) still goes to
Rasa as before. The log line names the action and the error type, never the conversation.

`main` installs this and every other patch of Rasa in the order of bot/serve/patches.py: among them the
public-surface limits of issue 14 (docs/security.md): bounded input, the REST body check and rates, the
API's failed-token limit and HSTS (bot/serve/hardening.py), typed intents and the ticket limits per
conversation and per client address (bot/serve/conversation_guard.py).
"""

from __future__ import annotations

import functools
import logging
import sys
from typing import Any, Dict, List, Mapping, Optional

from bot.names import FALLBACK_FLAG, GENERAL_ANSWER_FLAG
from bot.names import LANGUAGE_ENTITY as LANGUAGE_SLOT

logger = logging.getLogger("bone_health.rasa_server")

ESCALATION_ACTIONS = ("action_escalate_", "action_offer_care_team", "validate_care_team_form")


def fallback_text(action_name: str, language: str = "en") -> str:
    """The helpline and emergency numbers, in the conversation's language (the `language` slot)."""
    from bot.safety import content as safety_content

    safety = safety_content.load()
    language = safety_content.language_of_reply(language)
    if action_name.startswith(ESCALATION_ACTIONS):
        return safety.message("unavailable_escalation", language)
    return safety.message("unavailable", language)


def _already_sent(tracker: Any) -> bool:
    """The fallback was already sent since the person's last message (one per turn is enough)."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(FALLBACK_FLAG):
            return True
    return False


def fallback_events(action_name: str, tracker: Any) -> List[Any]:
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet

    events: List[Any] = []
    if not _already_sent(tracker):
        language = tracker.get_slot(LANGUAGE_SLOT)
        events.append(BotUttered(text=fallback_text(action_name, language), data={}, metadata={FALLBACK_FLAG: True}))
    if tracker.active_loop_name or action_name.startswith("validate_"):
        # A form cannot go on without its validation: stop it (the person was told whom to call).
        events += [SlotSet(REQUESTED_SLOT, None), ActiveLoop(None)]
    return events


FAQ_ACTION = "action_answer_faq"


async def routed_answer(nlg: Any, tracker: Any, channel: str) -> List[Any]:
    """The curated answer this turn shows without the conversation's memory (bot.dialogue.turn), as
    Rasa's own response from the domain (empty if there is none)."""
    from rasa.core.actions.action import create_bot_utterance

    from bot import content as content_mod
    from bot.dialogue import turn

    decision = turn.decide(tracker.latest_message.parse_data or {}, content_mod.load())
    if decision.kind != "answer":
        return []
    response = await nlg.generate(f"utter_{decision.topic.response_key}", tracker, channel)
    if not response or not response.get("text"):
        return []
    return [create_bot_utterance({**response, GENERAL_ANSWER_FLAG: True})]


def install() -> None:
    """Patch RemoteAction.run once (idempotent)."""
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

    if getattr(RemoteAction.run, "_bone_health_fallback", False):
        return
    original = RemoteAction.run

    @functools.wraps(original)
    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - any failure gets the safety fallback
            if self.name() == FAQ_ACTION:
                answer = await routed_answer(nlg, tracker, output_channel.name())
                if answer:
                    logger.error(
                        "Custom action %s failed (%s): sent the general curated answer instead.",
                        self.name(),
                        type(error).__name__,
                    )
                    return answer
            logger.error(
                "Custom action %s failed (%s): sent the helpline and emergency numbers instead.",
                self.name(),
                type(error).__name__,
            )
            return fallback_events(self.name(), tracker)

    run._bone_health_fallback = True  # type: ignore[attr-defined]
    RemoteAction.run = run


def install_deployment_numbers(values: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Fill the deployment markers (`[[emergency_number]]`, `[[helpline_number]]`, … in domain.yml and
    data/generated/safety_responses.yml) once, when Rasa starts, so the greeting and every red-flag
    reply carry the numbers of this start (EMERGENCY_NUMBER, …: bot.settings over content/safety.yml)
    without retraining. Idempotent; returns the values in force.

    Rasa 3.6 keeps the responses on TemplatedNaturalLanguageGenerator.responses: set in __init__
    (rasa/core/nlg/response.py) and again by Agent.load_model (rasa/core/agent.py,
    `self.nlg.responses = self.domain.responses`). A property on the class fills every assignment, so
    both paths (and a model reloaded through the API) get filled copies; the domain stays as trained.
    Rasa's `{slot}` interpolation runs afterwards on the filled text, as before."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator as Generator

    from bot.safety import content as safety_content

    installed = Generator.__dict__.get("_bone_health_numbers")
    if installed is not None:
        return dict(installed)
    numbers = dict(safety_content.load().settings if values is None else values)

    def get_responses(self: Any) -> Dict[str, Any]:
        return self.__dict__.get("_bone_health_responses", {})

    def set_responses(self: Any, responses: Optional[Dict[str, Any]]) -> None:
        filled = safety_content.fill_markers(responses or {}, numbers)
        left = sorted(set(safety_content.markers_in(filled)))
        if left:
            logger.error("Responses name deployment settings that do not exist: %s", ", ".join(left))
        self.__dict__["_bone_health_responses"] = filled

    Generator.responses = property(get_responses, set_responses)  # type: ignore[assignment]
    Generator._bone_health_numbers = numbers  # type: ignore[attr-defined]
    logger.info(
        "Deployment numbers: emergency %s, crisis line %s, helpline %s",
        numbers.get("emergency_number"),
        numbers.get("crisis_line"),
        numbers.get("helpline_number"),
    )
    return dict(numbers)


def main(argv: List[str]) -> None:
    from bot.serve import guard, patches

    guard.private_files()  # the SQLite tracker store is created by this process
    # Every patch of Rasa, in the one order that is part of the behaviour (bot/serve/patches.py).
    patches.install_all()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
