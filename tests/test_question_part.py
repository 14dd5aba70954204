"""bot/nlu/retrieval.py `question_part`: the sentence a long message asks, read beside the whole message
(caregivers give context first and ask last)."""

from __future__ import annotations

import pytest

from bot.nlu.retrieval import question_part


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, asked",
    [
        (
            "My neighbour had a bone scan last week. Nobody told us much. What are bone metastases?",
            "What are bone metastases?",
        ),
        # no question mark: the last sentence is the question
        ("my aunt starts on the drip soon. how is zometa given", "how is zometa given"),
        # two asking sentences after the context: both
        (
            "We saw the nurse. Is Xgeva a chemo? Does Xgeva thin the bones?",
            "Is Xgeva a chemo? Does Xgeva thin the bones?",
        ),
    ],
)
def test_the_asking_sentences_of_a_long_message(text, asked):
    assert question_part(text) == asked


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "what is denosumab?",  # one sentence: the whole message is the question
        "What is Xgeva? Is it a chemo?",  # every sentence asks
        "my consultant wants me to start xgeva. what is it?",  # leans on its context ("it")
        "she started zometa. what for?",  # too short to stand alone
        "Mi mamá toma anastrozol. Esos tratamientos adelgazan los huesos?",  # Spanish "esos" points back
    ],
)
def test_no_question_of_its_own(text):
    assert question_part(text) == ""
