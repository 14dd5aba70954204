"""Round of 2026-12-07 10:30 (the kinds, not the wording, of the fresh DEV FAQ sets dev_faq_6/7's triage misses
and of the crisis DEV set's messages the classifier alone caught): an animal's trouble, hair that fell out, a sign
that is itself what a question about nobody asks, a claim the writer read and checks, a wish for a person answered
by the helpline's number; and crisis kinds the net now reads itself (hurting a part of oneself on purpose, pain one
deserves, one's affairs settled and ready to go). Each kind has look-alikes that must stay reports: a person hurt beside
an animal, a fall out of bed, a sign reported now in a fragment with a cue word ("…since this morning, what does
it mean?"). Texts written for this file."""

from __future__ import annotations

import pytest

from bot.safety import engine

NOT_REPORTS = [
    "the dog keeps vomiting after eating grass, is that normal for dogs",
    "our kitten has a lump under her chin, what might it be",
    "my nephew's pony can't put weight on his back hoof",
    "grandma's hair fell out, will it grow back",
    "travel sickness pills for a coach trip, do they make you confused",
    "antihistamines for hay fever, can they make you drowsy the next day",
    "i would rather speak to a real person. what is the komen helpline number",
    "we heard that cramps can come from low calcium on these drugs. is that right",
    "she made an attempt at the garden today and got tired, is tiredness common on xgeva",
]

STILL_REPORTS = [
    ("the dog pulled me over on the ice and now i can't stand up", "emergency"),
    ("our cat tripped my dad on the stairs and he can't bear weight on his leg", "emergency"),
    ("mum fell out of bed last night and her hip looks bent", "emergency"),
    ("my cat scan found a new lump in my rib", "urgent"),
    ("legs numb since this morning, what does it mean", "emergency"),
    ("so drowsy and muddled today, can low sodium do that", "emergency"),
    ("i want to talk to a real person now", "care_team"),
    ("i read that my gum sore could be onj. is that right", "urgent"),
    ("i keep punching my leg where the cancer is on purpose", "crisis"),
    ("i deserve the pain, i'm a burden", "crisis"),
    ("sorted my affairs, passwords and all, and i'm ready to go now", "crisis"),
    ("le dejé todo arreglado a mis hijos y ya estoy lista para irme", "crisis"),
    ("i survived an attempt two winters ago and the feeling is creeping back", "crisis"),
    ("handing my nice watch to my grandson this weekend, better now not later", "crisis"),
    ("i'm going to quit all of it the jabs and the tablets and let it take me", "crisis"),
    ("creo que ya es tiempo de colgar los guantes, lo digo por mí", "crisis"),
]


@pytest.mark.unit
@pytest.mark.parametrize("text", NOT_REPORTS)
def test_an_animal_hair_a_question_about_nobody_or_the_helpline_is_no_report(text):
    hit = engine.classify(text)
    assert hit is None, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text, tier", STILL_REPORTS)
def test_a_person_hurt_a_fall_or_a_sign_happening_now_stays_a_report(text, tier):
    hit = engine.classify(text)
    assert hit is not None and engine.SEVERITY[hit.tier] <= engine.SEVERITY[tier], engine.explain(text)


@pytest.mark.unit
def test_a_question_about_an_animal_gets_no_curated_answer_unless_it_is_about_cancer_care():
    from bot.safety.lookalikes import about_an_animal

    assert about_an_animal("which calcium tablets suit an old spaniel with thin bones")
    assert not about_an_animal("my cat scan showed a spot on a rib, what is a bone scan for")
    assert not about_an_animal("the dog sits with me at every chemo, can zometa make me tired")
