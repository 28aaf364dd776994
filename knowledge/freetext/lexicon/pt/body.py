"""Portuguese body parts, the words that describe them, and who they belong to (Brazil and
Portugal; accents are folded before matching, so "atrás" is written "atras" and "pé" "pe").

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

PERSON = (
    r"(?:(?:meu|meus|minha|minhas|o|a|os|as|seu|sua|dele|dela|ambos|ambas|um|uma|esquerdo|"
    r"direito|esquerda|direita) ){0,2}"
)

PARTS: dict[str, str] = {
    "behind": words(
        rf"(?:atras|detras|parte de tras|parte de atras|parte traseira|parte posterior|"
        rf"dobra|curva|dobrinha|cova|oco|por tras)(?: d[oa]| de)? {PERSON}joelhos?",
        r"popliteo\w*",
        r"poplitea\w*",
        r"fossa poplitea",
    ),
    "knee": words(r"joelhos?", r"joelhinho", r"rotulas?", r"patela", r"articulacao"),
    "calf": words(
        r"panturrilhas?",
        r"panturilhas?",
        r"batata da perna",
        r"barriga da perna",
        r"gemeos",
        r"canelas?",
        r"tornozelos?",
        r"tendao de aquiles",
        r"parte de baixo da perna",
        r"(?:abaixo|embaixo|debaixo|baixo) do joelho",
    ),
    "leg": words(r"pernas?", r"coxas?", r"posterior da coxa", r"membro inferior"),
    "foot": words(
        r"pes?", r"dedos?(?: do pe| dos pes)?", r"sola do pe", r"calcanhar(?:es)?", r"peito do pe"
    ),
    "lump": words(
        r"caroco\w*",
        r"bola\w*",
        r"cistos?",
        r"quistos?",
        r"calombos?",
        r"galos?",
        r"nodulos?",
        r"massa",
        r"inchaco redondo",
        r"protuberancia",
    ),
}
PART_PRIORITY = ("behind", "lump", "calf", "foot", "knee", "leg")

_THING = (
    r"(?<!agua )(?<!bolsa )(?<!compressa )(?<!banho )(?<!tempo )(?<!chao )(?<!piso )"
    r"(?<!clima )(?<!dia )(?<!noite )(?<!comida )(?<!cafe )(?<!gel )(?<!cha )"
)

DESCRIPTORS: dict[str, str] = {
    "swell": words(
        r"inchad[oa]s?",
        r"inchaco",
        r"inch(?:ou|ando|ar|a|am|aram|ei)",
        r"inflamad[oa]s?",
        r"inflamacao",
        r"inflamou",
        r"edema",
        r"retencao de liquidos?",
        r"liquido",
        r"estufad[oa]",
        r"mais (?:grossa|grosso|grande|larga|gorda|inchad[oa]) (?:que|do que) (?:a |o )?"
        r"(?:outr[oa]|esquerd[oa]|direit[oa])",
        r"o dobro",
        r"brilhante",
    ),
    "hot": words(
        _THING + r"quentes?",
        r"quentinh[oa]",
        r"(?<!faz )(?<!to com )(?<!estou com )(?<!muito )calor(?! la fora| do dia)",
        r"mais quente",
        r"pegando fogo",
        r"fervendo",
    ),
    "red": words(
        r"vermelh[oa]s?",
        r"vermelhidao",
        r"avermelhad[oa]s?",
        r"mais escur[oa]",
        r"corad[oa]",
    ),
    "cold": words(
        _THING + r"fri[oa]s?",
        r"mais fri[oa]",
        r"gelad[oa]s?",
        r"congelad[oa]s?",
        r"como gelo",
        r"gelo puro",
    ),
    "pale": words(
        r"palid[oa]s?",
        r"palidez",
        r"branc[oa]s?",
        r"esbranquicad[oa]s?",
        r"azul(?:ad[oa]s?)?",
        r"azuis",
        r"cinzent[oa]s?",
        r"acinzentad[oa]s?",
        r"marmorizad[oa]s?",
        r"sem pulso",
        r"nao (?:sinto|acho|encontro) (?:o )?pulso",
        r"perdeu a cor",
    ),
    "numb": words(
        r"dormente\w*",
        r"dormencia",
        r"adormecid[oa]s?",
        r"formigam\w*",
        r"formigando",
        r"formiguinhas?",
        r"anestesiad[oa]s?",
        r"insensivel",
        r"sem sensibilidade",
        r"perdi (?:a )?sensibilidade",
        r"nao (?:a |o |os |as )?sinto(?! (?:dor|nada|incomodo|nenhuma|nenhum|que|como|bem|mal|"
        r"melhor|pior|o peito))",
        r"(?:perna|pe) morta",
        r"como morta",
    ),
    "weak": words(
        r"frac[oa]s?",
        r"fraqueza",
        r"sem forcas?",
        r"arrast\w*",
        r"pe caido",
        r"mole",
    ),
    "pain": words(
        r"dor(?:es|zinha)?",
        r"doi",
        r"doem",
        r"doeu",
        r"doendo",
        r"doia",
        r"dolorid[oa]s?",
        r"doloros[oa]s?",
        r"incomod\w*",
        r"ardor",
        r"arde",
        r"ardendo",
        r"queima\w*",
        r"pontadas?",
        r"fisgadas?",
        r"latej\w*",
        r"me matando",
        r"repuxa\w*",
        r"tensa",
        r"rigid\w*",
        r"caibras?",
        r"caimbras?",
        r"cambras?",
        r"machucad[oa]s?",
        r"sensivel",
    ),
}
PERSISTENT = words(
    r"constante\w*",
    r"continu[oa]",
    r"o tempo todo",
    r"toda hora",
    r"sem parar",
    r"nao (?:passa|para|melhora|alivia)",
    r"persistente",
    r"latej\w*",
    r"pulsa\w*",
    r"continua doendo",
    r"so (?:em )?(?:uma|na esquerda|na direita|no esquerdo|no direito)",
    r"(?:em|numa) (?:uma )?(?:so )?perna",
)
VERY = regex(
    r"\b(?:(?:muito|super|bem|mega|hiper|demais|bastante|tao|absurdamente)(?: \w+)? "
    r"(?:inchad\w*|inflamad\w*)|inchad[oa] demais|inchadissim\w*|o dobro|"
    r"(?:inchad\w*|grossa|grosso|grande) (?:que nem|como|feito) (?:um |uma )?(?:balao|bola|"
    r"melancia|melao|laranja|tronco|elefante)|"
    r"(?:que nem|como|feito|parece) (?:um |uma )?(?:balao|bola|melancia|melao|tronco|elefante)|"
    r"inch(?:ou|ado|ada) (?:muito|demais|pra caramba|absurdamente)|"
    r"(?:esta|ta|ficou|parece) (?:enorme|gigante)|inchaco (?:enorme|absurdo))\b"
)
LEADS_TO_PART = regex(
    r" ?(?:(?:n[oa]|nos|nas|d[oa]|dos|das|em|atras d[oa]|por tras d[oa]|na parte de tras d[oa]|"
    r"em volta d[oa]|toda a|todo o|pela) )?"
    r"(?:(?:meu|meus|minha|minhas|o|a|os|as|toda|todo|esquerda|direita) ){0,2}"
)
