"""The content editors' page, its parts (issue 15, part 3): grouping of unanswered questions, the YAML
snippet, the session cookie, the charts and the escaping of strangers' text. No server here (see
tests/test_editors_web.py)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from bot import content as content_mod
from bot.content import review
from bot.editors import charts, groups, page, routes
from bot.feedback.store import UnansweredRow
from tests.conftest import ROOT

pytestmark = pytest.mark.unit
DAY = dt.date(2026, 12, 1)


def rows(texts, language="en", topic=None, start=1):
    return [
        UnansweredRow(start + i, text, "did_you_mean", topic, language, "socketio", DAY + dt.timedelta(days=i % 3))
        for i, text in enumerate(texts)
    ]


JAW = ["my jaw hurts after zometa", "jaw pain since the zometa drip", "does zometa cause jaw pain"]
ALCOHOL = ["can i drink alcohol on letrozole", "is wine ok with letrozole", "alcohol and letrozole"]
HAIR = ["will I lose my hair on xgeva", "hair loss xgeva", "does xgeva make your hair fall out"]
OTHER = ["can my dog sleep in my bed", "is it safe to travel by air with bone metastases"]


def members(found, text):
    return {q for g in found for q, _ in g.questions if text in {q for q, _ in g.questions}}


def test_similar_questions_share_a_group_and_different_ones_do_not(content):
    found = groups.group(rows(JAW + ALCOHOL + HAIR + OTHER), content)
    assert members(found, JAW[0]) == set(JAW)
    assert members(found, ALCOHOL[0]) == set(ALCOHOL)
    assert members(found, HAIR[0]) == set(HAIR)
    for text in OTHER:
        assert members(found, text) == {text}
    assert sum(g.count for g in found) == len(JAW + ALCOHOL + HAIR + OTHER)


def test_groups_count_repeats_sort_largest_first_and_keep_languages_apart(content):
    texts = JAW + [JAW[0], " My  JAW hurts after Zometa "[1:]] + ALCOHOL[:1]
    spanish = rows(["alcohol con letrozol", "¿puedo tomar alcohol con letrozol?"], "es", start=100)
    found = groups.group(rows(texts, topic="onj_what") + spanish, content)
    first = found[0]
    assert first.count == 5 and first.language == "en" and first.id == "g1"
    assert dict(first.questions)["my jaw hurts after zometa"] == 3  # same words (case, spaces): one line
    assert len(first.questions) == 3
    assert first.suggested_topic == "onj_what" and first.reasons == (("did_you_mean", 5),)
    assert [g.count for g in found] == sorted((g.count for g in found), reverse=True)
    es = [g for g in found if g.language == "es"]
    assert len(es) == 1 and es[0].count == 2
    # A group keeps its id as questions join it; a merged row still finds its group.
    assert groups.find(found, "g1") is first and groups.find(found, "g3") is first
    assert groups.find(found, "g999") is None and groups.find(found, "nonsense") is None


def test_one_question_and_none(content):
    assert groups.group([], content) == []
    (single,) = groups.group(rows(["zzz"]), content)
    assert single.count == 1 and single.label == "zzz"


def paste(snippet: str, path, topic_id: str, spanish: bool = False) -> str:
    """What an editor does: append the snippet's lines at the end of the topic's examples."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if spanish:
        start = lines.index(f"{topic_id}:\n")
        item = re.compile(r"^    - ")
    else:
        start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {topic_id}")
        item = re.compile(r"^      - ")
    examples = next(i for i in range(start, len(lines)) if lines[i].strip() == "examples:")
    end = examples + 1
    while end < len(lines) and item.match(lines[end]):
        end += 1
    added = [line + "\n" for line in snippet.splitlines() if not line.startswith("#")]
    return "".join(lines[:end] + added + lines[end:])


def test_the_snippet_pasted_into_the_topic_file_adds_exactly_those_examples(tmp_path, content):
    questions = ["does zometa cause jaw pain", "jaw: does it hurt?", '"quoted" start', "what is ONJ", "[NAME] said ONJ"]
    snippet = groups.snippet(content, "onj_what", questions)
    assert snippet.startswith("# content/topics/faq_jaw.yml, topic `- id: onj_what`")
    assert "# already an example of onj_what: what is ONJ" in snippet
    assert "      - does zometa cause jaw pain\n" in snippet  # plain, as content/ writes examples
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    path = target / "topics" / "faq_jaw.yml"
    path.write_text(paste(snippet, path, "onj_what"), encoding="utf-8")
    loaded = content_mod.load(target)
    added = loaded.topics["onj_what"].examples[len(content.topics["onj_what"].examples) :]
    assert list(added) == ["does zometa cause jaw pain", "jaw: does it hurt?", '"quoted" start', "[NAME] said ONJ"]
    assert loaded.topics["onj_prevention"].examples == content.topics["onj_prevention"].examples


def test_a_spanish_group_snippet_goes_to_the_spanish_entry(tmp_path, content):
    snippet = groups.snippet(content, "onj_what", ["la onj duele mucho?", "que es onj"], language="es")
    assert snippet.startswith("# content/es/topics.yml, entry `onj_what:`")
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    path = target / "es" / "topics.yml"
    path.write_text(paste(snippet, path, "onj_what", spanish=True), encoding="utf-8")
    examples = content_mod.load(target).spanish["onj_what"].examples
    assert examples[-1] == "la onj duele mucho?"
    assert "que es onj" not in examples[len(content.spanish["onj_what"].examples) :]  # already an example


def test_an_unknown_topic_has_no_snippet(content):
    with pytest.raises(KeyError):
        groups.snippet(content, "no_such_topic", ["x"])
    data = page.Summary(groups.group(rows(JAW), content), [], [], [], True, 30, "now")
    assert routes.make_snippet(data, content, "g1", "no_such_topic")[0] == 400
    assert routes.make_snippet(data, content, "g77", "onj_what")[0] == 404
    status, body = routes.make_snippet(data, content, "g2", "onj_what")
    assert status == 200 and body["group"] == "g1" and "zometa" in body["snippet"]


def test_session_cookie_is_tied_to_the_token_and_expires():
    value = routes.session_value("tok", 2_000_000_000)
    assert routes.valid_session("tok", value, now=1_900_000_000)
    assert not routes.valid_session("other", value, now=1_900_000_000)  # a new token ends every session
    assert not routes.valid_session("tok", value, now=2_000_000_001)
    assert not routes.valid_session("tok", value.replace("2000", "2100", 1), now=1_900_000_000)
    assert not routes.valid_session("tok", "", now=0) and "tok" not in value


def test_credentials_bearer_decides_alone_and_a_stale_cookie_is_no_wrong_token():
    good = f"{routes.COOKIE}={routes.session_value('tok', 2_000_000_000)}"
    assert routes.credentials({"Authorization": "Bearer tok"}, "tok") == (True, False)
    assert routes.credentials({"Authorization": "Bearer nope", "Cookie": good}, "tok") == (False, True)
    assert routes.credentials({"Cookie": good}, "tok") == (True, False)
    assert routes.credentials({"Cookie": f"{routes.COOKIE}=1.abc"}, "tok") == (False, False)
    assert routes.credentials({}, "tok") == (False, False)


def test_charts_are_svg_with_their_numbers_in_words_and_escaped():
    svg = charts.helpfulness([("onj_what", 3, 1), ("<script>", 0, 2)])
    assert svg.startswith("<svg") and 'role="img"' in svg and "onj_what: 3 helpful, 1 not helpful" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "style=" not in svg
    rates = charts.weekly_rates([(dt.date(2026, 11, 23), 8, 2, 0), (dt.date(2026, 11, 30), 5, 4, 1)])
    assert "week of 2026-11-23: 20% fallback, 0% escalated of 10" in rates and rates.count("<polyline") == 2
    assert charts.helpfulness([]) == "" and charts.weekly_rates([]) == ""


def test_the_page_escapes_questions_and_shows_every_section(content):
    hostile = ["<img src=x onerror=alert(1)> is zometa safe", "</pre><script>alert(1)</script>"]
    data = page.Summary(
        groups=groups.group(rows(hostile), content),
        helpfulness=[("onj_what", 1, 2)],
        weekly=[(dt.date(2026, 11, 30), 10, 2, 1)],
        ages=review.ages(content, DAY),
        capture_on=True,
        retention_days=30,
        generated="2026-12-06 12:00 UTC",
    )
    html = page.render(data, content, ("g2", "onj_what", groups.snippet(content, "onj_what", hostile)))
    assert "<img src=x" not in html and "<script>alert" not in html and "&lt;img src=x" in html
    for section in ("unanswered", "helpfulness", "rates", "review"):
        assert f'<section id="{section}"' in html
    assert html.count("<script") == 1 and 'src="/editors/static/editors.js"' in html  # no inline script
    assert " style=" not in html  # the CSP allows no inline style
    assert '<option value="onj_prevention"' in html and "deleted after 30 days" in html
    assert 'id="snippet-g2"' in html and 'id="snippet-g2" hidden' not in html  # shown without the script
