"""The staff script book (bot.reference.book build): complete, in step with the bot, escaped, usable.

No model needed here; the live-call lookup is tested in test_reference_lookup.py. The browser tests
drive Debian's Chromium (headless) with Playwright, from the file system and served by bot.serve.web.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml

from bot import content as content_mod
from bot.content import build as content_build
from bot.reference import book as reference
from bot.reference.lookup import serve_lookup
from bot.safety import content as safety_content
from bot.serve import supervisor as serve
from tests.conftest import ARTIFACTS, ROOT, free_port

SAFETY_FILE = ROOT / "content" / "safety.yml"


@pytest.fixture(scope="module")
def book(tmp_path_factory, content) -> Path:
    """Built like `make reference` does (content/safety.yml)."""
    return reference.build(tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def page(book) -> str:
    return book.read_text(encoding="utf-8")


def articles(page: str, kind: str = "topic") -> dict:
    """id -> html of each <article class=kind>."""
    found = {}
    for match in re.finditer(rf'<article class="{kind}" id="([^"]+)"(.*?)</article>', page, re.S):
        found[match.group(1)] = match.group(2)
    return found


# -- in step with the bot -----------------------------------------------------------------------


def test_every_bot_answer_is_in_the_book(page, content, tmp_path):
    # What Rasa sends: the generated utter_faq_* responses, regenerated from content/ right now.
    generated = content_build.build(content, tmp_path)
    responses = yaml.safe_load((tmp_path / "faq_responses.yml").read_text())["responses"]
    assert len(responses) == len(content.topics) and generated
    missing = [key for key, value in responses.items() if html.escape(value[0]["text"]) not in page]
    assert not missing, f"bot answers missing from the script book: {missing}"
    # And every topic's rendered answer (what action_answer_faq sends) sits in its own script block.
    blocks = articles(page)
    assert len(blocks) == len(content.topics)
    for topic in content.topics.values():
        block = blocks[reference.topic_anchor(topic.id)]
        assert f'<p class="script">{html.escape(content.render(topic))}</p>' in block, topic.id


def test_each_script_has_questions_sources_review_dates_and_related_links(page, content):
    blocks = articles(page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    for topic in content.topics.values():
        block = blocks[reference.topic_anchor(topic.id)]
        examples = topic.examples[: reference.EXAMPLES_SHOWN]
        assert len(examples) >= 3
        for example in examples:
            assert f"<li>{html.escape(example)}</li>" in block, (topic.id, example)
        for source_id in topic.sources:
            source = content.sources[source_id]
            assert html.escape(source.title) in block and f"Reviewed: {html.escape(source.reviewed)}" in block
        links = re.findall(r'<ul class="related">(.*?)</ul>', block)
        assert links, topic.id
        targets = re.findall(r'href="#([^"]+)"', links[0])
        assert targets == [reference.topic_anchor(r) for r in topic.related if r in content.topics]
        assert set(targets) <= ids, f"{topic.id}: related link to a missing topic"


def test_each_script_has_its_spanish_script_and_review_status_beside_it(page, content):
    blocks = articles(page)
    for topic in content.topics.values():
        block = blocks[reference.topic_anchor(topic.id)]
        translation = content.spanish.get(topic.id)
        assert translation, f"{topic.id}: no Spanish answer in content/es/topics.yml"
        spanish = f'<p class="script-es">{html.escape(content.render_spanish(topic))}</p>'
        assert spanish in block and block.index('class="script"') < block.index(spanish), topic.id
        assert f">{html.escape(translation.review.label)}</p>" in block, topic.id
        if not translation.review.approved:
            assert "borrador / draft: awaiting clinical review" in block, topic.id


def test_topic_index_lists_every_topic_by_area(page, content):
    nav = re.search(r'<nav class="index".*?</nav>', page, re.S).group(0)
    for intent, title in content.groups.items():
        assert f'href="#area-{intent}">{html.escape(title)}</a>' in nav
    linked = re.findall(r'<li data-for="(topic-[^"]+)"><a href="#\1">', nav)
    assert sorted(linked) == sorted(reference.topic_anchor(t) for t in content.topics)


def test_escalation_scripts_for_every_tier_with_the_numbers(page):
    source = SAFETY_FILE
    raw = yaml.safe_load(source.read_text())
    safety = reference.load_safety(source, env={})
    assert safety and len(safety.tiers) == len(raw["tiers"]) >= 4
    tiers = articles(page, "tier")
    for tier in safety.tiers:
        block = tiers[f"tier-{tier.id}"]
        assert html.escape(tier.title) in block
        assert f'<p class="staff-script">{html.escape(tier.staff_script)}</p>' in block
        assert "{" not in tier.staff_script, "placeholders must be filled in"
        for category in tier.categories:
            assert html.escape(category.title) in block
            for sign in category.signs:
                assert html.escape(sign) in block
            # Exactly what the bot replies for this category (bot.safety.content renders it).
            bot_reply = safety_content.load(source, {}).reply(tier.id, category.id)
            assert f'<q class="bot-reply">{html.escape(bot_reply)}</q>' in block, (tier.id, category.id)
    settings = raw["settings"]
    numbers = re.search(r'<dl class="numbers".*?</dl>', page, re.S).group(0)
    for key in ("emergency_number", "crisis_line", "helpline_number"):
        assert html.escape(str(settings[key])) in numbers, key


def test_each_tier_shows_the_patterns_the_bot_watches_for(page):
    from bot.safety import patterns as safety_patterns

    watched = safety_patterns.patterns_by_category()
    safety = reference.load_safety(SAFETY_FILE)
    tiers = articles(page, "tier")
    assert sum(len(p) for c in watched.values() for p in c.values()) >= 100
    for tier_id, categories in watched.items():
        folded = re.search(
            r'<details class="patterns[^"]*"><summary>Patterns the bot watches for</summary>(.*?)' r"</details>",
            tiers[f"tier-{tier_id}"],
            re.S,
        )
        assert folded, tier_id
        for category_id, patterns in categories.items():
            title = next(c.title for c in safety.tier(tier_id).categories if c.id == category_id)
            listed = re.search(rf"<dt>{re.escape(html.escape(title))}</dt><dd>(.*?)</dd>", folded.group(1))
            assert listed, (tier_id, category_id)
            english = re.search(r'<ul class="patterns">(.*?)</ul>', listed.group(1)).group(1)
            shown = [c for c in re.findall(r"<code>(.*?)</code>", english) if not c.startswith("temperature of")]
            assert shown == [html.escape(p) for p in patterns], (tier_id, category_id)
    # The Spanish patterns (content/safety.yml `es:`) under the English ones of their category.
    spanish = [r for r in safety_patterns.current().rules if r.language == "es"]
    assert len(spanish) >= 100
    for tier_id in {r.tier for r in spanish}:
        for category in safety.tier(tier_id).categories:
            expected = [html.escape(r.pattern) for r in spanish if (r.tier, r.category) == (tier_id, category.id)]
            if not expected:
                continue
            listed = re.search(
                rf"<dt>{re.escape(html.escape(category.title))}</dt><dd>(.*?)</dd>", tiers[f"tier-{tier_id}"]
            )
            block = re.search(r'<ul class="patterns" lang="es">(.*?)</ul>', listed.group(1))
            assert block, (tier_id, category.id)
            assert re.findall(r"<code>(.*?)</code>", block.group(1)) == expected, (tier_id, category.id)
    fever = re.search(r"<dt>[^<]*[Ff]ever[^<]*</dt><dd>(.*?)</dd>", tiers["tier-emergency"]).group(1)
    assert "temperature of 38 °C / 100.4 °F or more" in fever


def test_numbers_follow_the_deployment_environment(content, tmp_path):
    safety = reference.load_safety(SAFETY_FILE, env={"EMERGENCY_NUMBER": "112", "CRISIS_LINE": "116 123"})
    assert safety.settings["emergency_number"] == "112" and safety.settings["crisis_line"] == "116 123"
    page = reference.render_page(content, safety, "v", "now")
    numbers = re.search(r'<dl class="numbers".*?</dl>', page, re.S).group(0)
    assert "112" in numbers and "116 123" in numbers and "911" not in numbers


def test_version_and_build_date_are_on_the_page(page, content):
    version = reference.content_version()
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert f'<strong id="content-version">{version}</strong>' in page
    assert re.search(r'<time id="build-date" datetime="\d{4}-\d\d-\d\d \d\d:\d\d UTC">', page)
    # The print stylesheet repeats both at the foot of every printed page.
    assert re.search(rf'@bottom-left {{ content: "[^"]*{version}, built \d{{4}}-\d\d-\d\d', page)


# -- generated from content/, never hand-edited ----------------------------------------------------


@pytest.fixture
def content_copy(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def test_a_changed_answer_changes_the_book_and_its_version(content_copy, tmp_path):
    before = reference.content_version(content_copy)
    path = content_copy / "topics" / "faq_jaw.yml"
    data = yaml.safe_load(path.read_text())
    data["topics"][0]["answer"] = "A brand new checked answer about the jaw."
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    changed = content_mod.load(content_copy)
    book = reference.build(tmp_path / "out", content=changed, content_dir=content_copy).read_text()
    assert reference.content_version(content_copy) != before
    assert "A brand new checked answer about the jaw." in book
    assert reference.content_version(content_copy) in book


def test_content_cannot_inject_html(content_copy, tmp_path):
    path = content_copy / "topics" / "faq_jaw.yml"
    data = yaml.safe_load(path.read_text())
    data["title"] = 'Jaw <img src=x onerror="alert(1)">'
    data["topics"][0]["title"] = "ONJ <script>alert('title')</script>"
    data["topics"][0]["answer"] = 'Evil "quoted" answer </p><script>alert("answer")</script> & more.'
    data["topics"][0]["examples"][0] = '"><script>alert("example")</script>'
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    book = reference.build(
        tmp_path / "out", content=content_mod.load(content_copy), content_dir=content_copy
    ).read_text()
    assert book.count("<script") == 1, "only the page's own script"
    assert "<img" not in book and 'onerror="' not in book
    assert "&lt;script&gt;alert(&quot;answer&quot;)&lt;/script&gt; &amp; more." in book
    assert "ONJ &lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in book


def test_page_is_self_contained(page):
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'\b(src|href|action)="(?!#)', page), "no external or relative resources"
    assert page.count("<style>") == 1 and page.count("<script>") == 1
    csp = reference.page_csp_from_text(page)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp


def test_cli_build_writes_to_the_var_dir(tmp_path):
    env = {**os.environ, "BONE_HEALTH_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot.reference", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reference" / "index.html").stat().st_size > 50_000


def test_the_staff_lookup_is_disabled_without_a_token_and_refused_without_the_right_one():
    assert serve_lookup("/reference/lookup?q=jaw", {}, env={})[0] == 404
    env = {"STAFF_API_TOKEN": "s3cret"}
    assert serve_lookup("/reference/lookup?q=jaw", {}, env=env)[0] == 401
    assert serve_lookup("/reference/lookup?q=jaw", {"Authorization": "Bearer nope"}, env=env)[0] == 401
    assert serve_lookup("/reference/lookup?q=%20", {"Authorization": "Bearer s3cret"}, env=env)[0] == 400


# -- as staff use it: in a browser ----------------------------------------------------------------


def open_book(browser, url: str, origin: str = ""):
    """The page, and a list that collects script errors, CSP violations and requests elsewhere."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on(
        "request",
        lambda request: None
        if request.url == url or (origin and request.url.startswith(origin))
        else problems.append(f"request {request.url}"),
    )
    page.goto(url)
    return page, problems


def visible_topics(page) -> set:
    return set(page.eval_on_selector_all("article.topic:not([hidden])", "els => els.map(e => e.id)"))


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def test_staff_search_jaw_and_print_from_the_file_system(browser, book, content):
    page, problems = open_book(browser, book.as_uri())
    jaw = {reference.topic_anchor(t.id) for t in content.topics.values() if t.retrieval_intent == "faq_jaw"}
    assert len(jaw) >= 5
    assert visible_topics(page) == {reference.topic_anchor(t) for t in content.topics}
    assert page.get_by_role("navigation", name="Topic index").is_visible()
    assert page.get_by_role("main").is_visible()
    search = page.get_by_role("searchbox", name="Search the scripts")
    search.type("jaw", delay=30)  # as typed: filters on every keystroke
    shown = visible_topics(page)
    assert jaw <= shown, f"ONJ scripts hidden: {jaw - shown}"
    assert "topic-chemotherapy" not in shown and "topic-pain_relievers" not in shown
    assert len(shown) < len(content.topics) / 2
    assert page.locator("#topic-onj_what").is_visible() and not page.locator("#topic-chemotherapy").is_visible()
    assert page.get_by_role("status").inner_text().startswith(f"{len(shown)} of {len(content.topics)}")
    assert not page.locator("#lookup").is_visible(), "the lookup needs the server: hidden from file://"

    ARTIFACTS.mkdir(exist_ok=True)
    jaw_pdf = page.pdf(path=str(ARTIFACTS / "script-book-jaw.pdf"), format="A4")
    search.fill("")
    assert visible_topics(page) == {reference.topic_anchor(t) for t in content.topics}
    full_pdf = page.pdf(path=str(ARTIFACTS / "script-book.pdf"), format="A4")
    for data in (jaw_pdf, full_pdf):
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert len(jaw_pdf) > 30_000 and pdf_pages(jaw_pdf) >= 3
    assert len(full_pdf) > 200_000 and pdf_pages(full_pdf) > pdf_pages(jaw_pdf) * 2
    # Printed: no navigation chrome and no search box, every script block on its own.
    page.emulate_media(media="print")
    assert not page.locator("nav.index").is_visible() and not page.locator("#search").is_visible()
    assert page.locator("#topic-onj_what .script").is_visible()
    assert page.eval_on_selector("#topic-onj_what", "e => getComputedStyle(e).breakInside") == "avoid"
    assert not problems, problems


@pytest.fixture(scope="module")
def served_book(tmp_path_factory):
    """bot.serve.web (as `make run` starts it) serving the built book at /reference/."""
    var = tmp_path_factory.mktemp("web-var")
    reference.build(var / "reference")
    settings = serve.Settings.from_env({**os.environ, "WEB_PORT": str(free_port()), "BONE_HEALTH_VAR_DIR": str(var)})
    env = {**serve.child_env(settings), "STAFF_API_TOKEN": "staff-token-for-tests"}
    env.pop("BOT_API_TOKEN", None)
    supervisor = serve.Supervisor()
    proc = supervisor.start(serve.web_server_cmd(settings), env)
    url = f"http://127.0.0.1:{settings.web_port}/reference/"
    serve.wait_http(url, 30, proc)
    yield url
    supervisor.stop()


def test_served_book_runs_its_script_under_the_servers_security_policy(browser, served_book, content):
    response = requests.get(served_book, timeout=10)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    page, problems = open_book(browser, served_book, origin=served_book.split("/reference/")[0])
    page.get_by_role("searchbox", name="Search the scripts").fill("jaw")
    shown = visible_topics(page)
    assert "topic-onj_what" in shown and "topic-chemotherapy" not in shown
    assert page.locator("#lookup").is_visible(), "the served page offers the staff lookup"
    assert not problems, problems
    # The lookup runs the model: never without the staff token.
    assert requests.get(served_book + "lookup", params={"q": "jaw pain"}, timeout=10).status_code == 401
    bad = requests.get(
        served_book + "lookup", params={"q": "jaw pain"}, timeout=10, headers={"Authorization": "Bearer wrong"}
    )
    assert bad.status_code == 401
