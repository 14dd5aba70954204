"""The load scenario (issue 13): real conversations over the REST channel, as people have them.

Each simulated person opens a new conversation (own `sender`) and plays one script to the end, reading
each answer for a few seconds (`--think-min`/`--think-max`, seconds) before the next message: FAQ
questions with follow-ups that point back ("and for Zometa?"), a red flag (the emergency reply must come
first), or the care-team form through to its ticket. A reply that is not what the script expects counts
as a failure, so a fast wrong answer is not a good figure. Run headless by `make bench`
(bot/tools/load.py), or by hand: `.venv/bin/locust -f bot/tools/locustfile.py --host http://127.0.0.1:5005`.
The texts come from the dev conversations (tests/data/dev_conversations.yml) and the safety tests, never
from the frozen test sets.
"""

from __future__ import annotations

import random
import re
import uuid
from typing import Callable, List, Optional, Tuple

from locust import HttpUser, events, task

REST = "/webhooks/rest/webhook"
EMERGENCY_FIRST = "Please call 911"
REFERENCE = re.compile(r"BH-[0-9A-Z-]+")

Check = Optional[Callable[[List[dict]], bool]]
Step = Tuple[str, str, Check]  # (request name in the stats, text, check of the replies or None)


def answered(replies: List[dict]) -> bool:
    return any(r.get("text") for r in replies)


def emergency_first(replies: List[dict]) -> bool:
    return bool(replies) and replies[0].get("text", "").startswith(EMERGENCY_FIRST)


def ticket_reference(replies: List[dict]) -> bool:
    return any(REFERENCE.search(r.get("text", "")) for r in replies)


def faq(text: str) -> Step:
    return ("faq", text, answered)


def follow_up(text: str) -> Step:
    return ("follow-up", text, answered)


# Weights: most people ask questions; some fill the care-team form; a few send a red flag.
SCRIPTS: List[Tuple[int, List[Step]]] = [
    (
        3,
        [
            faq("hello"),
            faq("side effects of xgeva"),
            follow_up("and for zometa?"),
            faq("what's ONJ"),
            follow_up("how likely is it"),
            follow_up("what can lower the chance of it"),
            faq("thank you"),
        ],
    ),
    (
        3,
        [
            faq("what is aredia"),
            follow_up("what about bondronat"),
            faq("my husband gets zoledronic acid every month"),
            follow_up("can it hurt his kidneys"),
            faq("tell me about denosumab"),
            follow_up("what happens if you stop it"),
        ],
    ),
    (
        2,
        [
            faq("how does radiation help bone pain"),
            follow_up("can the pain get worse first"),
            ("form", "I want to talk to someone from my care team", answered),
            ("form", "yes", answered),
            ("form", "Joe", answered),
            ("form", "555-123-4567", answered),
            ("form", "after 3pm", answered),
            ("form", "About my pain medicine", answered),
            ("form confirm", "yes", ticket_reference),
        ],
    ),
    (
        1,
        [
            faq("what is Xgeva?"),
            ("red flag", "I suddenly can't move my legs since lunch", emergency_first),
            faq("thank you"),
        ],
    ),
]


@events.init_command_line_parser.add_listener
def _options(parser) -> None:
    parser.add_argument("--think-min", type=float, default=2.0, help="seconds a person reads an answer, at least")
    parser.add_argument("--think-max", type=float, default=6.0, help="... and at most")


class Person(HttpUser):
    """One person after another: each task is a whole new conversation."""

    def think(self) -> float:
        options = self.environment.parsed_options
        low = getattr(options, "think_min", 2.0) if options else 2.0
        high = getattr(options, "think_max", 6.0) if options else 6.0
        return random.uniform(low, max(low, high))

    wait_time = think  # between conversations too (a new person arrives)

    @task
    def conversation(self) -> None:
        weights = [weight for weight, _ in SCRIPTS]
        script = random.choices([steps for _, steps in SCRIPTS], weights=weights)[0]
        sender = f"load-{uuid.uuid4().hex[:12]}"
        for number, (name, text, check) in enumerate(script):
            if number:
                self._sleep(self.think())
            if not self.say(sender, name, text, check):
                return  # the rest of this script would not make sense

    def _sleep(self, seconds: float) -> None:
        import gevent

        gevent.sleep(seconds)

    def say(self, sender: str, name: str, text: str, check: Check) -> bool:
        body = {"sender": sender, "message": text}
        with self.client.post(REST, json=body, name=name, catch_response=True, timeout=60) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return False
            try:
                replies = response.json()
            except ValueError:
                response.failure("not JSON")
                return False
            if check is not None and not check(replies):
                response.failure(f"unexpected reply to a {name} message")
                return False
            response.success()
            return True
