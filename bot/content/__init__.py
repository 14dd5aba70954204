"""Curated content: load `content/` and look answers up (generation: bot.content.build).

`content/` is the single source of truth for every patient-facing answer (see docs/content.md).
The Rasa files under `data/generated/` are derived from it by `python -m bot.content build`, so the
answer text exists in exactly one committed file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import yaml

from bot.content import review as review_mod
from bot.content import translations as translations_mod
from bot.content.review import Reviewed
from bot.content.translations import Translation
from bot.settings import ROOT

CONTENT_DIR = ROOT / "content"
GENERATED_DIR = ROOT / "data" / "generated"

NOT_ADVICE = "Educational information, not medical advice."


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    reviewed: str  # the publisher's wording, shown to people
    file: str
    review_date: Optional[str] = None  # the same date for machines: YYYY-MM-DD or YYYY, None if undated

    @property
    def citation(self) -> str:
        return f'{self.publisher}, "{self.title}" ({self.reviewed})'


@dataclass(frozen=True)
class Topic:
    id: str
    retrieval_intent: str
    title: str
    answer: str
    sources: Tuple[str, ...]
    related: Tuple[str, ...]
    drugs: Tuple[str, ...] = ()
    aspects: Tuple[str, ...] = ()
    examples: Tuple[str, ...] = ()
    compares: Tuple[str, ...] = ()  # the two drugs the answer compares ("zoledronic_vs_pamidronate")
    reviewed: Optional[Reviewed] = None  # when and by whom (content/topics/*.yml `reviewed:`)

    @property
    def response_key(self) -> str:
        return f"{self.retrieval_intent}/{self.id}"


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    names: Tuple[str, ...]
    drug_class: Optional[str] = None
    is_class: bool = False
    umbrella: bool = False


@dataclass
class Content:
    sources: Dict[str, Source]
    topics: Dict[str, Topic]
    groups: Dict[str, str]  # retrieval intent -> readable group title
    drugs: Dict[str, Drug]
    facts: List[Tuple[str, str]] = field(default_factory=list)  # (source id, exact quote)
    out_of_scope: Tuple[str, ...] = ()
    spanish: Dict[str, Translation] = field(default_factory=dict)  # topic id -> content/es/topics.yml entry

    # -- lookups used by the action server -------------------------------------------------
    def topic_for_key(self, key: str) -> Optional[Topic]:
        """Accept `faq_jaw/onj_what`, `utter_faq_jaw/onj_what` or a bare `onj_what`."""
        return self.topics.get(key.rsplit("/", 1)[-1])

    def specific_drug(self, drug_id: Optional[str]) -> Optional[str]:
        """`drug_id` if it names a drug or a real class, None for unknown ids and umbrella terms."""
        drug = self.drugs.get(drug_id or "")
        return drug.id if drug and not drug.umbrella else None

    def comparison(self, first: str, second: str) -> Optional[Topic]:
        """The answer comparing two drugs (its `compares`), either order; None when no answer does."""
        return next((t for t in self.topics.values() if t.compares and set(t.compares) == {first, second}), None)

    def covers(self, topic: Topic, drug_id: str) -> bool:
        """A topic covers a drug it names, a drug of a class it names, and a class one of whose
        drugs it names ("bisphosphonate pills" are covered by a topic on clodronate pills)."""
        drug = self.drugs.get(drug_id)
        family = {drug_id} | ({drug.drug_class} if drug and drug.drug_class else set())
        if drug and drug.is_class:
            family |= {d.id for d in self.drugs.values() if d.drug_class == drug_id}
        return bool(family & set(topic.drugs))

    def topic_for_drug(self, drug_id: str, aspects: Iterable[str]) -> Optional[Topic]:
        """The most specific topic about `drug_id` for the first aspect that has one."""
        for aspect in aspects:
            candidates = [t for t in self.topics.values() if aspect in t.aspects and self.covers(t, drug_id)]
            if candidates:
                # A topic naming the drug itself beats one naming its class; fewer drugs = more
                # specific; then the curated order (the first topic of a file is its overview).
                order = {tid: n for n, tid in enumerate(self.topics)}
                return min(candidates, key=lambda t: (drug_id not in t.drugs, len(t.drugs), order[t.id]))
        return None

    def citation(self, topic: Topic) -> str:
        return "; ".join(self.sources[s].citation for s in topic.sources)

    def render(self, topic: Topic) -> str:
        """The text a person sees: answer, source line, and the educational-use reminder."""
        return f"{topic.answer.strip()}\n\nSource: {self.citation(topic)}. {NOT_ADVICE}"

    def render_spanish(self, topic: Topic) -> Optional[str]:
        """The Spanish text of `topic` (answer, sources, reminder), None while it has no Spanish entry."""
        translation = self.spanish.get(topic.id)
        return translations_mod.render(translation, self.citation(topic)) if translation else None

    def buttons(self, topic: Topic, for_domain: bool = False, language: str = "en") -> List[Dict[str, str]]:
        return [
            topic_button(self.topics[r], for_domain, self.title(self.topics[r], language))
            for r in topic.related
            if r in self.topics
        ]

    def title(self, topic: Topic, language: str = "en") -> str:
        """The topic's title in `language` ("es": its Spanish title when it has one, else the English)."""
        translation = self.spanish.get(topic.id) if language == translations_mod.SPANISH else None
        return translation.title if translation else topic.title


def topic_button(topic: Topic, for_domain: bool = False, title: Optional[str] = None) -> Dict[str, str]:
    """A button that asks for `topic` (titled `title`, default its English title). Domain responses
    are templated by Rasa, which treats `{…}` as a slot: there the braces are doubled (`for_domain`),
    action messages send them as they are. The payload names the topic, whatever the language."""
    payload = f'/ask_topic{{"topic":"{topic.id}"}}'
    if for_domain:
        payload = payload.replace("{", "{{").replace("}", "}}")
    return {"title": title or topic.title, "payload": payload}


def _tuple(value) -> Tuple[str, ...]:
    return tuple(value or ())


def _read(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=review_mod.DatesAsText) or {}  # a SafeLoader, dates as text


@functools.lru_cache(maxsize=4)
def load(content_dir: Path = CONTENT_DIR) -> Content:
    sources_path = content_dir / "sources.yml"
    sources = {}
    for sid, value in _read(sources_path)["sources"].items():
        if "review_date" not in value:
            raise ValueError(f"{sources_path}: source {sid!r}: missing review_date (YYYY-MM-DD, YYYY or null)")
        date = review_mod.parse_source_date(value["review_date"], f"{sources_path}: source {sid!r}")
        sources[sid] = Source(id=sid, **{**value, "review_date": date})

    raw_drugs = _read(content_dir / "drugs.yml")
    drugs: Dict[str, Drug] = {}
    for cid, value in (raw_drugs.get("classes") or {}).items():
        drugs[cid] = Drug(
            id=cid,
            name=value["name"],
            names=_tuple(value["names"]),
            is_class=True,
            umbrella=bool(value.get("umbrella")),
        )
    for did, value in (raw_drugs.get("drugs") or {}).items():
        drugs[did] = Drug(id=did, name=value["name"], names=_tuple(value["names"]), drug_class=value.get("class"))

    topics: Dict[str, Topic] = {}
    groups: Dict[str, str] = {}
    for path in sorted((content_dir / "topics").glob("*.yml")):
        raw = _read(path)
        intent = raw["retrieval_intent"]
        if intent != path.stem:
            raise ValueError(f"{path}: retrieval_intent {intent!r} must match the file name")
        groups[intent] = raw.get("title", intent)
        for item in raw.get("topics") or []:
            if item["id"] in topics:
                raise ValueError(f"duplicate topic id {item['id']!r} in {path}")
            topics[item["id"]] = Topic(
                id=item["id"],
                retrieval_intent=intent,
                title=item["title"],
                answer=" ".join(item["answer"].split()),
                sources=_tuple(item.get("sources")),
                related=_tuple(item.get("related")),
                drugs=_tuple(item.get("drugs")),
                aspects=_tuple(item.get("aspects")),
                examples=_tuple(item.get("examples")),
                compares=_tuple(item.get("compares")),
                reviewed=review_mod.parse_reviewed(item.get("reviewed"), f"{path}: topic {item['id']!r}"),
            )

    facts: List[Tuple[str, str]] = []
    for path in sorted((content_dir / "facts").glob("*.yml")):
        for fact in _read(path).get("facts") or []:
            facts.append((fact["source"], " ".join(str(fact["quote"]).split())))

    oos_path = content_dir / "out_of_scope.yml"
    out_of_scope = _tuple(_read(oos_path).get("examples")) if oos_path.exists() else ()
    spanish = translations_mod.load(content_dir / "es" / "topics.yml", topics)
    return Content(
        sources=sources,
        topics=topics,
        groups=groups,
        drugs=drugs,
        facts=facts,
        out_of_scope=out_of_scope,
        spanish=spanish,
    )


def drug_name_index(content: Content) -> Dict[str, str]:
    """Every surface form, lower-cased, mapped to its canonical drug id."""
    index = {}
    for drug in content.drugs.values():
        for name in (drug.id.replace("_", " "),) + drug.names:
            index[name.lower()] = drug.id
    return index
