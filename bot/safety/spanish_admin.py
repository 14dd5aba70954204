"""Paying and papers in a Spanish personal ask (bot/safety/care_es/, pass 1): a bill, a price or a copy is about one's
own care only beside a word of care ("la factura del hospital", "el cobro del shot"); "¿cómo pago mi factura de la
luz por internet?" is everyday life, not the care team's (insurance, Medicaid, a copay or one's records always are).
Words: content/safety_vocabulary.yml `es.word_lists` CARE_ADMIN."""

from __future__ import annotations

import re
from typing import Sequence

from bot.safety import patterns

ADMIN = patterns.current().vocabulary.spanish.word_lists["CARE_ADMIN"]
_CARE_WORD = re.compile(
    r"\b(hospital|clinica|doctor|doctora|medico|medica|oncolog\w*|shot|infusion|tratamiento|quimio\w*|cita|estudio"
    r"|scan|labs?|laboratorio|medicina|medicamento\w*|consulta|radiacion|radioterapia|cirugia|farmacia|receta|analisis"
    r"|resultados?|examen|examenes|placas|rayos|estudios)\b"
)
_ADMIN_NEEDS_CARE = frozenset(
    "bill bills factura facturas cobro cobros cobraron cobran cobrar costar cuesta costo precio pagar copia copias"
    " formulario formularios record records referir referencia referido".split()
)


def care_admin(words: Sequence[str], treatment: bool) -> bool:
    """Paying or papers about one's own care: a bill or a copy needs a word of care beside it (module docstring)."""
    named = [w for w in words if w in ADMIN]
    if any(w not in _ADMIN_NEEDS_CARE for w in named):
        return True
    return bool(named) and (treatment or bool(_CARE_WORD.search(" ".join(words))))
