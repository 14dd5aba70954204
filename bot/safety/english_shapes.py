"""English messages read by their shape, beside the English patterns (issue 11): context versus question, and
the personal questions and counted overdoses of bot/safety/spanish_shapes.py, in English.

Context versus question (`context_only`): people give context first and ask last ("my wife gets zometa, can
it cause jaw pain?", "i need a root canal and im on the bone jab. can dental work be done while on bone
drugs"). Clinically, a symptom happening now to a person is a report; a person who merely receives a drug,
needs dental work or has bone metastases is context. So a pattern's hit is left to the FAQ when:

- a red flag (emergency or urgent; crisis wording always counts) sits in a CLAUSE (the sentence cut at a
  comma, a dash or a colon) that asks a general question: it starts with a question word, asks what causes,
  means, is a sign of… (INFO_CUES, CONTEXT_GENERAL), names nobody, and nobody is named after it; the person is
  in an earlier clause only, or in no clause of its sentence at all ("bonine for motion sickness, does it make you
  drowsy"). The same for a care-team word with a cue ("…, what affects prognosis?"; not
  "what is the prognosis?"). "my wife can't feel her legs, is that the zometa?" is still an emergency: the
  hit is in the clause with the person. A question that says the sign is happening ("is jaw pain normal?",
  "how do we treat this?": CONTEXT_HAPPENING) still counts;
- a red flag in a question's "if" clause that may come ("who do i call if i get a high temperature on
  chemo?", "what happens if she gets jaw pain?"): "gets", "develops", "ever" after "if" and a person;
- a red flag in a claim the writer read or heard ("i read that twitching can come from low calcium with bone
  drugs. is that right?") when every question of the message checks it or asks about nobody;
- an urgent sign in a sentence about nobody written like a search ("inflamed eyes from bone drugs?",
  "bonjela for mouth ulcers");
- a red flag that is history (long ago: "broke his hip last year", "in 2022"; or gone: "it healed") sits
  in a statement and every question of the message is about nobody ("does zometa help prevent fractures?");
  "again", "still", "since", "now" say it is back, and a question about the person still counts;
- a care-team hit about a person's situation (a dental plan, a result with no number that no question
  interprets, a prognosis word) sits in a statement, and every question of the message is a general one with
  nobody in it ("… can dentists still do it?"); a request for a person asked with the helpline's number. A
  missed dose, "what does that mean?" about a result or a question about the person still count.

Personal questions (`personal_question`, care team): a question with a person asked right after its modal
("can i", "could my xgeva", "do i take") and one of the asks only a care team can answer: a schedule change,
the time the asker takes or gives a dose, a treatment with a condition (a cold, the kidneys…), an activity
with one's own metastases, swapping one drug for another. Overdoses counted (`counted_overdose`, emergency):
a past "took / swallowed / gave" with 4 or more pills, or 3 "at once"; not a routine ("2 a day").

The words are in content/safety_vocabulary.yml (`word_lists`, CONTEXT_* and SHAPE_*). bot/safety/engine.py
calls `context_only` for each English hit and adds `hits` to the English patterns' hits.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import care_en, english_asks, lookalikes, patterns
from bot.safety import english_general as general_en
from bot.safety.clauses import split as split_clauses

_LISTS = patterns.current().vocabulary.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["THIRD_PERSON"] | _LISTS["CAREGIVER"]
QUESTION_START = _LISTS["QUESTION_START"]
FILLERS = _LISTS["FILLERS"]
GENERAL = _LISTS["INFO_CUES"] | _LISTS["CONTEXT_GENERAL"]  # "cause", "mean", "signs", "feel like"…
HAPPENING = _LISTS["CONTEXT_HAPPENING"]  # "normal", "worry", "treat", "this"…: the sign is happening
BREAKS = _LISTS["CONTEXT_BREAKS"]  # , - — :
STILL_PERSONAL = _LISTS["CONTEXT_STILL_PERSONAL"]  # care-team categories a general question does not undo
REPORT_NOW = _LISTS["REPORT_NOW"]  # "since", "today": the sign is happening (bot/safety/engine.py)
ONGOING = _LISTS["CONTEXT_ONGOING"]  # "again", "still", "since": a sign in the past that is back
CLAIM_CHECKS = frozenset(
    {"this", "that", "right"}
)  # "is that right?", "is this true?" check the claim, not a sign here
HELPS = frozenset({"help"})  # "does zometa help prevent fractures?" after a past fracture asks in general
RESULT_ASKS = _LISTS["CONTEXT_RESULT_ASKS"]  # "mean", "high", "growing": interpreting the person's result
HELPLINE = _LISTS["CONTEXT_HELPLINE"]
DISTANT = _LISTS["CONTEXT_DISTANT"]  # "a woman in my group", "my friend's mum": heard of, not in one's care
IF_WORDS = _LISTS["CONTEXT_IF"]  # "if", "case": a sign that may come
IF_VERBS = _LISTS["CONTEXT_IF_VERBS"]  # "gets", "develops", "ever"
IF_WHO = _LISTS["CONTEXT_IF_WHO"]  # "they", "someone": "if they get a high temperature"
SUPPOSE = _LISTS["CONTEXT_SUPPOSE"]  # "say", "suppose": only as a clause's first word
EXAMPLE = _LISTS["CONTEXT_EXAMPLE"]  # "like", "such as": a clause listing what the question before asks about
KINDS = _LISTS["CONTEXT_KINDS"]  # "what kind of…": asks which kinds
KIND_WORDS = frozenset({"worry", "worried", "worrying", "serious", "dangerous", "bad", "urgent", "emergency"})
QUESTION_WORDS = frozenset({"what", "who", "when", "where", "how", "which"})
LINKS = frozenset({"from", "after", "on", "with"})  # "<sign> from <treatment>?"
MODAL = _LISTS["SHAPE_MODAL"]  # can could may should…
TREATMENT = _LISTS["SHAPE_TREATMENT"]
CHANGE = _LISTS["SHAPE_CHANGE"]
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]
CONDITION = _LISTS["SHAPE_CONDITION"]
RECEIVE = _LISTS["SHAPE_RECEIVE"]  # have, get, take, give, continue…
ACTIVITY = _LISTS["SHAPE_ACTIVITY"]
DISEASE = _LISTS["SHAPE_DISEASE"]
DRUGS = _LISTS["SHAPE_DRUGS"]  # the drugs one may ask to swap
TAKEN = _LISTS["SHAPE_TAKEN"]  # took, swallowed, gave…
PILLS = _LISTS["SHAPE_PILLS"]
NOT_PILLS = _LISTS["SHAPE_NOT_PILLS"]  # calcium, vitamin: "4 calcium tablets" is no overdose
TOGETHER = _LISTS["SHAPE_TOGETHER"]
NUMBERS = dict(pair.split(":") for pair in _LISTS["SHAPE_NUMBERS"])
_ROUTINE = re.compile(
    r"\b(a|per|each|every|one|the) (day|night|week|morning)\b|\b(daily|nightly|prescribed|directed)\b"
)
_TIMING = re.compile(r"\b(before or after|what time|when|empty stomach|with food|time of day|with or without)\b")
# "what does radiotherapy actually do to the spine": what a treatment does ("what do we do" names someone)
_WHAT_DOES = re.compile(r"^(\W+ )?what (does|do|will|would) (?!you\b|it\b|they\b|this\b|that\b)\w+( \w+)? do\b")
_NEGATED = re.compile(r"\b(not|never|didn't|didnt|haven't|havent|hasn't|hasnt|nt)\s+(\w+\s+)?$")

Hit = Tuple[str, str, str]  # (tier, category, matched)


# -- context versus question ------------------------------------------------------------------------


def _clauses(doc, start: int, end: int) -> List[Tuple[int, int]]:
    return split_clauses(doc, start, end, BREAKS)


def _personal(norms: Sequence[str], start: int, end: int) -> bool:
    return any(norms[i] in PERSON for i in range(start, end))


def _first(doc, start: int, end: int) -> str:
    words = (doc[i].lower_ for i in range(start, end))
    return next((w for w in words if w not in FILLERS and any(c.isalnum() for c in w)), "")


def _asks(doc, start: int, end: int) -> bool:
    return (
        _first(doc, start, end) in QUESTION_START
        or doc[end - 1].text == "?"
        or (end < len(doc) and doc[end].text == "?")
    )


def _general_ask(doc, norms: Sequence[str], start: int, end: int, what_is_asks: bool = True) -> bool:
    """A question clause about nobody that asks for information, not about a sign that is happening.
    `what_is_asks`: "what is X?" asks for information too (a red flag's name; not "what is the prognosis?")."""
    words = set(norms[start:end]) | {doc[i].lower_ for i in range(start, end)}
    if _MEANS_WHEN.search(_text(doc, start, end)):
        words -= {"when"}  # "what does it mean when calcium goes high": a conjunction, not "when should i…"
    happening = words & HAPPENING - general_en.medicine_pointers(doc, start, end)  # "this medicine": the drug
    kinds = _first(doc, start, end) in ("what", "which") and bool(words & KINDS)
    if kinds:
        happening -= KIND_WORDS  # "what kind of leg weakness is the worrying kind": a kind, not a worry now
    if _personal(norms, start, end) or happening or _first(doc, start, end) not in QUESTION_START:
        return False
    what_is = what_is_asks and _first(doc, start, end) == "what" and "be" in norms[start : start + 3]
    return bool(words & GENERAL) or what_is or kinds or bool(_WHAT_DOES.search(_text(doc, start, end)))


def _phrases(name: str) -> "re.Pattern":
    words = sorted(_LISTS[name], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b")


_HISTORY = re.compile(_phrases("CONTEXT_HISTORY").pattern + r"|\bin (19|20)\d\d\b")  # "last year", "in 2022"
_RESOLVED = _phrases("CONTEXT_RESOLVED")  # "it healed", "went away", "normal now"
_BACK_THEN = re.compile(r"\b(way )?back (in|then|when)\b")  # "back in 2019" is a time, not a sign that is back
_QUERY_TAIL = re.compile(_phrases("CONTEXT_QUERY_TAILS").pattern + r"\W*$")  # "… is that a thing"
_FIELD = _phrases("CONTEXT_FIELD")
_FIELD_CHANGED = _phrases("CONTEXT_FIELD_CHANGED")
_FICTION = _phrases("CONTEXT_FICTION")  # "on a tv show", "in a film": a character, not someone in one's care
_LISTENED = {"listened", "watched", "heard", "read", "saw"}  # "a podcast i listened to said…": the asker only heard it
_PURPOSE = _phrases("CONTEXT_PURPOSE")  # "…, so i can tell the family": the asker's purpose
_MEANS_WHEN = re.compile(r"\b(mean|means|meant|happens?) (when|if)\b")  # "what does it mean when calcium goes high"


def _text(doc, start: int, end: int) -> str:
    return " ".join(doc[i].lower_ for i in range(start, end))


def _history(doc, norms: Sequence[str], clause: Tuple[int, int], sentence_end: int) -> bool:
    """The sign is history: a time long past in its clause ("broke his hip last year"), or it went away after
    ("had a fever but it went away"), and nothing says it is back ("again", "still", "since", "now")."""
    own = _text(doc, *clause)
    resolved = _RESOLVED.search(_text(doc, clause[0], sentence_end))
    if not (_HISTORY.search(own) or resolved):
        return False
    return not set(_BACK_THEN.sub(" ", _HISTORY.sub(" ", _RESOLVED.sub(" ", own))).split()) & ONGOING


def _temporal(doc, norms: Sequence[str], start: int, end: int) -> bool:
    """ "when my husband was first diagnosed…": a time, not a question ("when should i…?" asks)."""
    words = [i for i in range(start, end) if doc[i].lower_ not in FILLERS]
    return len(words) > 1 and doc[words[0]].lower_ == "when" and norms[words[1]] in PERSON and doc[end - 1].text != "?"


def _hypothetical(doc, norms: Sequence[str], clause_start: int, start: int, end: int) -> bool:
    """ "if she gets a fever", "in case i develop jaw pain", "say i spike a temp": a sign that may come, asked about,
    not one here."""
    first = next((i for i in range(clause_start, start) if doc[i].lower_ not in FILLERS), start)
    for i in range(clause_start, start):
        if doc[i].lower_ in IF_WORDS or (i == first and doc[i].lower_ in SUPPOSE):
            between = {doc[j].lower_ for j in range(i + 1, end)}  # "if her calcium goes too high": to the sign's end
            nobody = bool(between & IF_WHO) and not _personal(norms, i + 1, start)
            # "if a person on chemo had shaking chills": a past form asked of nobody is a supposition too
            return (
                bool(between & IF_VERBS)
                and (_personal(norms, i + 1, start) or bool(between & IF_WHO))
                or (nobody and bool(between & {"had", "were"}))
            )
    return False


def _query(doc, norms: Sequence[str], sentence, start: int, matched: str) -> bool:
    """A sentence about nobody written like a search: "<sign> from|after|on <treatment>?" ends with "?", or
    "<remedy> for <sign>" (an urgent sign only: an emergency sign written so still counts)."""
    if _personal(norms, sentence.start, sentence.end):
        return False
    if start > sentence.start and doc[start - 1].lower_ == "for":
        return True
    end = start + len(matched.split())
    after = [doc[i].lower_ for i in range(end, sentence.end)]
    linked = bool(after) and after[0] in LINKS and bool(set(after) & TREATMENT)
    return linked and (doc[sentence.end - 1].text == "?" or bool(_QUERY_TAIL.search(" ".join(after))))


def _heard_of(doc, sentence) -> bool:
    """The sentence tells of someone the writer only heard of ("a woman in my group said…", "my friend's mum…")."""
    return any(doc[i].lower_ in DISTANT for i in range(sentence.start, sentence.end))


def _plain(doc, norms: Sequence[str], start: int, end: int, allowed=frozenset()) -> bool:
    """A question about nobody that does not say the sign is happening."""
    return not _personal(norms, start, end) and not (set(norms[start:end]) & HAPPENING) - allowed


def context_only(doc, norms: Sequence[str], sentences, rule, start: int, matched: str) -> bool:
    """True when an English hit is context for a general question (module docstring), not a report."""
    if lookalikes.everyday(doc, sentences, rule, start, matched):
        return True  # "i passed out leaflets", "my knees crack when i climb stairs": no report
    sentence = next(s for s in sentences if s.start <= start < s.end)
    clauses = [c for s in sentences for c in _clauses(doc, s.start, s.end)]
    own = next((s, e) for s, e in clauses if s <= start < e)
    asks = [(s, e) for s, e in clauses if _asks(doc, s, e) and not _temporal(doc, norms, s, e)]
    later = [(s, e) for s, e in asks if s > own[0]]
    in_sentence = [c for c in clauses if sentence.start <= c[0] < sentence.end]
    index = in_sentence.index(own)
    later_person = any(_personal(norms, s, e) for s, e in in_sentence[index:])
    earlier_person = any(_personal(norms, s, e) for s, e in in_sentence[:index])
    if earlier_person and not later_person and _general_ask(doc, norms, *own, rule.tier != "care_team"):
        return rule.tier != "crisis"  # "my wife gets zometa, can it cause jaw pain?", "…, what affects prognosis?"
    if rule.tier in ("emergency", "urgent") and own in asks and not _personal(norms, sentence.start, sentence.end):
        if _general_ask(doc, norms, *own) and not set(norms[sentence.start : sentence.end]) & REPORT_NOW:
            return True  # "bonine for motion sickness, does it make you drowsy": the sign is what is asked about
    if rule.tier in ("emergency", "urgent"):
        asking = any(doc[i].lower_ in QUESTION_WORDS or doc[i].text == "?" for i in range(sentence.start, sentence.end))
        # "if someone became confused and very thirsty, could that be high calcium": asked after, of nobody
        asking = asking or (bool(later) and not _personal(norms, sentence.start, sentence.end))
        if _told_on_screen(doc, norms, sentences, later):
            return True  # "on a tv show a woman suddenly couldn't walk, how does that happen?"
        if _example_in_question(doc, norms, in_sentence, index, asks):
            return True  # "what are the signs of low calcium, like tingling or cramps, so i can tell the family"
        if asking and _hypothetical(doc, norms, own[0], start, min(start + len(matched.split()), own[1])):
            return True  # "who do i call if i get a high temperature on chemo?"
        if rule.tier == "urgent" and rule.kind == "symptom" and _query(doc, norms, sentence, start, matched):
            return True  # "inflamed eyes from bone drugs?", "bonjela for mouth ulcers"
        if general_en.general_request(doc, norms, sentence.start, sentence.end, start):
            return True  # "explain like i'm 10 why the bone jab can make blood calcium go low"
        claim = general_en.claim_start(doc, norms, sentence.start, sentence.end, start)
        if own not in asks and claim is not None:  # "i read that twitching can come from low calcium."
            checked = claim >= 0 or general_en.truth_checked(doc, norms, later)  # "she keeps saying…, true?"
            return checked and bool(later) and all(_plain(doc, norms, s, e, CLAIM_CHECKS) for s, e in asks)
        if rule.tier == "urgent" and own not in asks and _heard_of(doc, sentence):
            pointing = frozenset({"this", "these"})  # "do these drugs affect eyes?": the drugs, not a sign here
            return bool(later) and all(_plain(doc, norms, s, e, pointing) for s, e in asks)  # "a woman in my group…"
        history = _history(doc, norms, own, sentence.end) and own not in asks
        return history and bool(later) and all(_plain(doc, norms, s, e, HELPS) for s, e in asks)
    if rule.category == "request_human" and set(norms[start : own[1]]) & HELPLINE:
        return True  # "how can i get in touch with komen's breast care line": the helpline's number is an answer
    if rule.tier != "care_team" or _asks(doc, *own) or not later or any(c.isdigit() for c in matched):
        return False
    if rule.category == "request_human":  # "…talk to someone. what's the komen helpline number?"
        return any(set(norms[s:e]) & HELPLINE for s, e in later)
    if rule.category in STILL_PERSONAL or (
        rule.category == "lab_results" and any(set(norms[s:e]) & RESULT_ASKS for s, e in asks)
    ):
        return False  # "my markers went up, what does that mean?" asks about the person's own result
    return all(_plain(doc, norms, s, e) for s, e in asks)


def _told_on_screen(doc, norms: Sequence[str], sentences, later) -> bool:
    """A story from a show, a film or the radio, then a question about nobody: nobody in the whole message is in
    the writer's care (no "i", "my", "she"), and every question after it is plain."""
    told = any(_FICTION.search(" " + _text(doc, s.start, s.end) + " ") for s in sentences)
    listener = {i for i in range(len(doc) - 1) if doc[i].lower_ in ("i", "we") and doc[i + 1].lower_ in _LISTENED}
    nobody = not any(norms[i] in PERSON for s in sentences for i in range(s.start, s.end) if i not in listener)
    return told and nobody and bool(later) and all(_plain(doc, norms, s, e, HELPS) for s, e in later)


def _asker_only(doc, norms: Sequence[str], start: int, end: int) -> bool:
    """The clause has no person but the asker's purpose ("so i can tell the family", "so we know what to watch")."""
    return bool(_PURPOSE.match(_text(doc, start, end).lower())) and not (
        set(norms[start:end]) & (HAPPENING | REPORT_NOW) - {"this", "these", "which", "when"}
    )


def _example_in_question(doc, norms: Sequence[str], in_sentence, index: int, asks) -> bool:
    """The sign opens a clause of examples ("like tingling or cramps") right after a general question about nobody;
    what follows is plain or only the asker's purpose."""
    own = in_sentence[index]
    if not index or _first(doc, *own) not in EXAMPLE or _personal(norms, *own):
        return False
    before = in_sentence[index - 1]
    if before not in asks or not _general_ask(doc, norms, *before):
        return False
    rest = in_sentence[index + 1 :]
    return all(_asker_only(doc, norms, *c) or _plain(doc, norms, *c) for c in rest)


# -- personal questions and counted overdoses -------------------------------------------------------


def _modal_person(words: Sequence[str]) -> bool:
    """ "can i", "could my xgeva", "is it ok for me", "do i": the ask is about someone real."""
    for i, word in enumerate(words[:-1]):
        if word in MODAL and (
            words[i + 1] in PERSON or (words[i + 1] in ("it", "that") and "for" in words[i + 2 : i + 5])
        ):
            return any(w in PERSON for w in words[i + 1 : i + 6])
    return False


def personal_question(words: Sequence[str], lemmas: Sequence[str]) -> Optional[Hit]:
    """One sentence's words and lemmas: (care_team, category, words) when it asks a care-team question."""
    text = " ".join(words)
    if not words or words[0] == "why" or not _modal_person(words):
        return None  # "why do i get zometa every 4 weeks?" asks for an explanation: the FAQ's
    inverted = re.search(
        r"\b(can|could|may|might|should|shall|will|would|must|do|does) (i|we|she|he|my|our|her|his)\b", text
    )
    if not (words[0] in QUESTION_START or words[0] in MODAL or "?" in words or inverted):
        return None  # a statement ("that is my schedule…"); "…, can i still have zometa" asks
    lemma_set = set(lemmas) | set(words)
    treatment = bool(lemma_set & TREATMENT)
    change = words.count("every") >= 2 or bool(lemma_set & CHANGE) or "instead of" in text
    if change and lemma_set & SCHEDULE and treatment:
        return ("care_team", "dosing", text)
    if change and len(lemma_set & DRUGS) >= 2:
        return ("care_team", "which_drug", text)
    if _TIMING.search(text) and re.search(r"\b(i|we)\b( \w+)? (take|give)\b", text) and treatment:
        return ("care_team", "dosing", text)
    if lemma_set & CONDITION and lemma_set & RECEIVE and treatment:
        return ("care_team", "personal_decision", text)
    if lemma_set & ACTIVITY and lemma_set & DISEASE:
        return ("care_team", "personal_decision", text)
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(NUMBERS.get(word, 0))


def counted_overdose(words: Sequence[str]) -> Optional[Hit]:
    """ "i took 10 tylenol", "mum took 6 of her morphine tablets at once": an overdose by its count."""
    text = " ".join(words)
    if _ROUTINE.search(text):
        return None
    for i, word in enumerate(words):
        if word not in TAKEN or _NEGATED.search(" ".join(words[:i]) + " "):
            continue
        for j in range(i + 1, min(i + 5, len(words))):
            count = _number(words[j])
            rest = words[j + 1 : j + 6]
            pill = next((k for k, w in enumerate(rest) if w in PILLS), None)
            if not count or pill is None or (pill and rest[pill - 1] in NOT_PILLS):
                continue
            if count >= 4 or (count >= 3 and (set(words[i:]) & TOGETHER or "at once" in text)):
                return ("emergency", "overdose", " ".join(words[i : j + 2 + pill]))
    return None


def _helpline_asked(doc, norms: Sequence[str], later) -> bool:
    """A later sentence asks how to reach the helpline (its number is an answer, not a request for the care team)."""
    return any(_asks(doc, s.start, s.end) and set(norms[s.start : s.end]) & HELPLINE for s in later)


def hits(doc, norms: Sequence[str], sentences) -> List[Hit]:
    """Every shape found, sentence by sentence (the engine's reading of the message)."""
    found: List[Hit] = []
    read: List[List[str]] = []
    for index, sentence in enumerate(sentences):
        words = [doc[i].lower_ for i in range(sentence.start, sentence.end) if doc[i].text not in ".!;"]
        words = ["not" if w == "n't" else w for w in words]
        read.append(words)
        asked = personal_question(words, norms[sentence.start : sentence.end]) or english_asks.personal_ask(words)
        asked = asked or care_en.care_ask(words)  # the care-team kinds (bot/safety/care_en/)
        if asked and asked[1] == "request_human" and _helpline_asked(doc, norms, sentences[index + 1 :]):
            asked = None  # "mum prefers a real person on the phone. how can we reach the komen helpline?": an answer
        for hit in (counted_overdose(words), asked):
            if hit:
                found.append(hit)
    if not any(h[0] == "care_team" for h in found):  # the whole message: asked in one sentence, told in another
        found += [h for h in (care_en.care_message(read),) if h]
    return found
