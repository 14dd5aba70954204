"""The list of curated answer ids for whoever writes a dev or test set apart from the training data.

Titles and labels only, never the examples: a writer reads this and ../shared/sources, nothing else, and labels
each question with a response key (or `out_of_scope`). Usage: `python -m bot.tools.answer_list > answers.md`.
"""

from __future__ import annotations

import sys
from typing import List

from bot import content as content_mod

HEADER = """# Curated answer ids (label = response key). Titles only; do not look for training examples.

Drug-specific answers: when a question names a drug, the label is the answer about that drug and that aspect.
A question no answer covers, or about something unrelated (another medicine, another disease), is `out_of_scope`.
"""


def lines(content) -> List[str]:
    def listed(values) -> str:
        return ", ".join(values) or "-"

    return [
        f"- `{t.response_key}`: {t.title}  (drugs: {listed(t.drugs)}; aspects: {listed(t.aspects)})"
        for t in content.topics.values()
    ]


def main() -> int:
    print(HEADER)
    print("\n".join(lines(content_mod.load())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
