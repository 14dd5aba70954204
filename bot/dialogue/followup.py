"""Follow-ups that carry the topic: "how is it treated?" after the ONJ warning signs means ONJ treatment.

The classifier reads one message at a time; a question that points back ("it", "that") is scored without
its subject and often lands on a general answer ("treatment overview"). When the conversation has a last
answer, the candidates are that answer, its related answers (content/topics `related`) and the answers of
its area; the classifier's own probabilities choose among them. The classifier's pick stands when it is
one of them, or when it is sure of a new subject.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from bot.content import Content, Topic
from bot.names import CLASSIFIER_RANKING_KEY

NEW_SUBJECT_CONFIDENCE = 0.5  # the classifier's pick outside the candidates wins above this (dev set)
NEAR_WEIGHT = 2.0  # the last answer and its related answers against the rest of its area (dev set)


def topic_scores(parse: Mapping[str, Any]) -> Dict[str, float]:
    """Response key -> the classifier's probability: area confidence x confidence inside the area."""
    ranking = parse.get(CLASSIFIER_RANKING_KEY) or parse.get("intent_ranking") or []
    areas = {r.get("name"): float(r.get("confidence") or 0) for r in ranking}
    scores: Dict[str, float] = {}
    for area, selected in (parse.get("response_selector") or {}).items():
        if not isinstance(selected, dict):
            continue
        for ranked in selected.get("ranking") or []:
            key = ranked.get("intent_response_key")
            if key:
                scores[key] = areas.get(area, 0.0) * float(ranked.get("confidence") or 0)
    return scores


def carry_topic(
    parse: Mapping[str, Any], content: Content, last: Optional[Topic], predicted: Optional[Topic]
) -> Optional[Topic]:
    """The answer a pointing-back question asks for, given the last answer shown (None: no better idea)."""
    if last is None:
        return predicted
    near = {last.response_key} | {content.topics[r].response_key for r in last.related if r in content.topics}
    same_area = {t.response_key for t in content.topics.values() if t.retrieval_intent == last.retrieval_intent}
    scores = topic_scores(parse)
    if predicted is not None and (
        predicted.response_key in near or scores.get(predicted.response_key, 0.0) >= NEW_SUBJECT_CONFIDENCE
    ):
        return predicted
    # The last answer and its related answers count double against the rest of its area.
    weighted = {key: scores.get(key, 0.0) * (NEAR_WEIGHT if key in near else 1.0) for key in near | same_area}
    best = max(weighted, key=weighted.get)
    if weighted[best] > 0:
        return content.topic_for_key(best)
    return predicted
