"""Spanish personal questions for the care team, by shape (issue 12, after the fifth frozen set), both ways, and
the over-triggers the lead found; messages written for this file, never copied from tests/data.

The fifth set's care-team misses were described, not quoted: whether one will be cured or how long one has,
dental work planned on Zometa or Xgeva, "¿puedo tomar…?" with another medicine, "¿me toca…?", "¿es normal que
yo…?", a dose missed or late, a result given as a value. bot/safety/spanish_shapes.py `personal_ask` reads those
shapes; each message below must reach the care team (or a more severe tier) through the deterministic net alone,
and the general questions with the same words (nobody in them) must get nothing from it and stay FAQ questions
through the whole pipeline. One medicine alone ("¿puedo tomar tylenol para el dolor?") and "¿es normal que me
duela…?" (a side effect asked about) are left to the classifier, as in English.
"""

from __future__ import annotations

import asyncio

import pytest
import yaml

from bot.dialogue import turn
from bot.names import SEVERITY
from bot.safety import engine, language
from bot.settings import ROOT

CARE_TEAM = [
    # will I be cured, how does it end
    "¿me voy a curar?",
    "¿me voy a sanar de esto?",
    "mi mamá se va a curar?",
    "¿se va a curar mi esposo?",
    "¿lo mío tiene cura?",
    "¿el cáncer de mi mamá tiene cura?",
    "mi cancer tiene cura??",
    "¿me puedo curar todavía?",
    "¿voy a salir de esta?",
    "cuanto me queda de vida",
    "¿cuántos años más voy a vivir?",
    "¿voy a ver crecer a mis hijos?",
    "¿mi mamá va a llegar a navidad?",
    "¿todavía hay esperanza para mí?",
    "¿lo de mi esposo es terminal?",
    "¿mi mamá está en etapa terminal?",
    "mi papa se esta muriendo?",
    "¿mi hermana se va a aliviar?",
    "¿se va a poner bien mi mamá?",
    "¿voy a poder vencer este cáncer?",
    "no sé si me voy a curar",
    # dental work planned with a bone drug
    "me van a sacar una muela y estoy con zometa",
    "tengo cita para una extracción y estoy en tratamiento con xgeva",
    "necesito un implante dental pero me ponen el zometa cada mes",
    "quiero hacerme una endodoncia, ¿hay problema con mi xgeva?",
    "el dentista dice que hay que sacarme dos muelas, me aplican denosumab",
    "voy a ponerme frenos y estoy con zometa",
    "mi esposo tiene que sacarse un diente y le ponen xgeva",
    # may I take it with another medicine, or how many
    "¿puedo tomar calcio con el xgeva?",
    "¿puedo tomar alcohol con la quimio?",
    "¿puedo tomar té de hierbas con mi tratamiento?",
    "¿puedo tomarme dos tramadoles?",
    "puedo tomar cerveza estando con zometa",
    # is it my turn
    "¿me toca el zometa este mes?",
    "¿me toca hacerme análisis antes del xgeva?",
    "¿a mi mamá le toca el xgeva hoy?",
    "¿le toca a mi papá la infusión esta semana?",
    # is it normal that I / my mother…
    "¿es normal que yo tenga tanto dolor después del zometa?",
    "¿es normal que mi mamá esté tan cansada con el xgeva?",
    "es normal que yo me sienta asi?",
    # a dose missed or late
    "me atrasé con el xgeva",
    "llevo dos meses sin ponerme el zometa",
    "mi mamá no recibió su inyección el mes pasado, ¿pasa algo?",
    "llegué tarde a mi cita del xgeva",
    "mi cita de xgeva se retrasó un mes",
    "a mi papá no le pusieron el prolia a tiempo",
    # a result given as a value
    "me salió la creatinina alta",
    "los análisis de mi papá salieron con la vitamina D baja",
    "me hicieron una gammagrafía y salió algo nuevo",
    "salió mi resultado del calcio, 7.9",
    "tengo la creatinina en 1.8",
]

# the sixth set's care-team misses, described (never quoted): a dose let slip or forgotten, leave to stop, one's
# own value with a vague word ("bajita"), telling the oncologist about dental work, a relative's dental work on a
# bone drug, "is it normal for me", travel or sport with metastases, a remedy with chemo for someone
CARE_TEAM_SIXTH = [
    # 1 late/forgotten dose
    "se me fue la fecha del xgeva… ¿me la pongo igual?",
    "se me pasó la fecha del zometa, ¿me lo pongo igual?",
    "me salté dos días el letrozol, ¿pasa algo?",
    "me salte una semana la capecitabina, ¿es grave?",
    "olvidé tomar el calcio toda la semana, ¿es grave?",
    "se me olvidó tomar el letrozol ayer, ¿qué hago?",
    "mi mamá se saltó tres días del anastrozol, ¿pasa algo?",
    "a mi papá se le olvidó la pastilla de la mañana, ¿se la doy ahora?",
    "se me olvidaron las pastillas del fin de semana",
    "mi esposa no se tomó el tamoxifeno en toda la semana",
    # 2 permission to stop
    "¿tengo permiso de suspender el denosumab?",
    "¿me dejan dejar el zometa?",
    "¿me permiten parar el letrozol unas semanas?",
    "¿a mi mamá la dejan suspender el xgeva?",
    "¿me dejarían dejar la quimio un mes?",
    "¿le dan permiso a mi esposo de dejar el zometa?",
    # 3 lab value vague adjective
    "me salió la vitamina D bajita en los labs, ¿necesito tomar más?",
    "me salió el calcio altito, ¿es malo?",
    "los labs de mi mamá salieron con el calcio un poco alto",
    "mi creatinina salió medio alta, ¿qué hago?",
    "me dieron la vitamina d algo baja, ¿tomo más?",
    "tengo el calcio un poquito bajo en los análisis",
    # 4 dental timing oneself
    "¿le debo avisar al oncólogo antes de mi limpieza dental?",
    "¿tengo que decirle al oncólogo antes de ir al dentista?",
    "¿debo avisarle al doctor antes de mi cita con el dentista?",
    "tengo limpieza dental la próxima semana, ¿le aviso a mi oncóloga?",
    "¿mi mamá debe avisar al dentista que está con zometa?",
    # 5 relative dental on bone drug
    "mi hermana está con xgeva y tiene que hacerse una endodoncia, ¿se la puede hacer?",
    "mi mamá está con zometa y le quieren sacar una muela, ¿se puede?",
    "mi tía recibe prolia y necesita un implante, ¿puede hacérselo?",
    "¿mi esposo se puede hacer una extracción si está con denosumab?",
    "mi papá está en xgeva, ¿le pueden hacer una endodoncia?",
    # 6 normal for me
    "¿es normal que a mí me duela todo dos días después de la infusión?",
    "¿es normal para mí estar tan cansada desde que empecé el letrozol?",
    "¿es normal que a mi mamá le duelan los huesos después del zometa?",
    "¿es normal en mí tener fiebre después de la infusión?",
    "¿es normal para mi mamá dormir tanto desde la quimio?",
    "¿es normal que me sienta tan cansada desde que empecé el xgeva?",
    # 7 travel/activity with metastases
    "mi suegra quiere saber si puede viajar en avión con las metástasis",
    "¿mi mamá puede ir a nadar con metástasis en la cadera?",
    "quiero saber si puedo hacer yoga con las metástasis en la columna",
    "mi esposo quiere viajar en avión, tiene metástasis en los huesos, ¿puede?",
    "¿es seguro para mí viajar en avión con metástasis óseas?",
    # 8 remedy with chemo for a person
    "¿mi viejo se puede tomar un té de hierbas con la quimio?",
    "¿mi mamá se puede tomar la cúrcuma con la quimioterapia?",
    "¿le puedo dar a mi papá un té de manzanilla con la quimio?",
    "¿mi esposa puede tomar jengibre mientras está en quimio?",
    "¿me puedo tomar un jugo de toronja con el palbociclib?",
]

# skipping or moving one's own session, for any reason, and dental work for oneself or a named relative without a
# bone drug named (after the Spanish lay terms moved the classifier off three such frozen catches, described only)
CARE_TEAM_SESSIONS_AND_DENTAL = [
    "¿puedo faltar a la quimio del jueves porque es el cumpleaños de mi nieto?",
    "¿me puedo brincar una sesión de radioterapia por un viaje?",
    "mi esposo quiere posponer su infusión una semana por la graduación de la niña, ¿puede?",
    "¿puedo pasar mi ciclo de quimio para la otra semana?",
    "¿mi mamá puede no ir a la radio el lunes?",
    "¿es malo si aplazo mi inyección de xgeva unos días?",
    "¿puedo cambiar la fecha de mi infusión de zometa?",
    "¿es seguro que me haga una endodoncia ya?",
    "¿hay algún problema si me pongo un implante?",
    "¿me saco la muela o espero?",
    "mi papá tiene agendada una extracción, ¿se la pueden hacer?",
    "¿mi hija se puede hacer un tratamiento de conducto?",
    "a mi suegra le van a poner un implante la próxima semana, ¿puede?",
    "tengo cita para una limpieza dental, ¿puedo ir?",
]
GENERAL_SESSIONS_AND_DENTAL = [
    "¿se puede hacer un implante dental si uno toma zometa?",
    "¿es peligroso un implante dental con xgeva?",
    "¿hay problema con una endodoncia durante la quimio?",
    "¿se puede cambiar la fecha de la infusión?",
    "¿qué pasa si se pospone una sesión de quimio?",
    "¿se puede faltar a una sesión de radioterapia?",
    "¿los pacientes con zometa se pueden hacer limpiezas dentales?",
]

GENERAL = [
    "¿el zometa cura el cáncer?",
    "¿se puede poner un implante dental con zometa?",
    "¿el cáncer de mama en los huesos tiene cura?",
    "¿las metástasis óseas se curan?",
    "¿los pacientes con xgeva pueden hacerse implantes?",
    "¿por qué hay que ir al dentista antes del zometa?",
    "¿se puede tomar ibuprofeno con zometa?",
    "¿qué calmantes se usan para el dolor de hueso?",
    "¿qué puedo tomar para el dolor de huesos?",
    "¿cada cuánto se pone el zometa?",
    "¿es normal tener dolor después del zometa?",
    "¿es normal que duela el hueso después de la infusión?",
    "¿qué pasa si se retrasa una dosis de xgeva?",
    "¿cuál es el nivel normal de calcio?",
    "¿qué significa calcio alto?",
    "¿hay cura para las metástasis en los huesos?",
    "¿se puede ir al dentista estando con xgeva?",
    "¿los bisfosfonatos curan?",
    "la infusión de zometa le toca a uno cada mes?",
    # the sixth set's: nobody in them ("le" before a harm is impersonal)
    "¿es verdad que los bifosfonatos le pueden hacer daño a los riñones?",
    "¿los bifosfonatos le pueden hacer daño a los riñones?",
    "¿el zometa le puede hacer daño al riñón?",
    "¿el denosumab le puede hacer daño a la mandíbula?",
    "¿qué pasa si se olvida una dosis de letrozol?",
    "¿qué pasa si uno se salta una dosis de xgeva?",
    "¿se puede suspender el denosumab?",
    "¿qué pasa si se deja el zometa?",
    "¿qué significa vitamina D baja?",
    "¿cuál es el nivel normal de vitamina D?",
    "¿hay que avisar al oncólogo antes de una limpieza dental?",
    "¿se puede hacer una endodoncia con xgeva?",
    "¿es normal el cansancio con el letrozol?",
    "¿es normal que duela todo después de la infusión?",
    "¿se puede viajar en avión con metástasis óseas?",
    "¿se puede tomar té de hierbas con la quimio?",
    "¿la cúrcuma interfiere con la quimioterapia?",
    "¿es verdad que el zometa le hace daño a los dientes?",
    "¿qué pasa si olvido tomar el letrozol?",
    "¿se puede saltar una dosis de letrozol?",
    "¿los médicos dejan suspender el denosumab?",
    "¿quién decide si se puede dejar el zometa?",
    "¿por qué el dentista pide avisar al oncólogo?",
    "el dentista de mi tía preguntó si ella recibe xgeva por lo de la mandíbula. ¿qué es eso de la mandíbula?",
    "el oncólogo de mi mamá consultó con el dentista, ¿qué es la osteonecrosis?",
    "¿es normal en el cáncer de mama sentir cansancio?",
    "¿la gente con metástasis puede viajar en avión?",
]


def _tier(text: str) -> str:
    hit = engine.classify(text)
    return hit.tier if hit else "none"


@pytest.mark.parametrize("text", CARE_TEAM + CARE_TEAM_SIXTH + CARE_TEAM_SESSIONS_AND_DENTAL)
def test_a_personal_question_reaches_the_care_team(text):
    tier = _tier(text)
    assert tier != "none" and SEVERITY[tier] <= SEVERITY["care_team"], (text, tier)


@pytest.mark.parametrize("text", GENERAL + GENERAL_SESSIONS_AND_DENTAL)
def test_a_general_question_with_the_same_words_is_not_escalated(text):
    assert engine.classify(text) is None, text


def test_moving_an_arm_after_a_session_is_not_moving_the_session():
    """The skip shape wants the session right after the verb; the question itself is personal, so the classifier
    may still send it to the care team (the whole pipeline did): only the shape is checked here."""
    from bot.safety import spanish_shapes

    assert spanish_shapes.personal_ask("¿puedo mover el brazo después de la infusión?") is None
    assert spanish_shapes.personal_ask("¿puedo mover la infusión después del viaje?")


def test_no_curated_spanish_example_reads_as_a_personal_ask(content):
    """The FAQ's own Spanish examples stay FAQ questions for the shapes (tests/test_content_es.py checks the net)."""
    from bot.safety import spanish_shapes

    examples = [e for topic in content.spanish.values() for e in topic.examples]
    assert examples
    assert not [e for e in examples if spanish_shapes.personal_ask(e.lower())]


# -- over-triggers: general or harmless Spanish messages the lead saw escalated ---------------------------------


def test_taking_all_ones_pills_with_breakfast_is_a_routine_not_an_overdose():
    assert _tier("me tomo todas las pastillas con el desayuno") == "none"
    assert _tier("yo tomo todas las pastillas en la mañana") == "none"
    for overdose in ("mi mamá se tomo todas las pastillas", "me tomé todas las pastillas", "tomó todas las pastillas"):
        hit = engine.classify(overdose)
        assert hit and (hit.tier, hit.category) == ("emergency", "overdose"), overdose


def test_losing_consciousness_gets_the_generic_emergency_wording_in_spanish():
    hit = engine.classify("he perdido el conocimiento")
    assert hit and (hit.tier, hit.category) == ("emergency", "unspecified")
    assert language.detect("he perdido el conocimiento", spanish_hit=True) == "es"
    assert language.detect("he has tried everything") == "en"
    hit = engine.classify("mi mamá está perdida, no sabe dónde está")  # lost, confused: still high calcium
    assert hit and hit.category == "high_calcium"


def test_going_home_is_not_going_away_for_good():
    assert _tier("ya me quiero ir a mi casa del hospital") == "none"
    assert _tier("me quiero ir con mi mamá a su casa") == "none"
    for wish in ("ya me quiero ir con dios", "me quiero ir para siempre", "quisiera descansar para siempre"):
        assert _tier(wish) == "crisis", wish


@pytest.fixture(scope="module")
def tiers(agent, content):
    texts = (
        GENERAL
        + GENERAL_SESSIONS_AND_DENTAL
        + [
            "me tomo todas las pastillas con el desayuno",
            "me corté las uñas",
            "ya me quiero ir a mi casa del hospital",
            "he perdido el conocimiento",
        ]
    )

    async def parse_all():
        return [await agent.parse_message(t) for t in texts]

    return {t: (p, turn.decide(p, content)) for t, p in zip(texts, asyncio.run(parse_all()))}


def test_the_whole_pipeline_escalates_none_of_the_general_questions(tiers):
    assert not [t for t in GENERAL + GENERAL_SESSIONS_AND_DENTAL if tiers[t][1].tier]


def test_the_whole_pipeline_no_longer_escalates_the_harmless_messages(tiers):
    """The patterns no longer flag the routine or going home (unit tests above); the classifier alone still reads
    "me tomo todas las pastillas con el desayuno" and "ya me quiero ir a mi casa del hospital" as crisis (a crisis
    guess always escalates): teaching it otherwise with out-of-scope examples cost frozen-set crisis recall."""
    assert tiers["me corté las uñas"][1].tier is None, tiers["me corté las uñas"][1]
    for text in ("me tomo todas las pastillas con el desayuno", "ya me quiero ir a mi casa del hospital"):
        assert (tiers[text][0].get("bone_health_safety") or {}).get("source") in (None, "model"), text
    parse, decision = tiers["he perdido el conocimiento"]
    assert (decision.tier, decision.category) == ("emergency", "unspecified")
    assert parse["bone_health_safety"]["language"] == "es"


# -- acknowledgements: a short Spanish reply, not "Did you mean…?" ------------------------------------------------

ACKNOWLEDGEMENTS = [
    "vale",
    "perfecto",
    "entendido",
    "ok gracias",
    "muy bien",
    "de acuerdo",
    "ya",
    "listo",
    "sale",
    "órale",
]


def _spanish_replies(name: str) -> set:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    variations = domain["responses"][name]
    return {v["text"] for v in variations if any(c.get("value") == "es" for c in v.get("condition") or [])}


def test_spanish_acknowledgements_get_a_short_spanish_reply_through_the_real_pipeline(agent):
    expected = _spanish_replies("utter_acknowledge") | _spanish_replies("utter_thank")
    assert expected

    async def reply(text: str, sender: str):
        return [m.get("text") for m in await agent.handle_text(text, sender_id=sender)]

    for i, text in enumerate(ACKNOWLEDGEMENTS):
        replies = asyncio.run(reply(text, f"ack-{i}"))
        assert len(replies) == 1 and replies[0] in expected, (text, replies)


def test_an_acknowledgement_counts_as_yes_in_the_care_team_form():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for slot in ("care_team_consent", "care_team_confirm"):
        yes = [m for m in domain["slots"][slot]["mappings"] if m.get("value") is True]
        assert "acknowledge" in yes[0]["intent"], slot
