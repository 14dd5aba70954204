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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

import yaml

from bot import settings as bot_settings
from bot.names import CATEGORY_ENTITY, LANGUAGE_ENTITY, LANGUAGES, RED_FLAG_TIERS, TIERS
from bot.settings import ROOT

SAFETY_FILE = ROOT / "content" / "safety.yml"
# Red-flag tiers are answered first by a static response from the domain (works with no action server).
STATIC_TIERS = RED_FLAG_TIERS
CATEGORY_SLOT = CATEGORY_ENTITY
LANGUAGE_SLOT = LANGUAGE_ENTITY  # "en" (initial value) or "es": picks the language of every safety reply
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
    # The Spanish section of content/safety.yml (`es:`): {"tiers": {tier: {reply, categories}}, "messages"}.
    spanish: Mapping[str, Any] = field(default_factory=dict)

    def categories(self, tier: str) -> Dict[str, Dict[str, Any]]:
        return self.tiers[tier].get("categories") or {}

    def category_title(self, tier: str, category: Optional[str]) -> str:
        return (self.categories(tier).get(category or "") or {}).get("title") or self.tiers[tier]["title"]

    def _wording(self, tier: str, language: str) -> Dict[str, Any]:
        """The tier's wording in `language`: reply and categories ({says, reply} each)."""
        if language == "es":
            return (self.spanish.get("tiers") or {}).get(tier) or {}
        return self.tiers[tier]

    def reply(self, tier: str, category: Optional[str] = None, language: str = "en") -> str:
        """The patient-facing reply of a tier: the category's own `reply` if it has one, else the tier's
        reply with what the category's signs can mean (`says`, or the `unspecified` category's)
        after its first sentence, so the first sentence (emergency: "Please call 911…") stays first.
        `language` "es" gives the Spanish wording of content/safety.yml `es:`."""
        wording = self._wording(tier, language)
        categories = wording.get("categories") or {}
        cat = categories.get(category or "") or {}
        if cat.get("reply"):
            return _fill(cat["reply"], self.settings)
        # Split the template, not the filled text: a deployment's wording may hold a ". " itself.
        template = " ".join(str(wording["reply"]).split())
        says = _fill(cat.get("says") or (categories.get("unspecified") or {}).get("says") or "", self.settings)
        first, _, rest = template.partition(". ")
        if not rest:
            return f"{_fill(template, self.settings)} {says}".strip()
        return " ".join(part for part in (_fill(first + ".", self.settings), says, _fill(rest, self.settings)) if part)

    def staff_script(self, tier: str) -> str:
        return _fill(self.tiers[tier]["staff_script"], self.settings)

    def message(self, key: str, language: str = "en", **values: Any) -> str:
        messages = (self.spanish.get("messages") or {}) if language == "es" else self.messages
        return _fill(messages[key], {**self.settings, **values})

    def patient_texts(self, language: str = "en") -> Dict[str, str]:
        """Every patient-facing text in `language` (for the readability tests), by a readable key."""
        texts = {}
        for tier in TIERS:
            texts[f"{tier}.reply"] = self.reply(tier, language=language)
            for category in self.categories(tier):
                texts[f"{tier}.{category}"] = self.reply(tier, category, language)
        messages = (self.spanish.get("messages") or {}) if language == "es" else self.messages
        method = "teléfono" if language == "es" else "phone"
        for key in messages:
            texts[f"messages.{key}"] = self.message(key, language, reference="BH-7K3QX9", method=method)
        return texts


def language_of_reply(value: Optional[str]) -> str:
    """A language slot's value as a language the wording has ("es"), else English."""
    return value if value in LANGUAGES else "en"


def settings_from(
    raw: Mapping[str, Any], env: Optional[Mapping[str, str]] = None, spanish: Optional[Mapping[str, Any]] = None
) -> Dict[str, str]:
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
    return {**settings, **overrides, **_spanish_settings(settings, overrides, spanish or {})}


def _spanish_settings(
    settings: Mapping[str, str], overrides: Mapping[str, str], spanish: Mapping[str, Any]
) -> Dict[str, str]:
    """The `es.settings` of content/safety.yml, kept true to this deployment's numbers: the Spanish
    emergency wording is rebuilt around a new EMERGENCY_NUMBER; a new CRISIS_LINE gets a generic
    "call or text" (988's "press 2" and "AYUDA" are 988's own); a new HELPLINE_HOURS is given as set."""
    result = {k: str(v) for k, v in spanish.items()}
    default_number = settings.get("emergency_number", "911")
    number = overrides.get("emergency_number", default_number)
    if number != default_number and "emergency_wording_es" in result:
        result["emergency_wording_es"] = result["emergency_wording_es"].replace(default_number, number)
    crisis = overrides.get("crisis_line", settings.get("crisis_line"))
    if crisis != settings.get("crisis_line"):
        result["crisis_line_es"] = f"llame o mande un texto al {crisis}"  # 988's "2" and AYUDA are 988's own
    if "helpline_hours" in overrides:
        result["helpline_hours_es"] = overrides["helpline_hours"]
    return result


@functools.lru_cache(maxsize=8)
def _load(path: Path, env_key: tuple) -> SafetyContent:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    env = dict(env_key)
    tiers = raw.get("tiers") or {}
    missing = [t for t in TIERS if t not in tiers]
    if missing:
        raise ValueError(f"{path}: tiers missing: {missing}")
    spanish = raw.get("es") or {}
    return SafetyContent(
        settings=settings_from(raw.get("settings") or {}, env, spanish.get("settings")),
        tiers=tiers,
        messages={k: str(v) for k, v in (raw.get("messages") or {}).items()},
        spanish={
            "tiers": spanish.get("tiers") or {},
            "messages": {k: str(v) for k, v in (spanish.get("messages") or {}).items()},
        },
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
YES_NO_ES = _buttons([("Sí", "/affirm"), ("No, gracias", "/deny")])
CONFIRM_ES = _buttons([("Sí, mándelo", "/affirm"), ("No, no lo mande", "/deny")])
BEST_TIMES_ES = _buttons(
    [("Mañana", "Mañana"), ("Tarde", "Tarde"), ("Noche", "Noche"), ("A cualquier hora", "A cualquier hora")]
)


def _when(**slots: str) -> List[Dict[str, str]]:
    return [{"type": "slot", "name": name, "value": value} for name, value in slots.items()]


def responses(safety: SafetyContent) -> Dict[str, List[Dict[str, Any]]]:
    """utter_safety_<tier> (a variation per category and language, chosen by the safety_category and
    language slots) and the care-team form questions (English, and Spanish when language is "es").

    Rasa picks at random among the conditional variations that match, so no two may match at once:
    each category has one variation per language (both slots in its condition), and the one
    condition-free variation (the tier's English reply) is used only when none matches."""
    result: Dict[str, List[Dict[str, Any]]] = {}
    for tier in STATIC_TIERS:
        variations = []
        for category in safety.categories(tier):
            for language in ("es", "en"):
                variations.append(
                    {
                        "condition": _when(**{CATEGORY_SLOT: category, LANGUAGE_SLOT: language}),
                        "text": safety.reply(tier, category, language),
                    }
                )
        variations.append({"text": safety.reply(tier)})
        result[f"utter_safety_{tier}"] = variations
    for slot, key in FORM_QUESTIONS.items():
        if slot == "care_team_consent":
            result[f"utter_ask_{slot}"] = [
                {
                    "condition": _when(**{TIER_SLOT: "urgent", LANGUAGE_SLOT: "en"}),
                    "text": safety.message("ask_consent_urgent"),
                    "buttons": YES_NO,
                },
                {
                    "condition": _when(**{TIER_SLOT: "urgent", LANGUAGE_SLOT: "es"}),
                    "text": safety.message("ask_consent_urgent", "es"),
                    "buttons": YES_NO_ES,
                },
                {
                    "condition": _when(**{TIER_SLOT: "care_team", LANGUAGE_SLOT: "es"}),
                    "text": safety.message("ask_consent", "es"),
                    "buttons": YES_NO_ES,
                },
                {"text": safety.message("ask_consent"), "buttons": YES_NO},
            ]
            continue
        buttons = {"care_team_confirm": (CONFIRM, CONFIRM_ES), "care_team_best_time": (BEST_TIMES, BEST_TIMES_ES)}
        english, spanish = buttons.get(slot, (None, None))
        result[f"utter_ask_{slot}"] = [
            {"condition": _when(**{LANGUAGE_SLOT: "es"}), "text": safety.message(key, "es"), "buttons": spanish},
            {"text": safety.message(key), "buttons": english},
        ]
        for variation in result[f"utter_ask_{slot}"]:
            if variation["buttons"] is None:
                del variation["buttons"]
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
        settings={key: marker(key) for key in safety.settings},
        tiers=safety.tiers,
        messages=safety.messages,
        spanish=safety.spanish,
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
