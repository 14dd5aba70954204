"""Spanish answers (content/es/topics.yml): complete, same numbers as English, plain Spanish, reviewed.

The number convention is the one written at the top of content/es/topics.yml: decimal point (1.4),
thousands of five or more digits grouped by a space (10 000), a space before "%" (30 %).
"""

from __future__ import annotations

import re
import statistics
import unicodedata

import pytest
import textstat

from bot import content as content_mod
from bot.content import translations

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
FLOOR = 70  # Fernández-Huerta "bastante fácil"; every answer reaches it


def english_numbers(text: str) -> set:
    """Numbers of an English answer: "10,000" -> "10000", "1.4 – 2.8%" -> {"1.4", "2.8"}."""
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def spanish_numbers(text: str) -> set:
    """Numbers of a Spanish answer: "10 000" -> "10000", and a decimal comma read as a point ("1,4" ->
    "1.4"), so a convention slip shows up in test_numbers_follow_one_convention, not as a wrong number."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)
    return {n.replace(",", ".") for n in NUMBER.findall(text)}


def key(text: str) -> str:
    """An example as the NLU would see it twice: lower case, no accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w ]", " ", text).split())


@pytest.fixture(scope="module")
def spanish(content):
    return content.spanish


def test_every_english_topic_has_a_spanish_answer(content, spanish):
    missing = sorted(set(content.topics) - set(spanish))
    assert not missing, f"no Spanish entry in content/es/topics.yml for {missing}"
    assert len(spanish) >= 69


def test_spanish_answers_give_the_same_numbers_as_english(content, spanish):
    for topic_id, translation in spanish.items():
        english = english_numbers(content.topics[topic_id].answer)
        es = spanish_numbers(translation.answer)
        assert english == es, f"{topic_id}: missing {sorted(english - es)}, not in English {sorted(es - english)}"


def test_the_number_comparison_reads_both_conventions():
    assert english_numbers("in 1.4 – 2.8% and 11 per 10,000 person years, 10–30%") == {
        "1.4",
        "2.8",
        "11",
        "10000",
        "10",
        "30",
    }
    assert spanish_numbers("en el 1.4 a 2.8 % y 11 por cada 10 000 años-persona, de 10 a 30 %") == {
        "1.4",
        "2.8",
        "11",
        "10000",
        "10",
        "30",
    }
    assert spanish_numbers("1,4 – 2,8 %") == {"1.4", "2.8"}
    assert english_numbers("4 mg") != spanish_numbers("40 mg")


def test_numbers_follow_one_convention(content, spanish):
    for topic_id, translation in spanish.items():
        answer, english = translation.answer, content.topics[topic_id].answer
        assert not re.search(r"\d,\d", answer), f"{topic_id}: decimal point and spaced thousands, not commas"
        assert not re.search(r"\d%", answer), f"{topic_id}: a space before % (30 %)"
        assert not re.search(r"\b\d{1,3}\.\d{3}\b", answer), f"{topic_id}: thousands grouped by a space"
        for long_number in re.findall(r"\b\d{5,}\b", answer):  # study names and phone numbers stay as written
            assert long_number in english, f"{topic_id}: write {long_number} grouped by a space (10 000)"


def test_spanish_answers_are_plain_spanish(spanish):
    textstat.set_lang("es")
    try:
        scores = {tid: textstat.fernandez_huerta(t.answer) for tid, t in spanish.items()}
    finally:
        textstat.set_lang("en_US")  # textstat's language is global: the English tests read English
    low = {tid: score for tid, score in scores.items() if score < FLOOR}
    assert not low, f"Fernández-Huerta below {FLOOR}: {low}"
    assert statistics.median(scores.values()) >= 75


def test_review_status_is_valid_and_approval_is_signed(spanish):
    for topic_id, translation in spanish.items():
        review = translation.review
        assert review.status in translations.REVIEW_STATUSES, topic_id
        if review.approved:
            assert review.reviewer and review.date, topic_id
        else:
            assert review.label == "borrador / draft: awaiting clinical review"


def test_titles_are_spanish_questions_that_fit_a_button(spanish):
    for topic_id, translation in spanish.items():
        assert 3 <= len(translation.title) <= 60, topic_id
        assert translation.title.startswith("¿") and translation.title.endswith("?"), topic_id


def test_answers_give_no_personal_dosing_or_decisions(spanish):
    forbidden = re.compile(r"\busted debe (tomar|dejar|empezar|parar)\b|\bsu dosis\b|\btome \d", re.IGNORECASE)
    for topic_id, translation in spanish.items():
        assert not forbidden.search(translation.answer), topic_id


def test_examples_are_many_and_never_shared(content, spanish):
    seen = {}
    for topic_id, translation in spanish.items():
        assert len(translation.examples) >= 12, topic_id
        for example in translation.examples:
            owner = seen.setdefault(key(example), topic_id)
            assert owner == topic_id, f"{example!r} in {owner} and {topic_id}"
    for topic in content.topics.values():  # an English example of another topic would teach two answers
        for example in topic.examples:
            owner = seen.get(key(example), topic.id)
            assert owner == topic.id, f"{example!r}: English example of {topic.id}, Spanish of {owner}"


def test_examples_sound_like_spanish_speakers(spanish):
    """Accents left out, Spanglish and relatives: not only textbook Spanish."""
    examples = [e.lower() for t in spanish.values() for e in t.examples]
    assert sum("shot" in e or "infusion" in e or "side effects" in e for e in examples) >= 15
    assert sum(not re.search(r"[áéíóúñ¿]", e) for e in examples) >= len(examples) / 2
    assert (
        sum(bool(re.search(r"\bmi (mam[aá]|pap[aá]|esposo|esposa|tia|t[ií]a|hija|hermana)\b", e)) for e in examples)
        >= 30
    )


def test_spanish_render_names_the_sources_and_the_reminder(content):
    topic = content.topics["onj_how_common"]
    text = content.render_spanish(topic)
    assert text.startswith(content.spanish["onj_how_common"].answer)
    assert content.citation(topic) in text and translations.NOT_ADVICE_ES in text
    assert content.render(topic).endswith(content_mod.NOT_ADVICE)  # English unchanged


def test_spanish_buttons_ask_the_same_topics_with_spanish_titles(content):
    topic = content.topics["onj_what"]
    english, spanish = content.buttons(topic), content.buttons(topic, language="es")
    assert [b["payload"] for b in english] == [b["payload"] for b in spanish]
    assert [b["title"] for b in spanish] == [content.spanish[r].title for r in topic.related]
    assert content.title(topic, "es") == content.spanish["onj_what"].title and content.title(topic) == topic.title


def test_examples_are_questions_not_reports(spanish):
    """FAQ examples must not teach the classifier to answer a red flag or a personal decision with a
    leaflet: none of them trips the deterministic red-flag net (bot/safety/engine.py)."""
    from bot.safety import engine

    tripped = [(tid, e) for tid, t in spanish.items() for e in t.examples if engine.find_all(e)]
    assert not tripped, tripped


# -- the loader refuses broken entries, naming the file and the topic --------------------------


def load_with(tmp_path, text: str):
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return translations.load(path, ["onj_what"])


ENTRY = (
    'onj_what:\n  title: "¿Qué es la ONJ?"\n  answer: Un texto.\n  review: {status: draft}\n'
    "  reviewed: {date: 2026-12-06, by: Equipo de contenido}\n  examples: [que es onj]\n"
)


def test_loader_reads_a_good_entry_and_an_approval(tmp_path):
    assert load_with(tmp_path, ENTRY)["onj_what"].review.status == "draft"
    approved = ENTRY.replace("{status: draft}", '{status: approved, reviewer: "Dra. Ruiz, oncóloga", date: 2026-12-01}')
    review = load_with(tmp_path, approved)["onj_what"].review
    assert review.approved and review.date == "2026-12-01" and "Dra. Ruiz" in review.label


@pytest.mark.parametrize(
    "text, problem",
    [
        (ENTRY.replace("onj_what:", "onj_whatt:"), "no English topic"),
        (ENTRY.replace("  answer: Un texto.\n", ""), "missing ['answer']"),
        (ENTRY.replace("{status: draft}", "{status: final}"), "review status 'final'"),
        (ENTRY.replace("{status: draft}", "{status: approved, date: 2026-12-01}"), "names its reviewer"),
        (ENTRY.replace("{status: draft}", "{status: approved, reviewer: X}"), "review date"),
        (ENTRY.replace("[que es onj]", "[]"), "examples"),
        (ENTRY + "  answr: x\n", "unknown fields"),
        (ENTRY.replace("date: 2026-12-06, ", ""), "reviewed date"),
        (ENTRY.replace("2026-12-06", "06/12/2026"), "reviewed date"),
        (ENTRY.replace("  reviewed: {date: 2026-12-06, by: Equipo de contenido}\n", ""), "missing ['reviewed']"),
    ],
)
def test_loader_refuses_broken_entries(tmp_path, text, problem):
    with pytest.raises(ValueError) as error:
        load_with(tmp_path, text)
    message = str(error.value)
    assert problem in message and "topics.yml" in message and "onj_wh" in message
