"""Spanish context cues, by ConText category, and the words that split sentences and clauses.

Accents are folded before matching: "sí" and "si" are one word here, so "si" (if) is a cue only
before the words that make it a condition.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

NEGATED = regex(
    r"\b(?:no(?! se (?:si|que|como|cuando|por que|porque|bien|nada)\b| se *(?:[.,!?;\n]|$)|"
    r" estoy segur| solo\b| solamente\b| tanto\b| sabia\b| (?:puedo|pude|podia|puede|consigo|"
    r"logro|aguanto)\b)|sin(?! embargo)|ni|nunca|jamas|"
    r"tampoco|ningun\w*|nada de|"
    r"cero|descartad\w*|negativo para|ausencia de|libre de)\b"
)
POSSIBLE = regex(
    r"\b(?:quizas?|tal vez|a lo mejor|capaz(?: que)?|puede (?:que|ser)|no (?:estoy|toy) "
    r"segur[oa]|no se si|no se|creo que|creo|me parece|parece|posiblemente|probablemente|"
    r"como que)\b"
)
HYPOTHETICAL = regex(
    r"\b(?:(?:y |que pasa |que hago |por )?si (?:se|me|te|le|tengo|tuviera|tienes|hay|la|el|"
    r"es|esta|empieza|aparece|noto|siento|sale|sigue|llega)|en caso de|me preocupa|"
    r"preocupad[oa] (?:por|de|que)|miedo (?:a|de)|temo|sintomas? de|signos? de|senales? de|"
    r"riesgo de|como (?:se )?(?:sabe|saber|se si)|que (?:es|son) (?:un|una|el|la|los|las)|"
    r"podria ser|puede ser un|sera un|prevenir|evitar)\b"
)
HISTORICAL = regex(
    r"\b(?:ayer|antes|anoche|la semana pasada|el (?:mes|ano|fin de semana) pasado|hace (?:unos|"
    r"unas|un|una|\d+|dos|tres)|tuve|tenia|estaba|estuvo|fue|era|habia|en (?:19|20)\d\d)\b"
)
PRESENT = regex(
    r"\b(?:ahora|todavia|aun|sigue|sigo|hoy|desde|actualmente|en este momento|esta manana|"
    r"esta tarde|esta noche|estoy|esta|tengo|tiene|se ve|se siente)\b"
)
RESOLVED = regex(
    r"\b(?:ya (?:se )?(?:me )?(?:paso|fue|quito|bajo|desaparecio|mejoro|esta bien|estoy bien|"
    r"no)(?= *(?:[.,!?;\n]|$))|se (?:me )?(?:paso|quito|fue|bajo|desinflamo|deshincho|calmo|"
    r"desaparecio)|desaparecio|volvio a la normalidad|(?:ya )?(?:esta|estoy) (?:bien|normal) "
    r"ahora|bien ahora|por (?:un|unos) (?:momento|segundo|minuto)s?|se recupero)\b"
)
FUTURE = regex(
    r"\b(?:(?<!la )(?<!esta )(?<!por )manana(?! por)|la semana que viene|proxim[oa]|voy a|"
    r"vamos a|pronto|en el futuro)\b"
)
REMOTE = regex(
    r"\b(?:hace (?:\d+|un|una|unos|dos|tres|cuatro|cinco|varios|muchos) anos|el ano pasado|"
    r"de (?:nin[oa]|pequen[oa]|chic[oa])|cuando era (?:nin[oa]|pequen[oa]|joven|chic[oa])|"
    r"hace (?:[4-9]|1[0-2]|cuatro|cinco|seis|varios|muchos) meses|en (?:19|20)\d\d)\b"
)
CLEARED = regex(
    r"\b(?:descartad\w*|(?:ecografia|eco|doppler|analisis|dimero d|prueba|pruebas)(?: \w+){0,2} "
    r"(?:normal|normales|negativ[oa]s?|bien|limpi[oa]s?))\b"
)
NOW = regex(r"\b(?:ahora|todavia|aun|hoy|sigue|actualmente|en este momento)\b")
WH_QUESTION = regex(
    r" *(?:que|por que|porque|como|cual|cuales|quien|donde|cuanto|cuando)(?: \w+)? "
    r"(?:es|son|causa|causan|pasa|hace|ayuda|sirve|significa|provoca|produce|puede|pueden|"
    r"se|hay|tipo|diferencia)\b"
)
ASKING = regex(
    r" *(?:(?:puede|pueden|es|son|se puede|hay|alguien)(?: (?!(?:esto|eso|esta)\b)\w+){0,3} "
    r"(?:un|una|alguien|la gente|las personas|uno)|(?:algun|alguna|algunos|algunas|buenos|"
    r"buenas|mejores) (?:consejos?|ejercicios?|estiramientos?|recomendacion\w*|tips?|ideas?)|"
    r"(?:(?:la|el|una|un|los|las) )?\w+(?: \w+)? (?:puede|pueden|podria|es|son) (?:matar|mortal\w*|"
    r"ser (?:grave|mortal|peligros\w*)|grave|peligros\w*|hereditari\w*|contagios\w*))\b"
)
PREVENTION = regex(r"\b(?:evit\w*|preven\w*|reducir (?:el )?riesgo)\b")
GENERIC_SUBJECT = regex(
    r"\b(?:la gente|las personas|alguien|todo el mundo|corredores|mujeres|hombres|ninos)\b"
)
FIRST_PERSON = regex(
    r"\b(?:yo|me|mi|mis|mio|mia|tengo|estoy|nos|nuestr[oa]s?|esto|este|hago|puedo|debo|siento|"
    r"noto|voy)\b"
)
PERSONAL = regex(
    r"\b(?:yo|me|mi|mis|mio|mia|tengo|estoy|nos|nuestr[oa]s?|esto|este|ella|ellos|ellas|su|sus|"
    r"le|les|es (?:normal|grave|peligroso|malo)|(?:mama|madre|papa|padre|hij[oa]|espos[oa]|"
    r"marido|mujer|abuel[oa]|herman[oa]|amig[oa]|novi[oa]|bebe|nin[oa]|paciente|tia|tio)s?)\b"
)
ANSWER_NO = regex(
    r" *(?:no|nop|nel|para nada|nada|nunca|ninguno|ninguna)"
    r"(?= *(?:[.,!?;:\n]|$| solo| es| estoy| todo bien))"
)
FRESH = regex(r"\b(?:nuev[oa]|repentin\w*|de repente|de golpe|hoy|esta manana|de la nada)\b")
SENTENCE_WORDS = words("pero", "sin embargo", "aunque", "excepto", "salvo", "aparte de", "mas que")
CLAUSE_WORDS = words(
    "y",
    "e",
    "asi que",
    "porque",
    "entonces",
    "luego",
    "ahora",
    "mientras",
    "ademas",
    "tambien",
    "despues",
)
ANCHOR_START = regex(r" *(?:mi|mis|la|el|esta|este|su|sus)\b")
ANCHOR = regex(
    r"\b(?:tengo|tiene|esta|estoy|es|hay|me|se|ahora|todavia|sigue|siento|noto|si|ya|pero|"
    r"claro|tambien|solo|solamente|nada mas|unicamente)\b"
)
OTHER_SYMPTOMS = regex(
    r"\b(?:bulto|hinchazon|hinchad\w*|moreton\w*|moratones|morad[oa]s?|amoratad[oa]s?|cojera|cojeo|cojeando|coj\w*|"
    r"debil\w*|inestab\w*|problema\w*|molestia\w*|lesion\w*|dolor\w*|duele\w*)\b"
)
THING_AFTER = regex(
    r" (?:agua|suelo|piso|tiempo|clima|dia|dias|noche|ducha|bano|bolsa|compresa|gel|crema|te|"
    r"cafe|comida|sudor|ambiente|habitacion|toalla|afuera)\b"
)
ILLNESS = regex(r"(?<![\w])(?:tengo|hace|da|mucho|pase|paso) $")
SITTING_FOR = regex(
    r"\b(?:sentad[oa]s?|sentarme|conduc\w*|manej\w*|vuelo|volando|vole|viaj\w*|avion|tren|coche|"
    r"carro|auto|bus|autobus|de pie|parad[oa]|escritorio)"
    r"(?: \w+){0,3} (?:durante|por|unas|mas de|casi) ?(?:unas |mas de |casi )?$"
)
SITTING_WORD = regex(
    r"\b(?:sentad[oa]s?|sentarme|conduc\w*|manej\w*|vuelo|volando|vole|viaj\w*|avion|tren|coche|"
    r"carro|auto|bus|autobus|de pie|parad[oa]|escritorio)\b"
)
