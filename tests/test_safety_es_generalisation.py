"""A bank of Spanish messages written for this file (never copied from tests/data) to check that the Spanish net
generalises by SHAPE (issue 12 part 1, after the fourth frozen set): wishing not to wake up, being gone or a
burden, goodbyes, giving things away, a plan or a means, a relative who "won't let the cancer…", stopping food
to die sooner; overdoses counted; legs named then "las siento pesadas"; any painkiller no longer working; and
personal questions about a schedule, a dose's timing, a treatment with a condition, "¿me conviene?", an
activity with one's own metastases, how long one has to live. General questions must stay unescalated.

Each message must reach its tier (that tier or a more severe one) through the deterministic net alone
(bot/safety/engine.py with bot/safety/spanish_shapes.py), and the general questions must get nothing."""

from __future__ import annotations

import pytest

from bot.names import SEVERITY
from bot.safety import engine

EMERGENCY = [
    # end of 2026-12-06, kinds the eighth set missed (other words)
    "mi papá no siente nada de la cadera para abajo",
    "traigo la entrepierna adormecida desde anoche",
    "a mi tía ya no le alcanza el aire para caminar al baño",
    "se le fue el mundo a mi mamá y se cayó en la cocina",
    "mi esposo se tragó el frasco entero de las pastillas para dormir",
    # overdoses counted, of any medicine
    "mi mamá se tomó 8 pastillas de tramadol de un jalón",
    "le di a mi papá cinco morfinas en vez de una",
    "me tragué 6 ibuprofenos porque no aguantaba",
    "mi esposo se tomo como 12 pastillas para dormir",
    "ayer me tomé 20 paracetamoles",
    "mi abuela se comió 5 de las pastillas del dolor",
    "creo que mi mamá se tomó diez tabletas de oxicodona",
    "me tomé tres pastillas de morfina juntas",
    "mi tía se tomó 4 aspirinas seguidas",
    "mi hijo se tragó siete capsulas de mi medicina",
    # legs weak, numb or heavy with back pain, said in other orders
    "me duele la espalda y las piernas ya casi no las siento",
    "mi mamá tiene dolor en la columna y desde ayer arrastra los pies",
    "a mi esposo se le doblan las rodillas y le duele mucho la espalda",
    "tengo las piernas como dormidas desde la cintura",
    "de la cintura para abajo siento todo dormido",
    "mi papá ya no puede subir las escaleras porque las piernas le fallan",
    "me duele horrible la espalda y siento las piernas pesadas",
    "le duele la espalda a mi hermana y dice que los pies los tiene entumidos",
    "tengo dolor en la espalda baja que me corre a las piernas y ya las tengo débiles",
    # the other emergencies, still caught
    "estoy en quimio y tengo 38.6 de temperatura",
    "mi mamá está bien confundida y no me reconoce",
    "me caí en el baño y ya no me puedo parar",
    "a mi papá le dio una convulsión hace rato",
    "no puedo respirar bien y me duele el pecho",
    "mi esposa se desmayó en la cocina",
    "mi mamá se hizo pipí encima sin darse cuenta",
    "escuché un crujido en la cadera y no puedo apoyar el pie",
    "mi mamá vomita todo y tiene mucha sed",
    "mi suegro no despierta y respira raro",
    "se le hinchó la cara y la garganta después de la inyección",
    # a second batch, written after the first passed (same shapes, new words)
    "le di doble parche de fentanilo por error",
    "me tomé un puño de pastillas",
    "me tiemblan las piernas y se me doblan al caminar",
    # after the sixth frozen set (its first run: 16:12 UTC): numbness that climbs, stool or urine let go, a fall
    # down the stairs, pain "as if something broke" (written here, not copied from the set)
    "mi papá dice que lo dormido le va subiendo por las piernas hasta la cintura",
    "siento un hormigueo que empezó en los pies y ya me llega hasta el ombligo",
    "a mi abuela se le salió la pipí en la silla y no se dio cuenta",
    "se me escapó la caca caminando y no sentí nada",
    "mi mamá se rodó tres escalones y se agarra la cadera",
    "me agaché y sentí en la espalda como si algo se hubiera roto",
    "estornudé y me quedó un dolor en el costado como si se me hubiera quebrado una costilla",
    "a mi tía le dan calambres por todo el cuerpo desde la inyección de los huesos",
    # chills said with the verb they cause (after the Spanish lay terms of content/vocabulary.yml moved the
    # classifier off a fifth-set message of this shape: written here, not copied from the set)
    "mi hermana está con quimio y le dan escalofríos que la ponen a tiritar",
    "desde la tarde tengo unos escalofríos que me hacen temblar los dientes",
    "a mi papá le castañetean los dientes de los escalofríos y está en quimio",
    "mi suegra no para de tiritar desde anoche, le dieron quimio el lunes",
    "ando tiritando y ardiendo en calentura, voy en el segundo ciclo de quimio",
    "my husband is on chemo y le dieron unos chills horribles",
]

CRISIS = [
    "mi hija se rasca los brazos hasta hacerse sangre",
    "quisiera cerrar los ojos para siempre",
    # not waking up, wished in any form
    "a veces me duermo pidiéndole a dios no despertar",
    "ojalá me quedara dormida para siempre",
    "quisiera dormirme y ya no despertar",
    "cada noche rezo para no amanecer",
    "me acuesto con ganas de ya no despertarme",
    "le pido a diosito que ya me recoja",
    "que dios me lleve ya, no aguanto",
    # gone, a burden
    "todos estarían más tranquilos sin mí",
    "siento que nomás soy un estorbo para mi familia",
    "mi familia descansaría si ya no estuviera",
    "a veces pienso que mis hijos estarían mejor sin mí",
    "si me muero todos descansan",
    "nadie me extrañaría",
    "soy una carga para mis hijas",
    "les haría un favor a todos si desapareciera",
    "me quiero ir de este mundo",
    "para qué sigo aquí si nomás sufro",
    # goodbyes and belongings
    "le dejé una carta de despedida a mi esposo",
    "le escribí un mensaje de despedida a mi hermana",
    "ya me despedí de todos",
    "mi mamá anda regalando sus cosas y dice que ya no las va a necesitar",
    "ya repartí mis joyas entre mis hijas, para qué las quiero",
    # a plan, a means
    "tengo juntadas como 30 pastillas de morfina por si acaso",
    "mi esposo está guardando sus pastillas del dolor, me da miedo",
    "mi esposo tiene un rifle y dice que él sabe lo que va a hacer",
    "ya sé cómo lo voy a hacer",
    "ya tengo el plan para irme",
    "quiero estrellar el carro contra un poste",
    "pienso en aventarme del puente cuando voy al trabajo",
    "mi suegra dice que se va a tirar a las vías del tren",
    "mi abuelo guarda una escopeta en el closet y habla de no seguir",
    # a relative who will not let the cancer take him, or will see to it himself
    "mi hermano dice que antes de que el cáncer lo mate él se va a encargar",
    "mi papá dice que no va a esperar a que el cáncer acabe con él",
    "mi tío dice que él no va a permitir que la enfermedad lo consuma",
    "mi mamá dice que se va a encargar ella misma cuando ya no pueda",
    # stopping food or medicine to die sooner
    "dejó de comer a propósito para morirse más rápido",
    "ya no me voy a tomar las medicinas, a ver si así me muero",
    "mi papá ya no quiere comer para irse más pronto",
    # said plainly
    "he estado pensando en quitarme la vida",
    "mi mamá dice que ya no quiere seguir viviendo así",
    "no aguanto más, quiero que todo termine",
    # a second batch, written after the first passed (same shapes, new words)
    "me gustaría no despertar mañana",
    "ojalá esta noche fuera la última",
    "le estoy estorbando a todos",
    "dejé escrito lo que quiero en mi funeral y me despedí de mis amigas",
    "mi papá dijo que cuando ya no pueda caminar se pega un tiro",
    "mi esposo dice que él se va a ir a su manera",
    "tengo el frasco de morfina listo",
    "ya no como nada porque quiero que esto se acabe pronto",
    "mi abuela dejó de tomar sus pastillas porque dice que ya se quiere ir",
    # after the sixth frozen set: being better off gone, never opening one's eyes again
    "a veces pienso que sería mejor desaparecer y ya",
    "mi hermana dice que lo mejor es que ella se muera para no sufrir",
    "quisiera cerrar los ojos una noche y nunca más despertar",
    "le pido a dios dormirme y no volver a abrir los ojos",
    "me gustaría desaparecer del mapa para siempre",
]

URGENT = [
    "desde el suero de ayer casi no hago pipí, apenas unas gotitas",
    "tengo los ojos inyectados desde la infusión",
    "me duele más la columna que la semana pasada",
    # any painkiller, by any name, no longer working
    "a mi mamá ya no le hace nada el tramadol",
    "el percocet ya no me quita el dolor",
    "ni con el fentanilo se le calma el dolor a mi papá",
    "las gotas de morfina ya no le ayudan para nada",
    "los parches de fentanilo ya no le hacen efecto",
    "a mi esposa ya ni la morfina la calma",
    "el ketorolaco ya no le sirve de nada a mi mamá",
    "le duele tanto que no puede dormir ni con la pastilla",
    "a mi papá ya no le funciona la hidrocodona para el dolor de huesos",
    "me tomo el naproxeno y ya no me sirve para el dolor",
    "ya no me hace efecto el oxycontin",
    # the other urgent signs, still caught
    "me salió una bolita dura en la costilla que duele",
    "tengo la encía hinchada y se me ve un pedacito de hueso",
    "se me mueve una muela desde que empecé el zometa",
    "me duele mucho el muslo desde hace una semana y estoy con xgeva",
    "tengo hormigueo en los labios después de la inyección",
    "casi no he orinado desde la infusión",
    "me arde el ojo y lo tengo rojo desde el suero",
    "el dolor de la cadera está cada vez peor",
    "mi papá llora del dolor en las noches",
    "mi calcio salió bajo en los análisis",
]

CARE_TEAM = [
    # changing a schedule or a dose
    "¿puedo ponerme el xgeva cada tres meses en vez de cada mes?",
    "¿le pueden espaciar las infusiones de zometa a mi mamá?",
    "¿me pueden cambiar el prolia a cada seis meses?",
    "¿le subo la dosis de morfina a mi esposo si sigue con dolor?",
    "¿podemos alargar el tiempo entre las dosis de xgeva de mi papá?",
    # when to give or take a dose
    "¿a qué hora me tomo el letrozol, en la mañana o en la noche?",
    "¿el calcio se lo doy con la comida o en ayunas a mi papá?",
    "¿cuándo le toca la siguiente dosis de prolia a mi mamá?",
    "¿cada cuánto me toca a mí el xgeva?",
    "¿la morfina se la doy antes o después del desayuno a mi mamá?",
    # a treatment with a condition
    "mi esposo tiene una infección en el pie, ¿le ponen la quimio igual?",
    "tengo la creatinina alta, ¿me pueden poner el zometa?",
    "¿me pueden poner el xgeva si estoy resfriada?",
    "estoy con diarrea desde hace días, ¿me toca igual la quimio mañana?",
    "¿qué tan seguido le deben poner el zometa a mi papá con sus riñones?",
    "mi mamá tiene covid, ¿se le puede aplicar la inyección de prolia así?",
    "mi papá es diabético, ¿le pueden dar la radioterapia?",
    # whether it suits this person
    "¿me conviene operarme la cadera o mejor la radiación?",
    "¿le conviene a mi papá seguir con la quimio a su edad?",
    "¿vale la pena que mi mamá siga con el tratamiento?",
    "el doctor me quiere dar radioterapia, ¿usted qué haría?",
    "¿qué me recomienda, seguir con la quimio o parar?",
    "¿a qué hora me conviene tomar la pastilla del dolor?",
    # an activity with one's own metastases
    "¿puedo nadar en la alberca con las metástasis que tengo en la columna?",
    "¿mi mamá puede viajar en avión con cáncer en los huesos?",
    "¿puedo cargar a mi nieto con las lesiones que tengo en la columna?",
    "¿puedo seguir yendo al gimnasio con mis metástasis?",
    "¿puedo correr un maratón con el tumor que tengo en la pelvis?",
    # how long one has to live
    "¿cuánto tiempo de vida le dan a mi papá con metástasis en la columna?",
    "¿cuántos meses le quedan a mi mamá?",
    "mi esposa tiene metástasis en el hígado y el hueso, ¿cuánto va a vivir?",
    "con lo que tengo en los huesos, ¿cuánto tiempo puedo vivir?",
    "¿cuántos años más puede aguantar mi papá así?",
    # other personal asks, still caught
    "¿le puedo dar ibuprofeno a mi mamá si está con zometa?",
    "¿cuántas pastillas de tramadol le puedo dar al día a mi papá?",
    "¿puedo dejar el letrozol unas semanas por los dolores de huesos?",
    "¿me pueden comunicar con alguien del equipo?",
    "quiero hablar con mi enfermera",
    "¿puedo cambiar la cita del zometa para la otra semana?",
    "¿me pongo el prolia aunque tengo una infección en la muela?",
    # a second batch, written after the first passed (same shapes, new words)
    "¿puedo tener relaciones con metástasis en la pelvis?",
    "¿es buena idea que mi mamá se opere la columna?",
    "¿me recomiendan la radioterapia a mí?",
    "mi mamá está muy débil, ¿le siguen dando la quimio?",
    "¿puedo tomar el letrozol en la noche en vez de la mañana?",
    # something else taken with one's treatment, the person named before "se puede"
    "¿mi mamá se puede tomar un jugo de arándano con el zometa?",
    "¿puedo comer toronja con la quimioterapia?",
]

GENERAL = [
    "mi mamá tiene 40 años y está en quimio, ¿qué comidas le ayudan?",
    "¿la quimio se pone cada 21 días?",
    "¿lo mejor sería ir al dentista antes de empezar el zometa?",
    "¿como si fuera poco el zometa también da fiebre?",
    "¿el hormigueo en los pies es un efecto del xgeva?",
    "¿cada cuánto se pone el zometa?",
    "¿qué es la osteonecrosis de la mandíbula?",
    "¿se puede hacer ejercicio con metástasis óseas?",
    "¿cuánto tiempo se vive con metástasis en los huesos?",
    "¿para qué sirve el xgeva?",
    "¿qué diferencia hay entre zometa y xgeva?",
    "¿el denosumab se pone cada 4 semanas o cada 12?",
    "¿por qué se da calcio y vitamina D con el xgeva?",
    "¿qué efectos secundarios tiene el ácido zoledrónico?",
    "¿la radioterapia ayuda con el dolor de huesos?",
    "¿qué es una fractura patológica?",
    "¿cuáles son los síntomas de la compresión de la médula?",
    "¿qué es la hipercalcemia?",
    "¿se puede viajar en avión con cáncer en los huesos?",
    "¿qué es una gammagrafía ósea?",
    "¿qué significa lesión lítica?",
    "¿se puede poner zometa cuando los riñones no funcionan bien?",
    "¿los bifosfonatos dañan los riñones?",
    "¿qué tan común es la osteonecrosis con denosumab?",
    "¿qué alimentos tienen calcio?",
    "¿cómo se trata el dolor de las metástasis óseas?",
    "¿hay que ir al dentista antes de empezar zometa?",
    "¿cuánto dura el efecto del prolia?",
    "¿qué ejercicios son seguros cuando hay metástasis en la columna?",
    "¿la morfina causa estreñimiento?",
    "¿qué es el cáncer de mama metastásico?",
    "¿cómo funciona la radioterapia en los huesos?",
    "¿a qué hora se suele poner la infusión de zometa?",
    "¿se puede tomar tylenol con xgeva?",
    "¿qué son los marcadores tumorales?",
    "¿qué es un bisfosfonato?",
    "gracias por la información",
    "hola, buenas tardes",
    "¿el cáncer de mama siempre se pasa a los huesos?",
    "¿por qué me ponen calcio con el zometa?",
    "¿se toma el letrozol con comida?",
    "¿cuántas pastillas de calcio se toman al día normalmente?",
    "tomo 2 pastillas de calcio al día",
    "me tomo 4 pastillas de vitamina d cada semana como me indicaron",
    "¿qué pasa si uno deja el tratamiento?",
    "¿se puede cambiar el zometa de cada 4 a cada 12 semanas?",
    "mi mamá quiere saber qué es el xgeva",
    "ya me despedí de la enfermera y me vine a casa",
    "¿el cáncer en los huesos se cura?",
    "ojalá sea la última quimio",
    "ya me quiero ir a mi casa del hospital",
    "¿es buena idea hacer ejercicio con metástasis?",
    "¿se recomienda la radioterapia para el dolor de huesos?",
    "¿se puede tomar té de manzanilla con la quimio?",
    "¿los escalofríos hacen temblar?",
]

BANK = [(t, "emergency") for t in EMERGENCY] + [(t, "crisis") for t in CRISIS]
BANK += [(t, "urgent") for t in URGENT] + [(t, "care_team") for t in CARE_TEAM]


def test_the_bank_is_large_and_new():
    texts = [t for t, _ in BANK] + GENERAL
    assert len(texts) >= 150 and len(set(texts)) == len(texts)


@pytest.mark.parametrize("text, tier", BANK)
def test_spanish_shapes_reach_their_tier(text, tier):
    hit = engine.classify(text)
    assert hit is not None and SEVERITY[hit.tier] <= SEVERITY[tier], (hit, tier)


@pytest.mark.parametrize("text", GENERAL)
def test_general_questions_are_not_escalated(text):
    assert engine.classify(text) is None


# The same crisis shapes in English (content/safety.yml, English suicidal_thoughts), and look-alikes that stay
ENGLISH_CRISIS = [
    "some nights I lie down praying never to wake up again",
    "it would be easier for my kids if I just disappeared",
    "I already wrote farewell notes to my daughters",
    "my husband keeps a pistol in the nightstand and talks about ending things",
    "my father says he won't let the disease finish him off slowly",
    "I have been stockpiling my morphine tablets",
    "mum has stopped eating so she can go faster",
    "I'm giving away all my jewelry to my nieces",
    "I've worked out when to do it",
    "I'm just a burden on my family now",
]
ENGLISH_GENERAL = [
    "will the cancer spread to my spine?",
    "hoping the pain goes away soon",
    "does zometa make you tired?",
    "can Xgeva cause jaw problems?",
]


@pytest.mark.parametrize("text", ENGLISH_CRISIS)
def test_english_crisis_shapes_are_caught(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("emergency", "crisis"), hit


@pytest.mark.parametrize("text", ENGLISH_GENERAL)
def test_english_look_alikes_are_not_escalated(text):
    assert engine.classify(text) is None


# After the seventh frozen set (its first run: 2026-12-06 18:50 UTC), by the KINDS of its misses as the lead
# described them, in wording written here (never copied from the set): regional verbs, accents left out, both ways.
SEVENTH = [
    # crisis: begging God not to be let open one's eyes or wake
    ("todas las noches le ruego a dios que ya no me deje abrir los ojos en la mañana", "crisis"),
    ("le pido a diosito cada noche que no me deje despertar", "crisis"),
    ("rezo para que manana ya no abra los ojos", "crisis"),
    ("quisiera cerrar los ojos y ya no abrirlos", "crisis"),
    # stopping food to leave sooner, "pa"
    ("mi tia dejo de comer y nos dijo bien claro que lo hace pa irse antes", "crisis"),
    ("mi abuelo ya no quiere probar bocado, dice que es para morirse de una vez", "crisis"),
    # letters "por si me voy por mi propia mano"
    ("les escribí unas cartas a mis hijos por si me voy por mi propia mano", "crisis"),
    ("mi esposo dice que prefiere morir por su propia mano", "crisis"),
    # hitting one's head against a wall
    ("cuando me gana la desesperación me doy golpes en la cabeza contra la pared", "crisis"),
    ("mi hija dice que su mamá se azota la cabeza contra la pared cuando llora", "crisis"),
    ("me doy cabezazos contra el muro", "crisis"),
    ("me golpeo la cabeza con la pared hasta que me duele", "crisis"),
    # getting ahead of the cancer
    ("mi hermana dice que si el cáncer no la mata, ella se le va a adelantar", "crisis"),
    ("mi papa dice que el se le adelanta a la enfermedad", "crisis"),
    ("pienso adelantar mi partida antes de sufrir más", "crisis"),
    # searching how to do it without pain
    ("busqué en google cómo hacerlo sin dolor", "crisis"),
    ("anoche estuve viendo en internet la forma de hacerlo sin que duela", "crisis"),
    ("¿cuál es la manera menos dolorosa de morir?", "crisis"),
    # how many pills would be too many, for oneself
    ("cuántas pastillas para dormir serían demasiadas, pregunto por mí", "crisis"),
    ("¿cuantos somniferos son una sobredosis?", "crisis"),
    ("¿cuántas pastillas de tramadol serían demasiadas? es para mí", "crisis"),
    ("¿cuántas pastillas hacen falta para no despertar?", "crisis"),
    ("cuantas morfinas serian demasiadas? pregunto por mi misma", "crisis"),
    ("estuve googleando como matarme sin dolor", "crisis"),
    # nothing has any point, not waking shrugged off
    ("ya no le encuentro el chiste a nada, si no amanezco pues ni modo", "crisis"),
    ("ya nada tiene sentido", "crisis"),
    ("si ya no despierto mañana, que importa", "crisis"),
    ("la vida ya no tiene chiste", "crisis"),
    ("mi suegra no quiere comer, dice que asi se va mas rapido", "crisis"),
    ("le rezo a la virgen que ya no me deje ver otro dia", "crisis"),
    # emergency: toes that do not move ("menear"), a sharp pain after a sneeze, a lift that left one stuck bent
    ("no puedo menear los dedos de los pies y tengo metástasis en la columna", "emergency"),
    ("a mi mamá ya no se le menean los dedos del pie", "emergency"),
    ("estornudé y me quedé doblada con una punzada en el costado", "emergency"),
    ("tengo metástasis en las costillas, tosí y ahora una punzada no me deja respirar hondo", "emergency"),
    ("cargué a mi nieto, sentí un jalón seco a media espalda y no me puedo enderezar", "emergency"),
    ("mi papá se agachó por una caja y sintió un tronido en la espalda", "emergency"),
    ("tosi fuerte y senti un crujido en las costillas", "emergency"),
    ("mi esposa no puede menear los pies desde ayer", "emergency"),
    ("me quedé jorobada desde que levante la cubeta", "emergency"),
    ("me duele el costado cada vez que respiro", "emergency"),
    # shaking chills on chemo, said as a cold that shakes
    ("tengo un frío que me cala hasta los huesos y me zarandea entera, hoy me tocó quimio", "emergency"),
    ("me sacude un escalofrío horrible y estoy en quimio", "emergency"),
    ("a mi mamá le dio una tiritona con la quimio", "emergency"),
    ("tengo una friolera que me sacude todo el cuerpo y estoy en quimio", "emergency"),
    ("me dan unos escalofrios que me sacuden toda y tengo quimio esta semana", "emergency"),
    # urgent: a new groin ache, named as "entrepierna"
    ("tengo un dolor nuevo en la entrepierna al caminar y llevo años con zometa", "urgent"),
    ("me duelen las ingles cuando camino, estoy con xgeva desde hace tiempo", "urgent"),
    ("me empezó a doler en la zona de la entrepierna cuando camino, tomo bifosfonatos hace años", "urgent"),
    ("a mi mamá le está molestando mucho la verija al caminar y lleva años con zometa", "urgent"),
]
SEVENTH_GENERAL = [
    # history in the past tense is context before a general question
    "hace años me rompí la muñeca jugando voleibol, ¿las fracturas viejas salen en la gammagrafía?",
    "el año pasado me internaron por fiebre en la quimio y me recuperé, ¿por qué es tan peligrosa la fiebre con quimio?",
    "hace 5 años mi mamá se quebró la cadera y ya sanó. ¿el zometa ayuda a prevenir fracturas?",
    "en 2019 tuve una fractura de costilla, ¿se ve en los estudios?",
    # look-alikes of the new crisis and emergency shapes
    "salí temprano del trabajo para irme antes a la casa",
    "le voy a ganar al cáncer",
    "a mi mamá se le adelantó la cita del zometa",
    "¿se puede adelantar la infusión de zometa una semana?",
    "busqué en google cómo ponerme la inyección de prolia",
    "¿cuántas pastillas de calcio son demasiadas al día?",
    "si no amanezco bien mañana voy al doctor",
    "me da frío en las manos con la quimio",
    "cuando levanto el brazo siento un tirón",
    "¿duele respirar hondo después de una fractura de costilla?",
    "mi mamá dejó de comer porque le dan náuseas",
    "escribí unas cartas a mis hijos por si algún día me pasa algo",
    "mi papá se da golpes de pecho por no haber ido antes al doctor",
    "me doy de topes por no haberle hecho caso al doctor",
    "no le veo el caso a seguir con la quimio si no sirve",
    "hace tiempo que no veo a mi familia",
]
# history that is back, or a question about it happening now, still counts
SEVENTH_STILL = [
    ("hace años me rompí la muñeca y ahora me duele otra vez, ¿es normal?", "emergency"),
    ("hace años me rompí la muñeca, ¿puede estar rota otra vez?", "emergency"),
    ("el año pasado tuve fiebre en la quimio y hoy tengo fiebre otra vez, ¿qué hago?", "emergency"),
    ("hace un mes me caí, ¿puede estar roto?", "emergency"),
    ("hace años me rompí la cadera, ahora no siento las piernas, ¿las fracturas viejas salen?", "emergency"),
    ("tengo fiebre y estoy en quimio, ¿por qué es tan peligrosa la fiebre con quimio?", "emergency"),
    ("hace años que tomo zometa y me duele la entrepierna al caminar, ¿por qué pasa?", "urgent"),
    ("el año pasado empecé con xgeva y me duele la ingle al caminar, ¿por qué pasa eso?", "urgent"),
]


@pytest.mark.parametrize("text, tier", SEVENTH + SEVENTH_STILL)
def test_seventh_set_kinds_reach_their_tier(text, tier):
    hit = engine.classify(text)
    assert hit is not None and SEVERITY[hit.tier] <= SEVERITY[tier], (hit, tier)


@pytest.mark.parametrize("text", SEVENTH_GENERAL)
def test_seventh_set_look_alikes_and_history_are_not_escalated(text):
    assert engine.classify(text) is None


# Saddle numbness said with a past-tense verb or as "where one sits" (the lead, 2026-12-06 late: a Spanish 7
# emergency the classifier used to catch alone, lost on retraining; the net must hold it by itself).
SADDLE_PAST = [
    "se me durmió donde uno se sienta y tengo mets en la espalda",
    "a mi esposo se le entumieron las nalgas desde ayer",
    "a mi tía se le adormeció la entrepierna esta mañana",
    "no siento nada donde me siento, como si fuera de hule",
]
SADDLE_PAST_GENERAL = [
    "¿por qué se duerme la parte de abajo cuando uno anda mucho en bici?",
    "se me durmió el brazo",
    "no se me durmieron las nalgas",
]


@pytest.mark.parametrize("text", SADDLE_PAST)
def test_saddle_numbness_in_the_past_tense_is_an_emergency(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "emergency", hit


@pytest.mark.parametrize("text", SADDLE_PAST_GENERAL)
def test_saddle_look_alikes_are_not_escalated(text):
    assert engine.classify(text) is None
