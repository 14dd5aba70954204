"""Offline action tests: saved trackers replayed against the actions, no servers needed."""

from __future__ import annotations

from actions.actions import ActionAnswerFaq, ActionSuggestTopics
from tests.conftest import load_tracker


def run(action, tracker_name, dispatcher, domain, **overrides):
    events = action.run(dispatcher, load_tracker(tracker_name, **overrides), domain)
    return events, dispatcher.messages


def slot(events, name):
    return next((e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name), None)


def test_what_about_xgeva_after_zometa_side_effects_gives_denosumab_side_effects(content, dispatcher, domain):
    events, messages = run(ActionAnswerFaq(), "what_about_xgeva_after_zometa_side_effects", dispatcher, domain)
    assert messages[0]["text"] == content.render(content.topics["denosumab_side_effects"])
    assert slot(events, "drug") == "denosumab"
    assert slot(events, "last_topic") == "denosumab_side_effects"


def test_how_often_after_xgeva_gives_the_denosumab_schedule_not_zometa(content, dispatcher, domain):
    events, messages = run(ActionAnswerFaq(), "how_often_after_xgeva", dispatcher, domain)
    assert messages[0]["text"] == content.render(content.topics["denosumab_what"])
    assert "schedule" in content.topics["denosumab_what"].aspects


def test_how_often_without_a_remembered_drug_answers_the_predicted_topic(content, dispatcher, domain):
    tracker = load_tracker("how_often_after_xgeva")
    tracker.slots["drug"] = None
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == content.render(content.topics["zoledronic_acid"])


def test_named_drug_beats_the_classifier_topic(content, dispatcher, domain):
    events, messages = run(ActionAnswerFaq(), "xgeva_side_effects_misrouted", dispatcher, domain)
    assert messages[0]["text"] == content.render(content.topics["denosumab_side_effects"])


def test_topic_button_answers_that_topic_with_source_and_follow_ups(content, dispatcher, domain):
    events, messages = run(ActionAnswerFaq(), "topic_button_onj_prevention", dispatcher, domain)
    topic = content.topics["onj_prevention"]
    assert messages[0]["text"].startswith(topic.answer)
    assert "Source:" in messages[0]["text"]
    titles = [content.topics[r].title for r in topic.related] + ["Yes, this helped", "No, it did not"]
    assert [b["title"] for b in messages[0]["buttons"]] == titles
    assert messages[0]["buttons"][-1]["payload"] == '/feedback{"helpful":false,"topic":"onj_prevention"}'


def test_unknown_drug_aspect_is_declined_not_answered_for_another_drug(content, dispatcher, domain):
    events, messages = run(ActionAnswerFaq(), "what_about_unknown_aspect", dispatcher, domain)
    text = messages[0]["text"]
    assert "don't have a checked answer" in text and "alendronate" in text
    assert "Source:" not in text


def test_low_confidence_offers_readable_titles(content, dispatcher, domain):
    events, messages = run(ActionSuggestTopics(), "low_confidence_jaw", dispatcher, domain)
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[0] == content.topics["onj_what"].title
    assert "Did you mean" in messages[0]["text"]
    assert all(b["payload"].startswith("/") for b in messages[0]["buttons"])
