"""Every patch the Rasa server process makes to Rasa, in the one order `bot.serve.rasa_entry.main` applies them.

Several modules wrap the same Rasa method, and a later install wraps the earlier ones, so it runs first on
the way in. The order is therefore part of the behaviour (docs/architecture.md, "Patches of Rasa, in
order"); it lives here only, and tests/test_patch_order.py reads the live chains against `CHAINS`:

- `MessageProcessor._run_prediction_loop`: tracker_store, then outcomes, then Rasa. A turn read without
  its conversation (database down) gets the `unavailable` reply from tracker_store and stops there: no
  outcome is recorded for a prediction that never ran, and nothing is written to a store that is probably
  down too. The other way round, outcomes would count every outage turn.
- `MessageProcessor.handle_message`: idempotency, then tracker_store, then Rasa. A message resent with a
  known id is answered from the stored turn (idempotency raises inside `_handle_message_with_tracker`,
  before the prediction loop), so it is neither predicted nor counted again.
- `RemoteAction.run`: conversation_guard's ticket limit, then rasa_entry's fallback, then Rasa. A
  conversation over its ticket limit is refused before the action server is called; a failure of the call
  itself gets the helpline and emergency numbers.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.settings import Settings

# Patched method -> the modules wrapping it, outermost first (then Rasa's own code).
CHAINS: Dict[str, Tuple[str, ...]] = {
    "MessageProcessor.handle_message": ("bot.serve.idempotency", "bot.serve.tracker_store"),
    "MessageProcessor._handle_message_with_tracker": ("bot.serve.idempotency",),
    "MessageProcessor._run_prediction_loop": ("bot.serve.tracker_store", "bot.serve.outcomes"),
    "MessageProcessor.parse_message": ("bot.serve.conversation_guard",),
    "MessageProcessor._has_session_expired": ("bot.serve.sessions",),
    "RemoteAction.run": ("bot.serve.conversation_guard", "bot.serve.rasa_entry"),
}


def steps(common: Settings) -> List[Tuple[str, Callable[[], Any]]]:
    """The patches, in the order they are applied: (module, install)."""
    from bot.serve import (
        conversation_guard,
        hardening,
        idempotency,
        outcomes,
        rasa_entry,
        sessions,
        tracker_indexes,
        tracker_store,
    )

    return [
        ("bot.serve.rasa_entry", rasa_entry.install),  # RemoteAction.run: a failed custom action's fallback
        ("bot.serve.rasa_entry", rasa_entry.install_deployment_numbers),  # responses: [[emergency_number]], …
        ("bot.serve.hardening", lambda: hardening.install(common)),  # input bounds, REST rates, HSTS
        ("bot.serve.conversation_guard", lambda: conversation_guard.install(common)),  # typed intents, tickets
        ("bot.serve.outcomes", lambda: outcomes.install(common)),  # votes, outcome counts (docs/feedback.md)
        ("bot.serve.tracker_store", tracker_store.install),  # a database outage gets a clear reply (issue 13)
        ("bot.serve.idempotency", idempotency.install),  # a resent message is answered from its stored turn
        ("bot.serve.sessions", sessions.install),  # a session holds at most MAX_SESSION_TURNS messages
        ("bot.serve.tracker_indexes", tracker_indexes.install),  # the store reads one session by index
    ]


def install_all(common: Optional[Settings] = None) -> Settings:
    """Apply every patch once, in order (each install is idempotent)."""
    common = common or Settings.from_env()
    for _module, install in steps(common):
        install()
    return common


def chain(function: Any) -> List[str]:
    """The modules of the wrappers around a patched method, outermost first, down to Rasa's own function
    (followed through `__wrapped__`, which every wrapper sets with functools.wraps)."""
    modules = []
    while function is not None:
        modules.append(getattr(function, "__globals__", {}).get("__name__", "?"))
        function = getattr(function, "__wrapped__", None)
    return modules


def live_chains() -> Dict[str, List[str]]:
    """`chain` of every method of CHAINS as Rasa's classes hold it now."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor

    classes = {"MessageProcessor": MessageProcessor, "RemoteAction": RemoteAction}
    found = {}
    for name in CHAINS:
        owner, method = name.split(".")
        found[name] = chain(getattr(classes[owner], method))
    return found
