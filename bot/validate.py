"""`rasa data validate` where every warning fails, except one known Rasa 3.6 false positive.

Rules that use retrieval intents need those intents in domain.yml (the story reader checks the file
domain), and Rasa then merges the same intents again from the NLU data and warns "duplicated intents
… across multiple domain files". That warning is accepted only when it names exactly our FAQ
retrieval intents; any other warning, or the same warning naming anything else, fails.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bot import content as content_mod

WARNING = re.compile(r"UserWarning: (.*?)(?=\n\S|\Z)", re.DOTALL)
DUPLICATE_INTENTS = re.compile(r"^The following duplicated intents have been found across multiple domain "
                               r"files: ([\w, ]+?)\s*(More info|$)", re.DOTALL)


def unexpected_warnings(output: str, retrieval_intents: set) -> list:
    problems = []
    for match in WARNING.finditer(output):
        text = re.sub(r"\x1b\[[0-9;]*m", "", match.group(1)).strip()
        duplicate = DUPLICATE_INTENTS.match(text)
        if duplicate and {i.strip() for i in duplicate.group(1).split(",")} == retrieval_intents:
            continue
        problems.append(text)
    return problems


def main() -> int:
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run([str(rasa), "data", "validate"], capture_output=True, text=True)
    output = result.stdout + result.stderr
    problems = unexpected_warnings(output, set(content_mod.retrieval_intents(content_mod.load())))
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
