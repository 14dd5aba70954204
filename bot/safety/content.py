"""content/safety.yml: load it, fill in the deployment settings, and generate the static responses.

One file holds every safety message (docs/safety.md). This module is what reads it:
- `load()` -> SafetyContent with the settings (env EMERGENCY_NUMBER / CRISIS_LINE override the
  defaults; EMERGENCY_WORDING too, else it is rebuilt around the number) and the tiers;
- `SafetyContent.reply(tier, category)` and `.message(key, **values)` render patient-facing text;
- `build(out_dir)` writes data/generated/safety_responses.yml: the static responses Rasa sends by itself
  (utter_safety_<tier> with a variation per category, and the care-team form questions), so red-flag
  guidance never depends on the action server. It runs with `python -m bot.content build`.

Deployment settings are read when the servers start, never baked into the model: the static
responses (and domain.yml) carry markers `[[emergency_number]]`, `[[helpline_number]]`, … (`marker()`;
square brackets, so Rasa's own `{slot}` interpolation neither fills nor trips over them), which
bot/serve/rasa_entry.py fills with `load().settings` once when Rasa starts (`fill_markers()`). The
action server renders from this file with the settings of its own start. Restarting with another
EMERGENCY_NUMBER needs no rebuild and no retraining.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

import yaml

from bot import settings as bot_settings
from bot.names import CATEGORY_ENTITY, RED_FLAG_TIERS, TIERS
from bot.settings import ROOT

SAFETY_FILE = ROOT / "content" / "safety.yml"
# Red-flag tiers are answered first by a static response from the domain (works with no action server).
STATIC_TIERS = RED_FLAG_TIERS
CATEGORY_SLOT = CATEGORY_ENTITY
TIER_SLOT = "care_team_tier"
FORM_QUESTIONS = {  # slot -> message key (utter_ask_<slot>)
    "care_team_consent": "ask_consent",
    "care_team_name": "ask_name",
    "care_team_contact": "ask_contact",
    "care_team_best_time": "ask_best_time",
    "care_team_description": "ask_description",
    "care_team_confirm": "ask_confirm",
}
SLOT_PLACEHOLDERS = {"care_team_name", "care_team_contact", "care_team_best_time", "care_team_description"}


class _Keep(dict):
    """str.format_map that leaves unknown {placeholders} (slot names) for Rasa to fill."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, values: Mapping[str, Any]) -> str:
    return " ".join(string.Formatter().vformat(text or "", (), _Keep(values)).split())


@dataclass(frozen=True)
class SafetyContent:
    settings: Dict[str, str]
    tiers: Dict[str, Dict[str, Any]]
    messages: Dict[str, str]

    def categories(self, tier: str) -> Dict[str, Dict[str, Any]]:
        return self.tiers[tier].get("categories") or {}

    def category_title(self, tier: str, category: Optional[str]) -> str:
        return (self.categories(tier).get(category or "") or {}).get("title") or self.tiers[tier]["title"]

    def reply(self, tier: str, category: Optional[str] = None) -> str:
        """The patient-facing reply of a tier: the category's own `reply` if it has one, else the tier's
        reply with what the category's signs can mean (`says`, or the `unspecified` category's)
        after its first sentence, so the first sentence (emergency: "Please call 911…") stays first."""
        categories = self.categories(tier)
        cat = categories.get(category or "") or {}
        if cat.get("reply"):
            return _fill(cat["reply"], self.settings)
        # Split the template, not the filled text: a deployment's wording may hold a ". " itself.
        template = " ".join(str(self.tiers[tier]["reply"]).split())
        says = _fill(cat.get("says") or (categories.get("unspecified") or {}).get("says") or "", self.settings)
        first, _, rest = template.partition(". ")
        if not rest:
            return f"{_fill(template, self.settings)} {says}".strip()
        return " ".join(part for part in (_fill(first + ".", self.settings), says, _fill(rest, self.settings)) if part)

    def staff_script(self, tier: str) -> str:
        return _fill(self.tiers[tier]["staff_script"], self.settings)

    def message(self, key: str, **values: Any) -> str:
        return _fill(self.messages[key], {**self.settings, **values})

    def patient_texts(self) -> Dict[str, str]:
        """Every patient-facing text (for the readability test), by a readable key."""
        texts = {}
        for tier in TIERS:
            texts[f"{tier}.reply"] = self.reply(tier)
            for category in self.categories(tier):
                texts[f"{tier}.{category}"] = self.reply(tier, category)
        for key in self.messages:
            texts[f"messages.{key}"] = self.message(key, reference="BH-7K3QX9", method="phone")
        return texts


def settings_from(raw: Mapping[str, Any], env: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """content/safety.yml `settings:` with the deployment's environment on top (bot.settings:
    EMERGENCY_NUMBER, EMERGENCY_WORDING, CRISIS_LINE, CRISIS_LINE_NAME, HELPLINE_NAME,
    HELPLINE_NUMBER, HELPLINE_HOURS; `env` defaults to os.environ). A new emergency number without
    its own wording changes the number inside the default wording; a new crisis line or helpline
    number without its own name gets a generic one ("crisis line", "helpline") rather than the name
    of the default service."""
    settings = {k: str(v) for k, v in (raw or {}).items()}
    overrides = bot_settings.deployment_overrides(env)
    default_number = settings.get("emergency_number", "911")
    number = overrides.get("emergency_number", default_number)
    if "emergency_wording" not in overrides and number != default_number:
        overrides["emergency_wording"] = settings.get("emergency_wording", "").replace(default_number, number)
    for key, name_key, generic in (
        ("crisis_line", "crisis_line_name", "crisis line"),
        ("helpline_number", "helpline_name", "helpline"),
    ):
        if overrides.get(key, settings.get(key)) != settings.get(key) and name_key not in overrides:
            overrides[name_key] = generic
    return {**settings, **overrides}


@functools.lru_cache(maxsize=8)
def _load(path: Path, env_key: tuple) -> SafetyContent:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    env = dict(env_key)
    tiers = raw.get("tiers") or {}
    missing = [t for t in TIERS if t not in tiers]
    if missing:
        raise ValueError(f"{path}: tiers missing: {missing}")
    return SafetyContent(
        settings=settings_from(raw.get("settings") or {}, env),
        tiers=tiers,
        messages={k: str(v) for k, v in (raw.get("messages") or {}).items()},
    )


def load(path: Path = SAFETY_FILE, env: Optional[Mapping[str, str]] = None) -> SafetyContent:
    """The wording with the deployment settings of `env` (default os.environ), cached per settings."""
    overrides = {
        name: value for name in bot_settings.DEPLOYMENT_KEYS if (value := bot_settings.get(name, env)) is not None
    }
    return _load(Path(path), tuple(sorted(overrides.items())))


# -- static responses ------------------------------------------------------------------------------


def _buttons(pairs: Iterable[tuple]) -> List[Dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in pairs]


YES_NO = _buttons([("Yes", "/affirm"), ("No, thanks", "/deny")])
CONFIRM = _buttons([("Yes, send it", "/affirm"), ("No, don't send it", "/deny")])
BEST_TIMES = _buttons(
    [("Morning", "Morning"), ("Afternoon", "Afternoon"), ("Evening", "Evening"), ("Any time", "Any time")]
)


def responses(safety: SafetyContent) -> Dict[str, List[Dict[str, Any]]]:
    """utter_safety_<tier> (a variation per category, chosen by the safety_category slot) and the
    care-team form questions."""
    result: Dict[str, List[Dict[str, Any]]] = {}
    for tier in STATIC_TIERS:
        variations = []
        for category in safety.categories(tier):
            variations.append(
                {
                    "condition": [{"type": "slot", "name": CATEGORY_SLOT, "value": category}],
                    "text": safety.reply(tier, category),
                }
            )
        variations.append({"text": safety.reply(tier)})
        result[f"utter_safety_{tier}"] = variations
    for slot, key in FORM_QUESTIONS.items():
        if slot == "care_team_consent":
            result[f"utter_ask_{slot}"] = [
                {
                    "condition": [{"type": "slot", "name": TIER_SLOT, "value": "urgent"}],
                    "text": safety.message("ask_consent_urgent"),
                    "buttons": YES_NO,
                },
                {"text": safety.message("ask_consent"), "buttons": YES_NO},
            ]
        elif slot == "care_team_confirm":
            result[f"utter_ask_{slot}"] = [{"text": safety.message(key), "buttons": CONFIRM}]
        elif slot == "care_team_best_time":
            result[f"utter_ask_{slot}"] = [{"text": safety.message(key), "buttons": BEST_TIMES}]
        else:
            result[f"utter_ask_{slot}"] = [{"text": safety.message(key)}]
    return result


def build(out_dir: Path, safety: Optional[SafetyContent] = None) -> List[Path]:
    """Writes the static responses with deployment markers (`with_markers`), not numbers."""
    safety = with_markers(safety or load(env={}))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "safety_responses.yml"
    path.write_text(
        'version: "3.1"\n# GENERATED from content/safety.yml by `python -m bot.content build`. '
        "Do not edit.\n# [[name]]: a deployment setting, filled in when Rasa starts "
        "(bot/serve/rasa_entry.py).\n"
        + yaml.safe_dump({"responses": responses(safety)}, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    return [path]


# -- deployment markers ([[name]]) -----------------------------------------------------------------

MARKER = re.compile(r"\[\[(\w+)\]\]")


def marker(key: str) -> str:
    return f"[[{key}]]"


def with_markers(safety: SafetyContent) -> SafetyContent:
    """The same wording with every deployment setting as its marker (for the generated responses)."""
    return SafetyContent(
        settings={key: marker(key) for key in safety.settings}, tiers=safety.tiers, messages=safety.messages
    )


def fill_markers(value: Any, settings: Mapping[str, str]) -> Any:
    """A copy of `value` (text, or responses: dicts and lists of them) with every `[[name]]` whose name
    is in `settings` replaced by its value; other text, and unknown markers, stay as they are."""
    if isinstance(value, str):
        if "[[" not in value:
            return value
        return MARKER.sub(lambda m: str(settings[m.group(1)]) if m.group(1) in settings else m.group(0), value)
    if isinstance(value, dict):
        return {key: fill_markers(item, settings) for key, item in value.items()}
    if isinstance(value, list):
        return [fill_markers(item, settings) for item in value]
    return value


def markers_in(value: Any) -> List[str]:
    """Every marker name in `value` (text or nested responses), for tests and the start-up check."""
    if isinstance(value, str):
        return MARKER.findall(value)
    if isinstance(value, dict):
        return [name for item in value.values() for name in markers_in(item)]
    if isinstance(value, list):
        return [name for item in value for name in markers_in(item)]
    return []


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def unfilled_placeholders(text: str) -> List[str]:
    """Placeholders left in a rendered text that are not slots Rasa fills (for tests)."""
    return [name for name in PLACEHOLDER.findall(text) if name not in SLOT_PLACEHOLDERS]
