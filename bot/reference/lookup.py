"""The live-call lookup: the scripts that match what a caller said, red flags first.

    python -m bot.reference "caller's words"   # the three best-matching scripts (bot.reference.__main__)
    GET /reference/lookup?q=...                 # the same for the served book (serve_lookup, STAFF_API_TOKEN)

The caller's words are parsed by the trained model (rasa.core.agent.Agent in this process, or a running
Rasa server's /model/parse) and topics ranked by P(FAQ area) x P(answer | area) from the
answer classifier's rankings; the answer the bot itself would show (bot.dialogue.turn.shown_topic) comes
first. Red-flag wording is flagged before any script by two guards: the deterministic rules
(bot.safety.engine.classify) and the model's view (the SafetyNet decision or a safety intent); the
more severe tier wins.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from bot import content as content_mod
from bot import settings
from bot.content import Content, Topic
from bot.dialogue import turn  # the same decision the bot makes
from bot.names import CLASSIFIER_RANKING_KEY, RED_FLAG_TIERS, ROUTE_KEY, SEVERITY, TIER_OF_INTENT
from bot.reference.book import ROOT, SafetyBook, load_safety, topic_anchor
from bot.safety import engine as safety_engine

MODEL = ROOT / "models" / "bone-health.tar.gz"
TOP_N = 3
MAX_QUERY_CHARS = 1000


@dataclass
class Match:
    topic: Topic
    confidence: float


@dataclass
class RedFlag:
    tier: str
    category: Optional[str]
    matched: Optional[str]
    detector: str  # "rules" (bot.safety.engine) or "model"


@dataclass
class LookupResult:
    text: str
    red_flag: Optional[RedFlag]
    matches: List[Match] = field(default_factory=list)


def rank(parse: Dict[str, Any], content: Content, n: int = TOP_N) -> List[Match]:
    """Topics by P(area) x P(answer | area); the answer the bot would show comes first.

    Areas below the classifier's ranking cut-off (Rasa keeps the top 10 intents) count as P(area) = 0
    and are ordered by P(answer | area) alone, so there are always `n` scripts to offer."""
    scores: Dict[str, Tuple[float, float]] = {}  # topic id -> (joint, within its area)
    # A guard (off-topic, language, triage) may have replaced the classifier's ranking: staff still
    # get scripts for those words.
    ranking = parse.get(CLASSIFIER_RANKING_KEY) or parse.get("intent_ranking") or []
    area_conf = {r.get("name"): float(r.get("confidence") or 0) for r in ranking if r.get("name") in content.groups}
    selectors = parse.get("response_selector") or {}
    for area in list(area_conf) + [a for a in content.groups if a not in area_conf]:
        for candidate in (selectors.get(area) or {}).get("ranking") or []:
            topic = content.topic_for_key(candidate.get("intent_response_key") or "")
            if topic is not None:
                within = float(candidate.get("confidence") or 0)
                score = (area_conf.get(area, 0.0) * within, within)
                scores[topic.id] = max(score, scores.get(topic.id, (0.0, 0.0)))
    ordered = sorted(scores, key=lambda tid: (-scores[tid][0], -scores[tid][1]))
    shown = content.topic_for_key(turn.shown_topic(parse, content))
    if shown is not None:
        # A drug-specific re-targeting keeps the confidence of the answer it replaced.
        route = content.topics.get((parse.get(ROUTE_KEY) or {}).get("topic", ""))
        none = (0.0, 0.0)
        scores[shown.id] = max(scores.get(shown.id, none), scores.get(route.id, none) if route else none)
        ordered = [shown.id] + [t for t in ordered if t != shown.id]
    return [Match(content.topics[t], scores[t][0]) for t in ordered[:n]]


def model_red_flag(parse: Dict[str, Any], safety: Optional[SafetyBook]) -> Optional[RedFlag]:
    """The model's view: the tier the bot itself escalates to (bot.dialogue.turn.decide on the parse, i.e.
    SafetyNet's triage), else, more cautious for staff, a confident safety intent anywhere in the ranking
    (report_<tier>, ask_personal, request_human: bot.names.TIER_OF_INTENT)."""
    decision = turn.decide(parse, content_mod.load())
    if decision.kind == "escalate":
        return RedFlag(decision.tier, decision.category, None, "model")
    if safety is None:
        return None
    for ranked in (parse.get("intent_ranking") or []) + (parse.get(CLASSIFIER_RANKING_KEY) or []):
        tier = TIER_OF_INTENT.get(str(ranked.get("name") or ""))
        if tier and float(ranked.get("confidence") or 0) >= 0.5 and safety.tier(tier):
            return RedFlag(tier, None, None, "model")
    return None


def rules_red_flag(text: str) -> Optional[RedFlag]:
    """The deterministic rules' view (bot.safety.engine.classify): no model involved."""
    hit = safety_engine.classify(text)
    return RedFlag(hit.tier, hit.category, hit.matched, "rules") if hit else None


class AgentParser:
    """Parse with the trained model in this process (loaded on first use; takes a minute or more)."""

    def __init__(self, model: Path = MODEL, agent=None) -> None:
        self.model = Path(model)
        self._agent = agent
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> Dict[str, Any]:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
            if self._agent is None:
                if not self.model.exists():
                    raise RuntimeError(f"no trained model at {self.model}: run `make train`")
                from rasa.core.agent import Agent
                from rasa.utils.common import configure_logging_and_warnings
                from rasa.utils.log_utils import configure_structlog

                # Rasa's parse log (debug) carries the caller's words: keep it off (privacy).
                configure_logging_and_warnings(logging.WARNING)
                configure_structlog(logging.WARNING)
                self._agent = Agent.load(str(self.model))
            return self._loop.run_until_complete(self._agent.parse_message(text))


class RasaParser:
    """Parse with a running Rasa server's /model/parse (its HTTP API is on only with BOT_API_TOKEN)."""

    def __init__(self, base_url: str, token: str, timeout: float = 30) -> None:
        self.base_url, self.token, self.timeout = base_url.rstrip("/"), token, timeout

    def __call__(self, text: str) -> Dict[str, Any]:
        import requests

        response = requests.post(
            f"{self.base_url}/model/parse", params={"token": self.token}, json={"text": text}, timeout=self.timeout
        )
        response.raise_for_status()
        return response.json()


def lookup(
    text: str, parser, content: Optional[Content] = None, safety: Optional[SafetyBook] = None, n: int = TOP_N
) -> LookupResult:
    content = content or content_mod.load()
    text = " ".join(str(text).split())[:MAX_QUERY_CHARS]
    # Two guards: the deterministic rules (bot.safety.engine) and the model's view; the more severe tier wins.
    rules = rules_red_flag(text)
    parse = parser(text)
    model = model_red_flag(parse, safety)
    flags = [f for f in (rules, model) if f]
    flag = min(flags, key=lambda f: SEVERITY.get(f.tier, len(SEVERITY))) if flags else None
    return LookupResult(text=text, red_flag=flag, matches=rank(parse, content, n))


def result_dict(result: LookupResult, content: Content, safety: Optional[SafetyBook]) -> Dict[str, Any]:
    flag = None
    if result.red_flag:
        tier = safety.tier(result.red_flag.tier) if safety else None
        found = safety.category(result.red_flag.category or "") if safety else None
        flag = {
            "kind": "red_flag" if result.red_flag.tier in RED_FLAG_TIERS else "care_team",
            "tier": result.red_flag.tier,
            "tier_title": tier.title if tier else result.red_flag.tier,
            "category": result.red_flag.category,
            "category_title": found[1].title if found else None,
            "matched": result.red_flag.matched,
            "detector": result.red_flag.detector,
            "staff_script": tier.staff_script if tier else None,
        }
    return {
        "red_flag": flag,
        "matches": [
            {
                "topic": m.topic.response_key,
                "title": m.topic.title,
                "anchor": topic_anchor(m.topic.id),
                "area": content.groups[m.topic.retrieval_intent],
                "confidence": round(m.confidence, 4),
                "script": content.render(m.topic),
            }
            for m in result.matches
        ],
    }


def format_result(result: LookupResult, content: Content, safety: Optional[SafetyBook]) -> str:
    data = result_dict(result, content, safety)
    wrap = textwrap.TextWrapper(width=100, initial_indent="     ", subsequent_indent="     ")
    lines = []
    flag = data["red_flag"]
    if flag:
        what = flag["tier_title"] + (f" - {flag['category_title'] or flag['category']}" if flag["category"] else "")
        label = "!!! RED FLAG" if flag["kind"] == "red_flag" else "!! FOR THE CARE TEAM"
        lines.append(f"{label} ({what}){' matched: ' + repr(flag['matched']) if flag['matched'] else ''}")
        if flag["staff_script"]:
            lines += wrap.wrap(flag["staff_script"])
        lines.append("")
    if not data["matches"]:
        lines.append("No script matches: search the script book, or take a message for the care team.")
    for number, match in enumerate(data["matches"], 1):
        lines.append(f"{number}. [{match['confidence']:.0%}] {match['title']}  ({match['topic']})")
        for paragraph in match["script"].split("\n\n"):
            lines += wrap.wrap(paragraph)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- the served lookup (GET /reference/lookup?q=..., token-protected) ----------------------------

_served_parser = None
_served_lock = threading.Lock()


def served_parser(env: Optional[Mapping[str, str]] = None):
    """Forward to the running Rasa server when its API is on (BOT_API_TOKEN), else load the model here."""
    global _served_parser
    with _served_lock:
        if _served_parser is None:
            common = settings.Settings.from_env(env)  # env: default os.environ
            if common.bot_api_token:
                _served_parser = RasaParser(common.bot_internal_url, common.bot_api_token)
            else:
                _served_parser = AgentParser(common.bot_model)
        return _served_parser


def serve_lookup(path: str, headers: Mapping[str, str], env: Optional[Mapping[str, str]] = None) -> Tuple[int, Dict]:
    """(HTTP status, JSON body) for GET /reference/lookup?q=… . Disabled unless STAFF_API_TOKEN is set."""
    expected = settings.get("STAFF_API_TOKEN", env) or ""
    if not expected:
        return 404, {"error": "The staff lookup is disabled: set STAFF_API_TOKEN to enable it."}
    auth = headers.get("Authorization") or ""
    given = auth[7:] if auth.startswith("Bearer ") else (headers.get("X-Staff-Token") or "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return 401, {"error": "A valid staff token is needed for the lookup."}
    query = " ".join((parse_qs(urlsplit(path).query).get("q") or [""])[0].split())
    if not query:
        return 400, {"error": "Type what the caller asked."}
    content = content_mod.load()
    safety = load_safety()
    try:
        result = lookup(query, served_parser(env), content, safety)
    except Exception as error:  # noqa: BLE001 - the page shows a clear message; the query is not logged
        return 502, {"error": f"The lookup could not run the model ({type(error).__name__})."}
    return 200, result_dict(result, content, safety)
