"""Portuguese durations, topics, common words and spelling fixes (Brazil and Portugal).

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import words

DURATIONS: tuple[tuple[str, str], ...] = (
    (
        "dur_gt2w",
        words(
            r"(?:[3-9]|\d\d|tres|quatro|cinco|seis|sete|oito|nove|dez|varias|muitas) semanas",
            r"(?<!ha )(?:um|uma|1|uns|umas|varios|muitos|\d+|dois|tres|seis) (?:mes|meses|ano|"
            r"anos)(?! atras)",
            r"ha (?:meses|anos|muito tempo)",
            r"meses",
            r"cronic[oa]",
            r"mais de (?:um mes|duas semanas|2 semanas)",
        ),
    ),
    (
        "dur_3d_2w",
        words(
            r"(?:[3-9]|1[0-3]|tres|quatro|cinco|seis|sete|oito|nove|dez|uns|alguns|varios) dias",
            r"(?:uma|1|2|duas) semanas?",
            r"desde (?:segunda|terca|quarta|quinta|sexta|sabado|domingo|o fim de semana)",
            r"a semana toda",
        ),
    ),
    (
        "dur_lt3d",
        words(
            r"hoje",
            r"hoje de manha",
            r"esta (?:manha|tarde|noite)",
            r"ontem a noite",
            r"desde ontem",
            r"ontem",
            r"(?:1|um|uma|2|dois|duas|24|48) (?:dia|dias|hora|horas)",
            r"ha (?:pouco|umas horas|algumas horas)",
        ),
    ),
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("cyst", words(r"cistos?(?: de baker)?", r"quistos?(?: de baker)?", r"baker")),
    ("runners", words(r"joelho de corredor", r"condromalacia", r"patelofemoral")),
    ("cramps", words(r"caibras?", r"caimbras?", r"cambras?")),
    (
        "stretch",
        words(r"alongament\w*", r"alongar", r"exercicios?", r"yoga", r"ioga", r"fortalec\w*"),
    ),
    (
        "rice",
        words(
            r"repouso",
            r"descans\w*",
            r"gelo",
            r"compressa\w*",
            r"compressao",
            r"elev(?:ar|acao)",
            r"atadura",
        ),
    ),
    (
        "other",
        words(
            r"meniscos?",
            r"ligamentos?",
            r"lca",
            r"tendao",
            r"tendoes",
            r"tendinite",
            r"artrose",
            r"artrite",
            r"gota",
            r"cartilagem",
        ),
    ),
    (
        "doctor",
        words(
            r"medic[oa]",
            r"doutor\w*",
            r"fisio\w*",
            r"sinais de alerta",
            r"quando ir ao medico",
            r"trombose",
            r"coagulos?",
            r"embolia",
        ),
    ),
    ("facts", words(r"fatos", r"factos", r"prevenir", r"anatomia", r"ossos?")),
    ("causes", words(r"causas?", r"por que (?:me )?doi", r"porque doi", r"motivos?", r"razao")),
)

COMMON_WORDS = frozenset(
    """dor doi doem doendo nao tenho meu minha joelho joelhos perna pernas panturrilha canela
    atras da dos das na nos nas com uma os que eu estou esta ta muito mas sem ontem hoje desde
    depois quando porque por pra para isso isto ola oi obrigado obrigada bom boa dia tarde
    noite ajuda consigo andar respirar peito inchada inchado inchaco febre tambem ja ainda
    agora sim coisa algo semana semanas voce tem ficou fica sinto dele dela ele ela mim
    esquerda direita muita dores como de em cisto trombose viagem longa aviao evitar sinto
    fiquei estava doendo inchou dormente formigando qual quais quem onde fazer faco devo
    deveria esse essa tinha foi muitas muitos sem ar tossi tosse sangue""".split()  # noqa: SIM905
)

BEFORE_PUNCT: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (tuple("0123456789"), r"(\d)[.,](\d)", r"\1_\2"),  # 38,5 stays one word
    (("..",), r"\.{2,}", ". "),
    (("🤒", "🤧"), r"[🤒🤧]", " febre "),
)

SPELLING: dict[str, str] = {
    "q": "que",
    "k": "que",
    "pq": "porque",
    "vc": "voce",
    "tb": "tambem",
    "tbm": "tambem",
    "n": "nao",
    "naum": "nao",
    "nao": "nao",
    "ñ": "nao",
    "mt": "muito",
    "mto": "muito",
    "mta": "muita",
    "hj": "hoje",
    "qdo": "quando",
    "qnd": "quando",
    "msm": "mesmo",
    "joeho": "joelho",
    "joelio": "joelho",
    "jolho": "joelho",
    "juelho": "joelho",
    "panturilha": "panturrilha",
    "paturrilha": "panturrilha",
    "panturria": "panturrilha",
    "inxada": "inchada",
    "inxado": "inchado",
    "inxaco": "inchaco",
    "inchaso": "inchaco",
    "inchasso": "inchaco",
    "inxou": "inchou",
    "respira": "respira",
    "fevre": "febre",
    "pena": "pena",
    "perma": "perna",
    "tornozello": "tornozelo",
    "to": "to",
    "tô": "to",
}
