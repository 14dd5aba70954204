"""Build the project's spaCy pipeline from nothing, because no pretrained model can be downloaded.

A blank English pipeline gets the lookup lemmatizer (tables from `spacy-lookups-data`, so "injections"
and "injection" count as one word for the CountVectorsFeaturizer) and an entity ruler that tags drug
names (generic, brand and common misspellings from content/drugs.yml), body sites and symptom words.
Rasa's SpacyNLP loads the saved folder from disk.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List

import spacy

from bot import content as content_mod
from bot.content import vocabulary

DEFAULT_PATH = content_mod.ROOT / "var" / "spacy" / "en_bone_health"

# Ruler labels are the Rasa entity names (lower case, as in domain.yml); terms from content/vocabulary.yml.
BODY_SITES = list(vocabulary.load().body_sites)
SYMPTOMS = list(vocabulary.load().symptoms)


def patterns(nlp, content: content_mod.Content) -> List[Dict]:
    """Token patterns matched on lower-case text, so 'ZOMETA' and 'zometa' both hit."""

    def tokens(text: str):
        return [{"LOWER": tok.lower_} for tok in nlp.make_doc(text)]

    result = []
    for drug in content.drugs.values():
        for name in {drug.id.replace("_", " "), *drug.names}:
            result.append({"label": "drug", "pattern": tokens(name), "id": drug.id})
    result += [{"label": "body_site", "pattern": tokens(site)} for site in BODY_SITES]
    result += [{"label": "symptom", "pattern": tokens(word)} for word in SYMPTOMS]
    return result


def fingerprint(content: content_mod.Content) -> str:
    """Changes when the drug list or term lists change, so `make` rebuilds only then."""
    payload = json.dumps(
        [sorted((d.id, d.names) for d in content.drugs.values()), BODY_SITES, SYMPTOMS, spacy.__version__]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def build(path: Path = DEFAULT_PATH) -> Path:
    content = content_mod.load()
    stamp = path / "bone_health_fingerprint.txt"
    if stamp.exists() and stamp.read_text() == fingerprint(content):
        return path
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None, "overwrite_ents": True})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler.add_patterns(patterns(nlp, content))
    nlp.meta["name"] = "bone_health"
    nlp.meta["description"] = "Blank English + lookup lemmatizer + entity ruler (Bone Health Companion)"
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    stamp.write_text(fingerprint(content))
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the blank spaCy pipeline Rasa loads.")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    print(f"spaCy pipeline at {build(args.path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
