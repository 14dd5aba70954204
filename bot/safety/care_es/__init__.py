"""Spanish care-team asks read by KIND: one entry point, `care_ask(sentence)` (and `care_message(clean)` for the whole
message), called by bot/safety/spanish_shapes.py `hits` for each sentence not asked in general.

People ask about their own care in shapes the FAQ cannot answer. Each kind is about a REAL person (me, mi, le, a
relative, a first-person verb), so the same words asked in general ("¿el calcio interfiere con el xgeva?") stay FAQ
questions. The kinds, one module each (patterns with their examples):

- people.py: a person, a callback, an appointment, papers and bills (request_human);
- doses.py: one's doses and course: missed, late, moved, skipped, stopped, restarted, switched, how long, what next;
- effects.py: an effect one feels on one's treatment, whether it works, waiting it out or telling the clinic;
- medicines.py: another medicine or a drink with one's own treatment;
- plans.py: activities, travel, pregnancy, surgery, vaccines, occasions with one's treatment;
- results.py: one's own lab values, reports and next tests;
- prognosis.py: cure, time left, living to see an event;
- dental.py: dental work timed against one's treatment;
- situations.py: one's situation told across sentences, asked at the end (the whole message);
- general.py: asked in general (nobody's own case): skips the readers;
- words.py: the shared words and tests (a real person, a treatment named, asked).

THE ORDER. The kinds are tried in six passes, in the order of `_PASSES`; each pass has its own gate (what counts as
asked, whether a real person is needed first) and returns the FIRST kind it finds, and `care_ask` returns every pass's
hit. The passes were written one per DEV set of care-team questions (2026-12-07; docs/safety.md tells that history);
their order and each pass's order of kinds are kept as they were, since a sentence may match several kinds (the first
in a pass decides its category). A new kind goes in its kind's module, tried where its pass reads it.
Words: content/safety_vocabulary.yml `es.word_lists` CARE_*, SHAPE_*."""

from __future__ import annotations

from typing import List

from bot.safety.care_es import dental, general, people, plans, results, situations
from bot.safety.care_es.passes import _PASSES
from bot.safety.care_es.words import Hit


def care_ask(sentence: str) -> List[Hit]:
    """One sentence: every pass's hit, in the order of _PASSES (each pass gives the first kind it finds)."""
    return [hit for hit in (read(sentence) for read in _PASSES) if hit]


def care_message(clean: str) -> List[Hit]:
    """The whole message: a bare request for a person or an activity beside one's disease told in another sentence,
    one's report applied to oneself, a drink or an activity beside a plan of one's own, dental work booked with one's own
    treatment and whether to go, one's situation told across sentences (situations.py); in that order."""
    whole = (
        people.bare_request(clean) or plans.activity_beside_disease(clean),
        results.own_report(clean),
        plans.plan_beside(clean),
        dental.booked_visit(clean),
        situations.situation(clean),
    )
    return [hit for hit in whole if hit]


asked_in_general = general.asked_in_general
