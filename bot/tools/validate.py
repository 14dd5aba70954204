"""`rasa data validate` where every warning fails, except two known Rasa 3.6 false positives.

Rules that use retrieval intents need those intents in domain.yml (the story reader checks the file
domain), and Rasa then merges the same intents again from the NLU data and warns "duplicated intents
… across multiple domain files". That warning is accepted only when it names exactly our FAQ
retrieval intents; any other warning, or the same warning naming anything else, fails. The second:
"The utterance 'utter_ask_<slot>' is not used in any story or rule" for a slot a form asks for
(the form utters it), accepted only for required slots of the forms in domain.yml.

It also prints (never fails on) the topics past their review interval (CONTENT_REVIEW_INTERVAL_DAYS,
bot/content/review.py): one `REVIEW DUE:` line each, so `make test` and `make validate` show them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bot import content as content_mod
from bot.content import build as content_build

WARNING = re.compile(r"UserWarning: (.*?)(?=\n\S|\Z)", re.DOTALL)
DUPLICATE_INTENTS = re.compile(
    r"^The following duplicated intents have been found across multiple domain " r"files: ([\w, ]+?)\s*(More info|$)",
    re.DOTALL,
)


UNUSED_UTTERANCE = re.compile(r"^The utterance 'utter_ask_(\w+)' is not used in any story or rule\.$")


def form_questions() -> set:
    """Slots asked by a form: Rasa 3.6's validator wrongly reports their utter_ask_<slot> as unused
    (the form action, not a story, utters them)."""
    import yaml

    domain = yaml.safe_load((content_mod.ROOT / "domain.yml").read_text()) or {}
    questions = set()
    for form, spec in (domain.get("forms") or {}).items():
        for slot in (spec or {}).get("required_slots") or []:
            questions |= {slot, f"{form}_{slot}"}
    return questions


def unexpected_warnings(output: str, retrieval_intents: set, form_slots: frozenset = frozenset()) -> list:
    problems = []
    for match in WARNING.finditer(output):
        text = re.sub(r"\x1b\[[0-9;]*m", "", match.group(1)).strip()
        duplicate = DUPLICATE_INTENTS.match(text)
        if duplicate and {i.strip() for i in duplicate.group(1).split(",")} == retrieval_intents:
            continue
        unused = UNUSED_UTTERANCE.match(text)
        if unused and unused.group(1) in form_slots:
            continue
        problems.append(text)
    return problems


def review_reminders(content=None, today=None, env=None) -> list:
    """The `REVIEW DUE:` lines (a warning: content past its interval still serves), and the answers
    that rest only on old sources (SOURCE_MAX_AGE_YEARS), as one line."""
    from bot.content import review

    content = content or content_mod.load()
    lines = review.due(content, today, env)
    old = review.old_only(content, today, env)
    if old:
        lines.append(
            f"NOTE: {len(old)} answer(s) rest only on sources older than {review.max_source_age_years(env)} "
            f"years: {', '.join(old)}"
        )
    return lines


def main() -> int:
    for line in review_reminders():
        print(line)
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run([str(rasa), "data", "validate"], capture_output=True, text=True)
    output = result.stdout + result.stderr
    problems = unexpected_warnings(
        output, set(content_build.retrieval_intents(content_mod.load())), frozenset(form_questions())
    )
    for problem in problems:
        print(f"WARNING: {problem}\n")
    if result.returncode != 0 or problems:
        print(output[-3000:] if result.returncode else "", file=sys.stderr)
        print(f"validation failed: exit {result.returncode}, {len(problems)} warning(s)")
        return 1
    print("validation passed: domain, NLU data, rules and stories are consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
