"""Unanswered questions grouped by similarity, and the YAML snippet that adds a group to a topic.

Why: editors act on patterns, not single messages. Questions are compared as the answer classifier
sees them (bot/nlu/lexicon.py `normalise`: folded text plus lay terms and canonical drug ids), as
TF-IDF vectors of word 1-2-grams and character 3-5-grams (weights fitted on the unanswered questions
and every topic example, so common words such as "what" weigh little), and grouped by average-linkage
agglomerative clustering under a cosine distance threshold (`DISTANCE`), one language at a time.
A group's id is its oldest row id (`g<id>`), so a group keeps its id while questions join it.

The snippet matches the files editors edit: English examples are `      - text` under the topic's
`examples:` in content/topics/<area>.yml, Spanish ones `    - text` under the topic id in
content/es/topics.yml; a question that is already an example somewhere is left out and named.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from bot.content import Content
from bot.nlu.lexicon import Lexicon, fold

DISTANCE = 0.75  # cosine distance under which (average linkage) questions share a group
SPANISH = "es"


@dataclass(frozen=True)
class Group:
    id: str  # "g<oldest row id>"
    language: str
    label: str  # the most typical question (closest to the group's centre)
    count: int  # questions in the group, repeats included
    questions: Tuple[Tuple[str, int], ...]  # distinct texts with their counts, most frequent first
    reasons: Tuple[Tuple[str, int], ...]
    channels: Tuple[Tuple[str, int], ...]
    topics: Tuple[Tuple[str, int], ...]  # topics offered or voted "not helpful" for these questions
    last_day: str  # YYYY-MM-DD
    row_ids: Tuple[int, ...]

    @property
    def suggested_topic(self) -> Optional[str]:
        return self.topics[0][0] if self.topics else None


@functools.lru_cache(maxsize=50_000)
def _normalise(text: str) -> str:
    """The classifier's view of a text, remembered: the page is rebuilt on every visit."""
    try:
        return Lexicon.load().normalise(text)
    except Exception:  # noqa: BLE001 - a broken vocabulary file must not take the editors' page down
        return fold(text)


_EXAMPLES: Dict[int, Tuple[Content, Tuple[str, ...]]] = {}  # id(content) -> (content, normalised examples)


def _examples(content: Content) -> Tuple[str, ...]:
    """Every topic example (English and Spanish), normalised once per loaded content."""
    cached = _EXAMPLES.get(id(content))
    if cached is None or cached[0] is not content:
        texts = [e for t in content.topics.values() for e in t.examples]
        texts += [e for tr in content.spanish.values() for e in tr.examples]
        cached = _EXAMPLES[id(content)] = (content, tuple(_normalise(t) for t in texts))
    return cached[1]


def _clusters(texts: Sequence[str], content: Content, distance: float) -> List[int]:
    """A cluster label per text. TF-IDF is fitted on the topic examples and these texts (stable
    weights, and the questions' own new words count); a text without features is alone."""
    if len(texts) < 2:
        return [0] * len(texts)
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union
    from sklearn.preprocessing import normalize

    own = [_normalise(t) for t in texts]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=False)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    # A quarter of the examples is enough for the weights, and four times faster to fit.
    features = make_union(words, chars).fit(list(_examples(content)[::4]) + own)
    vectors = normalize(features.transform(own))
    distances = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, affinity="precomputed", linkage="average", distance_threshold=distance
    )
    return [int(label) for label in model.fit_predict(distances)]


def _counted(values: Iterable[Optional[str]]) -> Tuple[Tuple[str, int], ...]:
    return tuple(Counter(v for v in values if v).most_common())


def group(rows: Sequence, content: Content, distance: float = DISTANCE) -> List[Group]:
    """Groups of unanswered rows (bot.feedback.store.UnansweredRow), largest and newest first."""
    groups: List[Group] = []
    by_language: Dict[str, List] = {}
    for row in rows:
        by_language.setdefault(row.language if row.language == SPANISH else "en", []).append(row)
    for language, members in by_language.items():
        labels = _clusters([r.text for r in members], content, distance)
        clusters: Dict[int, List] = {}
        for label, row in zip(labels, members):
            clusters.setdefault(label, []).append(row)
        for cluster in clusters.values():
            # One line per question as the classifier folds it (case, accents, spacing), in its first form.
            shown: Dict[str, str] = {}
            texts = Counter(shown.setdefault(fold(r.text), " ".join(r.text.split())) for r in cluster)
            questions = tuple(sorted(texts.items(), key=lambda item: (-item[1], item[0])))
            groups.append(
                Group(
                    id=f"g{min(r.id for r in cluster)}",
                    language=language,
                    label=questions[0][0],
                    count=len(cluster),
                    questions=questions,
                    reasons=_counted(r.reason for r in cluster),
                    channels=_counted(r.channel for r in cluster),
                    topics=_counted(r.topic for r in cluster if r.topic in content.topics),
                    last_day=max(str(r.day) for r in cluster),
                    row_ids=tuple(sorted(r.id for r in cluster)),
                )
            )
    groups.sort(key=lambda g: g.last_day, reverse=True)  # newest first among groups of one size
    return sorted(groups, key=lambda g: -g.count)


def find(groups: Iterable[Group], group_id: str) -> Optional[Group]:
    """The group with this id, or the one that now holds that row (groups merge as questions arrive)."""
    groups = list(groups)
    exact = next((g for g in groups if g.id == group_id), None)
    if exact or not group_id[1:].isdigit():
        return exact
    return next((g for g in groups if int(group_id[1:]) in g.row_ids), None)


# -- the YAML snippet --------------------------------------------------------------------------------


def yaml_item(text: str) -> str:
    """`text` as a list item value the way content/ writes examples: plain when YAML reads it back
    unchanged, else double-quoted (JSON escaping is valid YAML)."""
    text = " ".join(text.split())
    try:
        plain_ok = yaml.safe_load(f"- {text}") == [text]
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok and text[:1] not in "\"'" else json.dumps(text, ensure_ascii=False)


def existing_examples(content: Content) -> Dict[str, str]:
    """Folded example -> the topic id it already belongs to (English and Spanish)."""
    found = {fold(e): t.id for t in content.topics.values() for e in t.examples}
    for translation in content.spanish.values():
        for example in translation.examples:
            found.setdefault(fold(example), translation.topic_id)
    return found


def snippet(content: Content, topic_id: str, questions: Sequence[str], language: str = "en") -> str:
    """The YAML lines to paste into the topic's `examples:` list, with a comment saying where.
    KeyError for an unknown topic id."""
    topic = content.topics[topic_id]
    known = existing_examples(content)
    spanish = language == SPANISH
    if spanish:
        where = f"content/es/topics.yml, entry `{topic_id}:`"
        indent = "    - "
    else:
        where = f"content/topics/{topic.retrieval_intent}.yml, topic `- id: {topic_id}`"
        indent = "      - "
    lines = [
        f"# {where} ({content.title(topic, language)}):",
        "# append these lines to its `examples:` list. Replace any [TAG] left by the scrubber with",
        "# ordinary words, and keep only questions this topic's answer really answers.",
    ]
    seen, items = set(), []
    for question in questions:
        folded = fold(question)
        if not folded or folded in seen:
            continue
        seen.add(folded)
        if folded in known:
            lines.append(f"# already an example of {known[folded]}: {' '.join(question.split())}")
            continue
        items.append(indent + yaml_item(question))
    return "\n".join(lines + items) + "\n"
