"""Cross-validation of the answer classifier alone (no guards, no dialogue): `make crossval`.

Trains bot.nlu.retrieval's model on k-1 folds of the training examples (data/nlu and the examples generated
from content/) and predicts the held-out fold, with the same text normalisation and settings as config.yml.
Prints intent accuracy (the FAQ area or other intent) and answer accuracy (the exact curated answer or
intent): how well the classifier alone generalises to wordings of its own training data it did not see.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Tuple

import yaml

from bot.settings import ROOT


def training_examples() -> Tuple[List[str], List[str]]:
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    files = sorted((ROOT / "data" / "nlu").glob("*.yml")) + [ROOT / "data" / "generated" / "faq_nlu.yml"]
    data = TrainingData().merge(*[load_data(str(path)) for path in files])
    examples = [e for e in data.intent_examples if e.get("text")]
    return [e.get("text") for e in examples], [e.get("intent_response_key") or e.get("intent") for e in examples]


def classifier_config() -> dict:
    from bot.nlu.retrieval import AnswerClassifier

    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    own = next(c for c in pipeline if c["name"].endswith("AnswerClassifier"))
    return {**AnswerClassifier.get_default_config(), **{k: v for k, v in own.items() if k != "name"}}


def main(argv=None) -> int:
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from bot.nlu.lexicon import Lexicon
    from bot.nlu.retrieval import build_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    texts, labels = training_examples()
    lexicon = Lexicon.load()
    normalised = [lexicon.normalise(t) for t in texts]
    config = classifier_config()
    # Labels with fewer examples than folds cannot be stratified: they stay in training only.
    counts = {label: labels.count(label) for label in set(labels)}
    keep = [i for i, label in enumerate(labels) if counts[label] >= args.folds]
    x = [normalised[i] for i in keep]
    y = [labels[i] for i in keep]
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=config["random_seed"])
    predicted = cross_val_predict(build_model(config), x, y, cv=folds)
    answer = sum(p == t for p, t in zip(predicted, y)) / len(y)
    intent = sum(p.split("/")[0] == t.split("/")[0] for p, t in zip(predicted, y)) / len(y)
    faq = [(p, t) for p, t in zip(predicted, y) if "/" in t]
    faq_answer = sum(p == t for p, t in faq) / len(faq)
    print(f"answer classifier alone, {args.folds}-fold cross-validation on {len(y)} training examples")
    print(f"  intent (area or other intent): {intent:.3f}")
    print(f"  answer (exact answer or intent): {answer:.3f}")
    print(f"  FAQ examples only, exact answer: {faq_answer:.3f} (n={len(faq)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
