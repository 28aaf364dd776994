"""Spanish body parts, the words that describe them, and who they belong to (Spain and Latin
America; accents are folded before matching, so "detrás" is written "detras" here).

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

PERSON = (
    r"(?:(?:mi|mis|la|las|el|los|su|sus|tu|tus|ambas|ambos|una|un|izquierda|derecha|"
    r"izquierdo|derecho) ){0,2}"
)
"""Who or which: "mi rodilla", "la rodilla izquierda"."""

PARTS: dict[str, str] = {
    "behind": words(
        rf"(?:detras|atras|parte de atras|parte trasera|parte posterior|zona de atras|"
        rf"zona posterior|hueco|pliegue|corva)(?: de| del)? {PERSON}rodillas?",
        r"corvas?",
        r"popliteo\w*",
        r"poplitea\w*",
        r"detras de (?:la|las|mi|mis) corvas?",
    ),
    "knee": words(r"rodillas?", r"rotulas?", r"articulacion", r"rodi(?:ya|yas)"),
    "calf": words(
        r"pantorrillas?",
        r"pantorillas?",
        r"gemelos?",
        r"chamorros?",
        r"batatas?",
        r"pantorras?",
        r"canillas?",
        r"espinillas?",
        r"tobillos?",
        r"tendon de aquiles",
        r"parte baja de (?:la |mi )?pierna",
        r"(?:debajo|abajo|por debajo|bajo) de (?:la |mi )?rodilla",
        r"debajo de la rodilla",
    ),
    "leg": words(r"piernas?", r"muslos?", r"isquiotibiales?", r"isquios?", r"extremidad"),
    "foot": words(r"pies?", r"dedos?", r"plantas? del pie", r"talon(?:es)?", r"empeine"),
    "lump": words(
        r"bultos?",
        r"bolas?",
        r"bolitas?",
        r"quistes?",
        r"chichon(?:es)?",
        r"protuberancias?",
        r"masas?",
        r"pelotas?",
        r"abultamiento",
    ),
}
PART_PRIORITY = ("behind", "lump", "calf", "foot", "knee", "leg")

# things that are cold or hot, said before the word: "agua fria", "bolsa caliente"
_THING = (
    r"(?<!agua )(?<!bolsa )(?<!compresa )(?<!ducha )(?<!bano )(?<!tiempo )(?<!suelo )"
    r"(?<!piso )(?<!clima )(?<!dia )(?<!noche )(?<!comida )(?<!cafe )(?<!gel )"
)

DESCRIPTORS: dict[str, str] = {
    "swell": words(
        r"hinch\w*",
        r"inchad[oa]s?",
        r"inchazon",
        r"inflamad[oa]s?",
        r"inflamacion",
        r"inflamo",
        r"edema",
        r"retencion de liquidos?",
        r"liquido",
        r"abultad[oa]s?",
        r"agrandad[oa]s?",
        r"tumefact\w*",
        r"mas (?:gorda|gordo|grande|gruesa|grueso|ancha|ancho|hinchad[oa]) que (?:la |el )?"
        r"(?:otr[oa]|izquierd[oa]|derech[oa])",
        r"gord[oa]s?",
        r"el doble",
        r"brillante",
    ),
    "hot": words(
        _THING + r"calientes?",
        r"calentit[oa]s?",
        r"(?<!hace )(?<!tengo )(?<!mucho )(?<!da )calor(?! afuera| de la calle| del dia)",
        r"mas caliente",
        r"ardiendo",
        r"quemando",
    ),
    "red": words(
        r"roj[oa]s?",
        r"rojiz[oa]s?",
        r"enrojecid[oa]s?",
        r"enrojecimiento",
        r"colorad[oa]s?",
        r"violace[oa]s?",
        r"mas oscur[oa]",
        r"rubor",
    ),
    "cold": words(
        _THING + r"fri[oa]s?",
        r"mas fri[oa]",
        r"helad[oa]s?",
        r"congelad[oa]s?",
        r"como (?:el )?hielo",
        r"gelid[oa]s?",
    ),
    "pale": words(
        r"palid[oa]s?",
        r"palidez",
        r"blanc[oa]s?",
        r"blancuzc[oa]s?",
        r"azul(?:es)?",
        r"azulad[oa]s?",
        r"gris(?:es|acea|aceo)?",
        r"cenizo",
        r"jaspead[oa]s?",
        r"marmore[oa]",
        r"sin pulso",
        r"no (?:le |me |se )?(?:siento|encuentro|nota|noto) (?:el )?pulso",
        r"perdio (?:el |su )?color",
    ),
    "numb": words(
        r"entumecid[oa]s?",
        r"entumid[oa]s?",
        r"entumecimiento",
        r"adormecid[oa]s?",
        r"adormecimiento",
        r"adormid[oa]s?",
        r"dormid[oa]s?",
        r"se me duerme",
        r"se me durmio",
        r"hormigue\w*",
        r"cosquilleo",
        r"acorchad[oa]s?",
        r"insensible",
        r"sin sensibilidad",
        r"perdi (?:la )?sensibilidad",
        r"no (?:la |lo |las |los |le )?siento"
        r"(?! (?:dolor|nada|molestia|ningun|ninguna|que|como|bien|mal|mejor|peor|el pecho))",
        r"muert[oa] (?:la pierna|el pie)",
        r"como muert[oa]",
    ),
    "weak": words(
        r"debil(?:es)?",
        r"debilidad",
        r"flojer\w*",
        r"flojedad",
        r"sin fuerzas?",
        r"arrastr\w*",
        r"pie caido",
    ),
    "pain": words(
        r"dolor(?:es)?",
        r"duel(?:e|en|a|an)",
        r"dolia\w*",
        r"dolio",
        r"doliendo",
        r"doloros[oa]s?",
        r"adolorid[oa]s?",
        r"dolorid[oa]s?",
        r"molest\w*",
        r"ardor",
        r"arde",
        r"punzad\w*",
        r"punzante",
        r"pinchaz\w*",
        r"me (?:esta )?mat(?:a|ando)",
        r"tiron(?:es)?",
        r"tirante\w*",
        r"contractura",
        r"rigid\w*",
        r"calambres?",
        r"rampas?",
        r"agujetas",
        r"lastimad[oa]s?",
        r"sensible",
        r"jodid[oa]",
        r"fastidiad[oa]",
        r"resentid[oa]",
        r"ay+",
    ),
}
PERSISTENT = words(
    r"constante\w*",
    r"continu[oa]",
    r"todo el (?:tiempo|dia)",
    r"sin parar",
    r"no (?:se )?(?:me )?(?:quita|para|pasa|calma|cede|va)",
    r"persistente",
    r"late",
    r"palpita\w*",
    r"pulsatil",
    r"latidos?",
    r"sigue (?:doliendo|igual)",
    r"solo (?:en )?(?:una|la izquierda|la derecha|el izquierdo|el derecho)",
    r"en una (?:sola )?pierna",
)
VERY = regex(
    r"\b(?:(?:muy|super|re|bien|demasiado|bastante|tan|mega|hiper|exageradamente|"
    r"terriblemente|horriblemente)(?: \w+)? (?:hinchad\w*|inchad\w*|inflamad\w*)|"
    r"hinchadisim\w*|el doble|(?:doble|dos veces) de (?:grande|gorda|ancha)|"
    r"(?:hinchad\w*|inflad\w*|gorda|gordo|grande) como (?:un |una )?(?:globo|pelota|melon|"
    r"balon|sandia|naranja|toronja|pomelo|tronco|elefante|morcilla)|"
    r"(?:como|parece) (?:un |una )?(?:globo|pelota|melon|balon|sandia|tronco|elefante)|"
    r"hinch\w* (?:muchisimo|un monton|demasiado|a lo bestia)|"
    r"(?:esta|se ve|se puso|quedo) (?:enorme|gigante|monstruos\w*)|hinchazon (?:enorme|brutal))\b"
)
LEADS_TO_PART = regex(
    r" ?(?:(?:en|de|del|detras de|atras de|por|a|alrededor de|toda|todo|por toda) )?"
    r"(?:(?:mi|mis|la|las|el|los|su|sus|toda|todo|izquierda|derecha) ){0,2}"
)
