"""bot/feedback/scrub.py on realistic messages from patients and caregivers, English and Spanish: nothing
identifying survives (names, phones, e-mails, dates, ages, addresses, postcodes, numbers that could be
lab values or record numbers), and questions without identifiers keep their words and drug names."""

from __future__ import annotations

import re

import pytest

from bot.feedback.scrub import scrub

pytestmark = pytest.mark.unit

# (message, what must not survive). Every message also loses every digit but those of allowed durations.
IDENTIFYING = [
    ("Hi, my name is Maria Gonzalez and I'm 54, is Zometa safe for my jaw?", ["Maria", "Gonzalez", "54"]),
    (
        "My mom Dolores is 78 years old and gets Xgeva every 4 weeks, her calcium was 11.2 on March 3rd",
        ["Dolores", "78", "11.2", "March", "3rd"],
    ),
    (
        "Me llamo Carmen López, tengo 62 años y me dan Zometa cada 3 meses. Mi teléfono es 612 345 678",
        ["Carmen", "López", "62", "612", "345", "678"],
    ),
    (
        "Can you email me at john.smith@gmail.com or call (555) 123-4567?",
        ["john", "smith", "gmail", "555", "123", "4567"],
    ),
    ("I live at 123 Oak Street, Apt 4B, Springfield IL 62704", ["123", "Oak", "4B", "Springfield", "62704"]),
    (
        "Vivo en Calle Mayor 12, 3º B, 28013 Madrid. ¿Es normal el dolor de mandíbula?",
        ["Mayor", "12", "28013", "Madrid"],
    ),
    ("Dr. Patel said my creatinine is 1.4, should I still get zoledronic acid?", ["Patel", "1.4"]),
    ("my MRN is 00123456 and my appointment is on 12/03/2024", ["00123456", "12/03/2024", "2024"]),
    ("I was diagnosed in 2019 at age 47, stage 4 now", ["2019", "47"]),
    ("Soy Rosa, mi hija Lucía tiene metástasis óseas desde el 5 de mayo de 2023", ["Rosa", "Lucía", "mayo", "2023"]),
    ("What does it mean when my PSA is 4.5? -- Tom", ["4.5", "Tom"]),
    ("my husband, Richard, is 66 and on denosumab since last March", ["Richard", "66", "March"]),
    ("thanks, Sandra", ["Sandra"]),
    ("Hola, soy la hermana de Pilar, ella tiene 49 años y le duele la cadera", ["Pilar", "49"]),
    (
        "This is Jennifer, my mother Barbara had Zometa on Jan 15 and now her jaw hurts",
        ["Jennifer", "Barbara", "Jan", "15"],
    ),
    ("I'm Linda, 58 years old, my oncologist Dr. Nguyen wants me on Prolia", ["Linda", "58", "Nguyen"]),
    ("Call me back at 020 7946 0958 please, it's about my wife Susan's bone scan", ["020", "7946", "0958", "Susan"]),
    ("My NHS number is 943 476 5919, can I get Xgeva at home?", ["943", "476", "5919"]),
    ("Her calcium came back at 3.1 mmol/L and the doctor said the level was high", ["3.1"]),
    ("my alkaline phosphatase is 245 U/L is that from the bone mets", ["245"]),
    ("vitamin D level 18 ng/mL, do I need more calcium with Prolia?", ["18"]),
    ("Mi madre se llama Josefina Ramírez, tiene setenta y dos años", ["Josefina", "Ramírez", "setenta"]),
    ("Mi correo es ana.garcia@hotmail.es, ¿me pueden escribir?", ["ana", "garcia", "hotmail"]),
    ("Born 04/11/1961, bone mets in my spine, what is Zometa", ["04/11/1961", "1961"]),
    ("my date of birth is March 14, 1965 and I start Xgeva on the 21st", ["March", "14", "1965", "21st"]),
    ("Nací el 3 de febrero de 1958 y me van a poner denosumab", ["febrero", "1958"]),
    ("Address: 42 Elm Avenue, Columbus, OH 43215. Can someone call?", ["42", "Elm", "Columbus", "43215"]),
    ("We live on Maple Drive near the hospital, is the infusion done there?", ["Maple"]),
    ("Postcode SW1A 1AA, where can I get a bone scan near me", ["SW1A", "1AA"]),
    ("C/ Alcalá 45, 2ºA, Madrid. Tengo dolor de huesos", ["Alcalá", "45", "Madrid"]),
    ("My patient ID is BH77K2Q9 and I missed my Zometa", ["BH77K2Q9"]),
    ("Is 5 mg of morphine ok with zoledronic acid? my weight is 64 kg", ["64"]),
    ("my husband Carlos is 70 and his PSA went from 12 to 30", ["Carlos", "70", "12", "30"]),
    ("I'm 45 and just found out the cancer is in my hip", ["45"]),
    ("she's 81, can she still get Xgeva?", ["81"]),
    ("Mi papá tiene 83 años, ¿le pueden dar ácido zoledrónico?", ["83"]),
    ("Tengo cuarenta y ocho años, ¿es normal el cansancio con Prolia?", ["cuarenta"]),
    ("I am a 52 year old woman with breast cancer in my ribs", ["52"]),
    ("My daughter Emily (17) asks if my bones will break", ["Emily", "17"]),
    ("Text me on +1 415 555 2671 or whatsapp +34 612 98 76 54", ["415", "2671", "612", "98", "76", "54"]),
    ("you can reach me at mike_t at yahoo dot com", ["mike", "yahoo"]),
    ("my infusion is on Tuesday 10/14 at 9:30 at St. Mary's", ["10/14", "9", "30", "Mary"]),
    ("My neighbour Mrs. Henderson takes Zometa, can I take it too?", ["Henderson"]),
    ("Hola, me llamo Guadalupe y vivo en Guadalajara, ¿qué es el denosumab?", ["Guadalupe", "Guadalajara"]),
    ("Mi esposo Fernando tiene metástasis en la columna desde agosto", ["Fernando", "agosto"]),
    ("Soy enfermera, mi paciente Sra. Vargas tiene el calcio en 13,5", ["Vargas", "13,5"]),
    (
        "Mi número de historia clínica es 4587123, ¿me pueden llamar al 91 555 12 34?",
        ["4587123", "91", "555", "12", "34"],
    ),
    ("Vivo en la Avenida de la Constitución 27, Sevilla", ["Constitución", "27", "Sevilla"]),
    ("hi it's kevin, my creatinine clearance is 42 so can I have zometa", ["kevin", "42"]),
    ("my wife's name is Patricia O'Neil and she's on Xgeva", ["Patricia", "Neil"]),
    (
        "Please ask Dr. Alvarez at Mercy Hospital to call Jessica at 312-555-0199",
        ["Alvarez", "Mercy", "Jessica", "312", "0199"],
    ),
    ("Mi hija Valentina me ayuda, tengo 67 años y me duele la espalda", ["Valentina", "67"]),
    ("my husband is 6 feet and weighs 210 lbs, is the Zometa dose the same?", ["210"]),
    ("I got Xgeva on 2024-05-02 and on 2024-06-01, is that too close?", ["2024", "05", "06"]),
    ("My name is jo and I live at 7 Rose Lane, my teeth hurt after Zometa", ["jo", "7 Rose", "Lane"]),
    ("Saludos desde Monterrey, mi mamá Graciela recibe Zometa", ["Monterrey", "Graciela"]),
    ("el 15/08 me hicieron la gammagrafía ósea y el 20 de septiembre empiezo Prolia", ["15/08", "20", "septiembre"]),
    ("Hemoglobin 9.8, platelets 110, is it safe to have the bone infusion today", ["9.8", "110"]),
    ("MY NAME IS ROBERT JONES AND MY HIP HURTS", ["ROBERT", "JONES"]),
    ("Love, Grandma Betty", ["Betty"]),
    ("Thanks so much! Regards, Karen Miller", ["Karen", "Miller"]),
]

# (message, what it must become): no identifiers, so the words, the drug names and durations stay.
KEPT = [
    ("What is Xgeva? How often do I get it?", "What is Xgeva? How often do I get it?"),
    ("¿Qué es el ácido zoledrónico y cada cuánto se pone?", "¿Qué es el ácido zoledrónico y cada cuánto se pone?"),
    (
        "Does Prolia cause jaw pain? My dentist wants to pull a tooth",
        "Does Prolia cause jaw pain? My dentist wants to pull a tooth",
    ),
    ("May I take ibuprofen with Xgeva?", "May I take ibuprofen with Xgeva?"),
    ("Is Zometa given every 4 weeks or every 12 weeks?", "Is Zometa given every 4 weeks or every 12 weeks?"),
    ("I started denosumab 3 months ago and my teeth hurt", "I started denosumab 3 months ago and my teeth hurt"),
    (
        "stage 4 breast cancer in the bones, what does that mean",
        "stage 4 breast cancer in the bones, what does that mean",
    ),
    ("Me pusieron Zometa hace 2 semanas y tengo fiebre", "Me pusieron Zometa hace 2 semanas y tengo fiebre"),
    ("Can I take Tylenol or Advil for bone pain?", "Can I take Tylenol or Advil for bone pain?"),
    ("what's the difference between Zometa and Aredia", "what's the difference between Zometa and Aredia"),
    ("¿El denosumab daña los riñones?", "¿El denosumab daña los riñones?"),
    ("I will march on, but how do I protect my jaw?", "I will march on, but how do I protect my jaw?"),
    ("Dolores de huesos en la espalda, ¿qué hago?", "Dolores de huesos en la espalda, ¿qué hago?"),
    ("my calcium is high, what should I do", "my calcium is high, what should I do"),
]


@pytest.mark.parametrize("message, identifiers", IDENTIFYING, ids=[m[:40] for m, _ in IDENTIFYING])
def test_nothing_identifying_survives(message, identifiers):
    clean = scrub(message)
    survived = [i for i in identifiers if i.lower() in clean.lower()]
    assert not survived, f"{survived} survived in {clean!r}"
    durations = re.sub(r"\b(?:every|cada|stage)\s+\d{1,2}\b", "", clean)  # "every 4 weeks" may stay
    assert not re.search(r"\d", durations), clean
    assert "@" not in clean and "[" in clean, clean


def test_there_are_at_least_50_realistic_messages_in_both_languages():
    spanish = [m for m, _ in IDENTIFYING if re.search(r"[áéíóúñ¿¡]|\b(?:mi|tengo|soy|me)\b", m)]
    assert len(IDENTIFYING) >= 50 and len(spanish) >= 15


@pytest.mark.parametrize("message, expected", KEPT, ids=[m[:40] for m, _ in KEPT])
def test_questions_without_identifiers_keep_their_meaning(message, expected):
    assert scrub(message) == expected


def test_tags_say_what_was_removed():
    assert scrub("Me llamo Carmen, tengo 62 años, carmen@x.es, 612 345 678, el 3 de mayo") == (
        "Me llamo [NAME], [AGE], [EMAIL], [PHONE], el [DATE]"
    )
    assert (
        scrub("I live at 123 Oak Street, calcium 11.2, MRN AB12345")
        == "I live at [ADDRESS], calcium [NUMBER], MRN [ID]"
    )


def test_scrubbing_twice_changes_nothing_more():
    for message, _ in IDENTIFYING:
        once = scrub(message)
        assert scrub(once) == once
    assert scrub("") == "" and scrub("   ") == ""
