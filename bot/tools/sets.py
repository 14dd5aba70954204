"""Every evaluation set and its role, in one place: DEV sets may be read and tuned on, FROZEN ones may not.

A frozen set measures what strangers get only while nobody who changes the bot has seen its texts, so the
tools (bot.tools.evaluate, conversations, safety_eval) print a frozen set's totals only; its misses (the
texts) only with `--show-frozen-misses`, for the final report, never while tuning. A dev set's misses are
always printed. Adding a set is one line here; tests/test_test_set.py and tests/test_test_set_es.py read the
dev sets from here too (a frozen text must not be a near-copy of any of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict

from bot.settings import ROOT

DATA = ROOT / "tests" / "data"
DEV, FROZEN = "dev", "frozen"
SHOW_FROZEN_MISSES = "--show-frozen-misses"
SHOW_FROZEN_HELP = "also print the misses (texts) of the FROZEN sets: only for the final report, never while tuning"


@dataclass(frozen=True)
class EvalSet:
    path: Path
    role: str  # DEV or FROZEN
    language: str  # "en" or "es"
    note: str = ""
    held_back: bool = False  # run only when named (`--sets`): the session's last, honest measurement

    @property
    def frozen(self) -> bool:
        return self.role == FROZEN

    @property
    def relative(self) -> str:
        return str(self.path.relative_to(ROOT)) if self.path.is_relative_to(ROOT) else str(self.path)


# Single questions (bot.tools.evaluate): `questions: [{text, expected}]`.
FAQ: Dict[str, EvalSet] = {
    "dev": EvalSet(DATA / "heldout_faq.yml", DEV, "en", "thresholds were chosen on it; near-copies of training"),
    "dev_2": EvalSet(DATA / "dev_faq_2.yml", DEV, "en", "strangers' voice"),
    "dev_3": EvalSet(DATA / "dev_faq_3.yml", DEV, "en", "caregivers' long messages, written 2026-12-06 night"),
    "dev_4": EvalSet(
        DATA / "dev_faq_4.yml", DEV, "en", "strangers' lay words and look-alike drugs, 2026-12-07 morning"
    ),
    "dev_5": EvalSet(
        DATA / "dev_faq_5.yml", DEV, "en", "strangers' lay words, caregivers, red-flag words, 2026-12-07 07:05"
    ),
    "dev_6": EvalSet(
        DATA / "dev_faq_6.yml", DEV, "en", "caregivers' emails and forum posts, look-alike names, 2026-12-07 10:05"
    ),
    "dev_7": EvalSet(DATA / "dev_faq_7.yml", DEV, "en", "short search-box questions and invented misspellings, 10:05"),
    "dev_8": EvalSet(DATA / "dev_faq_8.yml", DEV, "en", "said as to a nurse: statements, claims, comparisons, 13:05"),
    "dev_9": EvalSet(
        DATA / "dev_faq_9.yml", DEV, "en", "second-language, elderly and teenage writers, wrong names, 13:05"
    ),
    "dev_10": EvalSet(
        DATA / "dev_faq_10.yml", DEV, "en", "general questions in red-flag words, hypotheticals, thresholds, 16:20"
    ),
    "dev_11": EvalSet(
        DATA / "dev_faq_11.yml", DEV, "en", "misconceptions checked, two questions at once, drugs mixed up, 16:20"
    ),
    "dev_12": EvalSet(
        DATA / "dev_faq_12.yml", DEV, "en", "helpline staff, how and when, facts further down the sources, 19:35"
    ),
    "dev_13": EvalSet(
        DATA / "dev_faq_13.yml", DEV, "en", "keywords, ESL writers, comparisons, myths, time course, 22:40"
    ),
    "dev_es": EvalSet(DATA / "dev_faq_es.yml", DEV, "es"),
    "dev_es_2": EvalSet(
        DATA / "dev_faq_es_2.yml", DEV, "es", "Spanish strangers, general questions in red-flag words, 2026-12-07 19:35"
    ),
    "dev_es_3": EvalSet(
        DATA / "dev_faq_es_3.yml", DEV, "es", "keywords, Spanglish, comparisons, myths, time course, 2026-12-07 22:40"
    ),
    "test": EvalSet(DATA / "test_faq.yml", FROZEN, "en"),
    "test_es": EvalSet(DATA / "test_faq_es.yml", FROZEN, "es"),
}

# Conversations through the real servers (bot.tools.conversations): `conversations: [{name, turns}]`.
CONVERSATIONS: Dict[str, EvalSet] = {
    "dev": EvalSet(DATA / "dev_conversations.yml", DEV, "en"),
    "dev_2": EvalSet(DATA / "dev_conversations_2.yml", DEV, "en", "follow-ups that carry the topic"),
    "dev_3": EvalSet(DATA / "dev_conversations_3.yml", DEV, "en", "follow-ups, long first messages"),
    "test": EvalSet(DATA / "test_conversations.yml", FROZEN, "en"),
}

FIXED_SINCE = "written apart; its first run is in README Safety; misses fixed by family since"

# Red-flag messages (bot.tools.safety_eval): `messages: [{text, tier}]`, in the order of its side-by-side table.
SAFETY: Dict[str, EvalSet] = {
    "English": EvalSet(DATA / "safety_heldout.yml", DEV, "en"),
    "Spanish 1": EvalSet(DATA / "safety_heldout_es.yml", DEV, "es", "patterns tuned on it"),
    # Written apart and frozen until their first run (README "Safety" keeps those figures); their misses were
    # fixed by family since, so they are dev sets now: only a set nobody has fixed on measures strangers.
    "Spanish 2": EvalSet(DATA / "safety_test_es.yml", DEV, "es", FIXED_SINCE),
    "Spanish 3": EvalSet(DATA / "safety_test_es_3.yml", DEV, "es", FIXED_SINCE),
    "Spanish 4": EvalSet(DATA / "safety_test_es_4.yml", DEV, "es", FIXED_SINCE),
    "Spanish 5": EvalSet(DATA / "safety_test_es_5.yml", DEV, "es", FIXED_SINCE),
    "Spanish 6": EvalSet(DATA / "safety_test_es_6.yml", DEV, "es", FIXED_SINCE),
    "Spanish 7": EvalSet(DATA / "safety_test_es_7.yml", DEV, "es", FIXED_SINCE),
    "English 2": EvalSet(DATA / "safety_test_en_2.yml", DEV, "en", FIXED_SINCE),
    "Spanish 8": EvalSet(DATA / "safety_test_es_8.yml", DEV, "es", FIXED_SINCE),
    "English 3": EvalSet(DATA / "safety_test_en_3.yml", DEV, "en", FIXED_SINCE),
    "Spanish 9": EvalSet(DATA / "safety_test_es_9.yml", DEV, "es", FIXED_SINCE),
    "English 4": EvalSet(DATA / "safety_test_en_4.yml", DEV, "en", FIXED_SINCE),
    "Crisis": EvalSet(
        DATA / "safety_dev_crisis.yml",
        DEV,
        "en",
        "indirect crisis wordings and look-alikes, English and Spanish, 05:10",
    ),
    "Spanish care": EvalSet(
        DATA / "safety_dev_care_es.yml", DEV, "es", "care-team and general messages, written 2026-12-07 morning as DEV"
    ),
    "English care": EvalSet(
        DATA / "safety_dev_care_en.yml", DEV, "en", "care-team and general messages, written 2026-12-07 07:05 as DEV"
    ),
    "Spanish care 2": EvalSet(
        DATA / "safety_dev_care_es_2.yml", DEV, "es", "care-team and general messages, written 2026-12-07 07:05 as DEV"
    ),
    # Written 2026-12-07 07:05 and held back; run once at 08:48 on the session's final model (README "Safety" keeps
    # that first run); its red-flag misses were then fixed by kind, so they are dev sets now.
    "English care 2": EvalSet(
        DATA / "safety_dev_care_en_2.yml", DEV, "en", "care-team and general messages, written 2026-12-07 10:05 as DEV"
    ),
    "Spanish care 3": EvalSet(
        DATA / "safety_dev_care_es_3.yml", DEV, "es", "care-team and general messages, written 2026-12-07 10:05 as DEV"
    ),
    "Spanish crisis and care": EvalSet(
        DATA / "safety_dev_es_4.yml",
        DEV,
        "es",
        "crisis, care-team and general messages, written 2026-12-07 13:05 as DEV",
    ),
    "Spanish care 5": EvalSet(
        DATA / "safety_dev_es_5.yml",
        DEV,
        "es",
        "care-team (treatments, medicines, dental visits booked) and general messages, 2026-12-07 16:20 as DEV",
    ),
    "English care 3": EvalSet(
        DATA / "safety_dev_care_en_3.yml",
        DEV,
        "en",
        "care-team (treatments, medicines, visits, trials) and general messages, 2026-12-07 19:35 as DEV",
    ),
    "Spanish care 6": EvalSet(
        DATA / "safety_dev_es_6.yml",
        DEV,
        "es",
        "care-team (insurance, biosimilars, trips, forms, last visit, trials) and general messages, 22:40 as DEV",
    ),
    "Spanish 14": EvalSet(DATA / "safety_test_es_14.yml", DEV, "es", FIXED_SINCE),
    "English 9": EvalSet(DATA / "safety_test_en_9.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 10:05 and held back; run once at 11:10 on that session's final model (README "Safety");
    # its red-flag misses were then fixed by kind, so they are dev sets now.
    "Spanish 15": EvalSet(DATA / "safety_test_es_15.yml", DEV, "es", FIXED_SINCE),
    "English 10": EvalSet(DATA / "safety_test_en_10.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 12:00, held back for the next session; run once at 15:00 on that session's final model (README
    # "Safety"); its red-flag misses were then fixed by kind, so they are dev sets now.
    "Spanish 16": EvalSet(DATA / "safety_test_es_16.yml", DEV, "es", FIXED_SINCE),
    "English 11": EvalSet(DATA / "safety_test_en_11.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 13:05, held back for the next session; run once at 18:36 on that session's final model (README
    # "Safety"); its red-flag misses were then fixed by kind, so they are dev sets now.
    "Spanish 17": EvalSet(DATA / "safety_test_es_17.yml", DEV, "es", FIXED_SINCE),
    "English 12": EvalSet(DATA / "safety_test_en_12.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 16:20, held back; run once at 20:55 on the final model of the session after (README "Safety");
    # its red-flag misses were then fixed by kind, so they are dev sets now.
    "Spanish 18": EvalSet(DATA / "safety_test_es_18.yml", DEV, "es", FIXED_SINCE),
    "English 13": EvalSet(DATA / "safety_test_en_13.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 19:35, held back; run once at 22:37 on the model of the session's last commit (README
    # "Safety"); its misses were then fixed by kind, so they are dev sets now.
    "Spanish 19": EvalSet(DATA / "safety_test_es_19.yml", DEV, "es", FIXED_SINCE),
    "English 14": EvalSet(DATA / "safety_test_en_14.yml", DEV, "en", FIXED_SINCE),
    # Written 2026-12-07 22:40 at the start of that session, held back for the NEXT session (this one's check was
    # Spanish 19 / English 14): run once, on the next session's final model.
    "Spanish 20": EvalSet(
        DATA / "safety_test_es_20.yml",
        FROZEN,
        "es",
        "written 2026-12-07 22:40; run once at the end of the session after",
        held_back=True,
    ),
    "English 15": EvalSet(
        DATA / "safety_test_en_15.yml",
        FROZEN,
        "en",
        "written 2026-12-07 22:40; run once at the end of the session after",
        held_back=True,
    ),
    "Spanish 10": EvalSet(
        DATA / "safety_test_es_10.yml", FROZEN, "es", "written beside set 9; run once at the end of 2026-12-06 late"
    ),
    "English 5": EvalSet(
        DATA / "safety_test_en_5.yml", FROZEN, "en", "written beside set 4; run once at the end of 2026-12-06 late"
    ),
    "Spanish 11": EvalSet(
        DATA / "safety_test_es_11.yml", FROZEN, "es", "written 2026-12-07; run once at the end of that session"
    ),
    "English 6": EvalSet(
        DATA / "safety_test_en_6.yml", FROZEN, "en", "written 2026-12-07; run once at the end of that session"
    ),
    "Spanish 12": EvalSet(
        DATA / "safety_test_es_12.yml", FROZEN, "es", "written 2026-12-07 morning; run once at 05:07"
    ),
    "English 7": EvalSet(DATA / "safety_test_en_7.yml", FROZEN, "en", "written 2026-12-07 morning; run once at 05:07"),
    "Spanish 13": EvalSet(DATA / "safety_test_es_13.yml", FROZEN, "es", "written 2026-12-07 05:10; run once at 05:34"),
    "English 8": EvalSet(DATA / "safety_test_en_8.yml", FROZEN, "en", "written 2026-12-07 05:10; run once at 05:34"),
}


def dev_sets(language: str) -> Dict[str, EvalSet]:
    """The dev question and conversation sets of one language (what frozen texts must not near-copy)."""
    found = {f"faq {name}": s for name, s in FAQ.items() if not s.frozen and s.language == language}
    found |= {
        f"conversations {name}": s for name, s in CONVERSATIONS.items() if not s.frozen and s.language == language
    }
    return found


def frozen_note(eval_set: EvalSet, misses: int) -> str:
    """The line a frozen set prints instead of its misses."""
    return f"({misses} misses not shown: {eval_set.relative} is FROZEN; {SHOW_FROZEN_MISSES} for the final report)"
