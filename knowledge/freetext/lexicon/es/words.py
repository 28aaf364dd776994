"""Spanish durations, topics, common words and spelling fixes.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import words

DURATIONS: tuple[tuple[str, str], ...] = (
    (
        "dur_gt2w",
        words(
            r"(?:[3-9]|\d\d|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varias|muchas) semanas",
            r"(?<!hace )(?:un|una|1|unos|unas|varios|muchos|\d+|dos|tres|seis) (?:mes|meses|ano|"
            r"anos)",
            r"desde hace (?:meses|anos|mucho|tiempo)",
            r"meses",
            r"cronic[oa]",
            r"hace (?:mucho|tiempo|meses)",
            r"mas de (?:un mes|dos semanas|2 semanas)",
        ),
    ),
    (
        "dur_3d_2w",
        words(
            r"(?:[3-9]|1[0-3]|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|unos|varios|algunos) "
            r"dias",
            r"(?:una|1|2|dos|un par de) semanas?",
            r"desde el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|finde|fin de "
            r"semana)",
            r"toda la semana",
        ),
    ),
    (
        "dur_lt3d",
        words(
            r"hoy",
            r"esta (?:manana|tarde|noche)",
            r"anoche",
            r"desde ayer",
            r"ayer",
            r"(?:1|un|una|2|dos|24|48) (?:dia|dias|hora|horas)",
            r"hace (?:un rato|unas horas|poco)",
            r"de repente",
        ),
    ),
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("cyst", words(r"quistes?(?: de baker)?", r"baker")),
    ("runners", words(r"rodilla del corredor", r"condromalacia", r"patelofemoral")),
    ("cramps", words(r"calambres?", r"rampas?")),
    ("stretch", words(r"estiramientos?", r"estirar", r"ejercicios?", r"yoga", r"fortalec\w*")),
    (
        "rice",
        words(
            r"reposo",
            r"descans\w*",
            r"hielo",
            r"compresion",
            r"elev(?:ar|acion)",
            r"frio local",
            r"vendaje",
        ),
    ),
    (
        "other",
        words(
            r"meniscos?",
            r"ligamentos?",
            r"lca",
            r"tendon\w*",
            r"tendinitis",
            r"artrosis",
            r"artritis",
            r"gota",
            r"cartilago",
        ),
    ),
    (
        "doctor",
        words(
            r"medic[oa]",
            r"doctor\w*",
            r"fisio\w*",
            r"senales de alarma",
            r"cuando ir al medico",
            r"trombosis",
            r"coagulos?",
            r"embolia",
        ),
    ),
    ("facts", words(r"datos", r"prevenir", r"anatomia", r"huesos?")),
    ("causes", words(r"causas?", r"por que (?:me )?duele", r"motivos?", r"razon(?:es)?")),
)

COMMON_WORDS = frozenset(
    """me duele duelen de la el que en mi mis tengo tiene es por con para una los las se lo le
    muy pero esta estoy hace desde hola gracias rodilla rodillas pierna piernas pantorrilla
    pantorrillas pies dolor hinchada hinchado hinchazon fiebre buenas buenos dias tardes
    noches ayuda puedo tambien cuando como porque hoy ayer todo nada mucho poco bien mal mas
    ni detras atras donde hay tienen estar eso esto del su sus gemelo tobillo respirar pecho
    caminar siento sentir izquierda derecha quiero saber usted puede cosa semana semanas
    despues algo dolores cual cuales quien donde hacer hago debo deberia esto ese esa pasa
    paso tenia estaba fue muchas muchos trombosis quiste ya duela dolia dolio""".split()  # noqa: SIM905
)

BEFORE_PUNCT: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (tuple("0123456789"), r"(\d)[.,](\d)", r"\1_\2"),  # 38,5 stays one word
    (("..",), r"\.{2,}", ". "),
    (("🤒", "🤧"), r"[🤒🤧]", " fiebre "),
)

SPELLING: dict[str, str] = {
    "q": "que",
    "k": "que",
    "ke": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "tb": "tambien",
    "tmb": "tambien",
    "bn": "bien",
    "x": "por",
    "d": "de",
    "rodiya": "rodilla",
    "rodila": "rodilla",
    "rodiilla": "rodilla",
    "rrodilla": "rodilla",
    "pantorilla": "pantorrilla",
    "pantoriya": "pantorrilla",
    "pantorriya": "pantorrilla",
    "inchada": "hinchada",
    "inchado": "hinchado",
    "inchazon": "hinchazon",
    "ynchada": "hinchada",
    "hinchao": "hinchado",
    "hinchá": "hinchada",
    "ichada": "hinchada",
    "respira": "respira",
    "rrespirar": "respirar",
    "respiar": "respirar",
    "dolo": "dolor",
    "dueli": "duele",
    "fievre": "fiebre",
    "fibre": "fiebre",
    "piena": "pierna",
    "pirna": "pierna",
    "tobiyo": "tobillo",
}
