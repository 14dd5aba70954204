"""Generate Rasa training data from `content/`: `python -m bot.content build` (git-ignored output).

NLU examples with drug entities marked, `utter_faq_*` responses and synonyms under `data/generated/`,
plus the static safety responses of content/safety.yml (bot.safety.content).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bot.content import GENERATED_DIR, Content, drug_name_index, load, replies
from bot.safety import content as safety_content
from bot.settings import ROOT

_ENTITY_CHARS = re.compile(r"[\[\]\(\)\{\}]")


def _annotate(example: str, names: Dict[str, str]) -> str:
    """Mark drug names in an example as `[Zometa](drug)` so the slot and synonyms line up."""
    text = _ENTITY_CHARS.sub(" ", example).strip()
    if not names:
        return text
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    return pattern.sub(lambda m: f"[{m.group(1)}](drug)", text)


def _block(lines: List[str]) -> str:
    return "".join(f"      - {line}\n" for line in lines)


def _yaml_example(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=10_000).strip().removesuffix("...").strip()


def build(content: Content, out_dir: Path = GENERATED_DIR) -> List[Path]:
    """Write NLU examples, responses and synonyms for every topic; return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    index = drug_name_index(content)
    written = []

    nlu = ['version: "3.1"\n', "# GENERATED from content/ by `python -m bot.content build`. Do not edit.\n", "nlu:\n"]
    for topic in content.topics.values():
        # Spanish examples teach the same answer (content/es/topics.yml): one classifier, both languages.
        translation = content.spanish.get(topic.id)
        spanish = translation.examples if translation else ()
        examples = [_yaml_example(_annotate(e, index)) for e in (*topic.examples, *spanish)]
        nlu.append(f"  - intent: {topic.response_key}\n    examples: |\n{_block(examples)}")
    if content.out_of_scope:
        examples = [_yaml_example(_annotate(e, {})) for e in content.out_of_scope]
        nlu.append(f"  - intent: out_of_scope\n    examples: |\n{_block(examples)}")
    by_drug: Dict[str, List[str]] = {}
    for name, drug_id in sorted(index.items()):
        if name != drug_id:
            by_drug.setdefault(drug_id, []).append(_yaml_example(name))
    for drug_id, names in by_drug.items():
        nlu.append(f"  - synonym: {drug_id}\n    examples: |\n{_block(names)}")
    path = out_dir / "faq_nlu.yml"
    path.write_text("".join(nlu), encoding="utf-8")
    written.append(path)

    # Responses `utter_faq_<area>/<topic>`: sent straight by Rasa (no action server needed).
    responses = {}
    for topic in content.topics.values():
        response = {"text": content.render(topic)}
        # Related topics, then "Was this helpful?" (bot.content.replies.feedback_buttons, docs/feedback.md).
        response["buttons"] = content.buttons(topic, for_domain=True) + replies.feedback_buttons(
            topic.id, for_domain=True
        )
        responses[f"utter_{topic.response_key}"] = [response]
    path = out_dir / "faq_responses.yml"
    path.write_text(
        'version: "3.1"\n# GENERATED from content/. Do not edit.\n'
        + yaml.safe_dump({"responses": responses}, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    written.append(path)
    # Safety wording (content/safety.yml) -> static responses Rasa sends without the action server.
    written += safety_content.build(out_dir)
    return written


def retrieval_intents(content: Content) -> List[str]:
    return sorted(content.groups)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="generate data/generated/ from content/")
    sub.add_parser("stats", help="count topics and examples per retrieval intent")
    args = parser.parse_args(argv)
    content = load()
    if args.command == "build":
        for path in build(content):
            print(f"wrote {path.relative_to(ROOT)}")
    else:
        for intent in retrieval_intents(content):
            topics = [t for t in content.topics.values() if t.retrieval_intent == intent]
            print(f"{intent:20} {len(topics):3} topics {sum(len(t.examples) for t in topics):5} examples")
    return 0
