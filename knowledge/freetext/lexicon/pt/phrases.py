"""Portuguese phrases for each finding, with the lay words people use (Brazil and Portugal),
and the hints. Each entry: (finding id, pattern, event); see the English lexicon.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

_CANT = (
    r"(?:nao (?:consigo|conseguia|consegui|posso|da para|da pra|dava para|dava pra)|num consigo)"
)

PHRASES: tuple[tuple[str, str, bool], ...] = (
    (
        "breathless",
        words(
            _CANT + r" (?:quase |nem )?(?:respirar|puxar o ar|puxar ar|recuperar o folego)",
            r"(?:dificuldade|problema) (?:para|pra|de|em) respirar",
            r"respirar com dificuldade",
            r"(?:custa|custa me|me custa) respirar",
            r"falta de (?:ar|folego)",
            r"(?:me )?falta (?:o )?(?:ar|folego)",
            r"(?:sem|perdendo o|fico sem|fiquei sem|ficando sem) (?:ar|folego)",
            r"sufoc\w*",
            r"ofegante",
            r"(?:nao )?(?:entra|vem) ar",
            r"respiracao (?:curta|ofegante|dificil|acelerada|pesada)",
            r"(?:respirando|respiro) (?:mal|com dificuldade|rapido)",
            r"dispneia",
            r"cansaco (?:pra|para|ao) respirar",
        ),
        False,
    ),
    (
        "chest_pain",
        words(
            r"(?:dor|dores|aperto|pressao|pontada|pontadas|queimacao|peso|incomodo) "
            r"(?:no|do|n[oa]|em meu) peito",
            r"(?:meu )?peito (?:doi|doendo|apertado|aperta|pesado|queimando|arde)",
            r"doi (?:o|meu) peito",
            r"dor toracica",
            r"(?:doi|dor|pontada)(?: \w+){0,2} (?:ao|quando|pra|para|se) "
            r"(?:respirar|respiro|puxar o ar|puxo o ar|inspirar)",
        ),
        False,
    ),
    (
        "coughing_blood",
        words(
            r"tos\w*(?: \w+){0,6} (?:sangue|com sangue|rosad\w*)",
            r"(?:cuspindo|cuspi|cuspo|escarr\w*|catarro|secrecao) (?:\w+ )?(?:sangue|com sangue)",
            r"sangue (?:\w+ ){0,2}(?:ao|quando|na|com a) (?:toss\w*|tusso)",
            r"hemoptise",
        ),
        False,
    ),
    (
        "cant_bear_weight",
        words(
            _CANT + r" (?:nem )?(?:apoiar|pisar|ficar de pe|ficar em pe|por peso|colocar peso|"
            r"aguentar (?:o )?peso|botar o pe no chao|por o pe no chao|me apoiar)",
            _CANT + r" (?:nem )?(?:andar|caminhar)"
            r"(?! (?:muito|bem|rapido|longe|direito|normal|como antes|sem|mais de|tanto))",
            r"nao (?:aguenta|suporta|sustenta) (?:o |meu )?peso",
            r"impossivel (?:apoiar|andar|pisar|caminhar)",
        ),
        False,
    ),
    (
        "severe_pain",
        words(
            r"insuportave(?:l|is)",
            r"excruciante",
            r"agonia",
            r"(?:9|10) de (?:10|dez)",
            r"(?:a )?pior dor",
            r"dor (?:muito )?(?:intensa|severa|absurda|horrivel|terrivel|insana|surreal)",
            r"dor muito forte",
            r"(?:chorando|chorar|choro|gritando|gritar|grito) de dor",
            r"morrendo de dor",
            r"nao aguento (?:a|de) dor",
        ),
        False,
    ),
    (
        "knee_locked",
        words(
            r"joelhos?(?: \w+){0,3} (?:travad[oa]s?|travou|trava|travando)",
            r"(?:travou|travad[oa]|trava) (?:o |meu |os |meus )?joelhos?",
            r"bloquead[oa]s?",
            r"emperrad[oa]s?",
            r"(?:ficou|esta|ta) (?:pres[oa]|trancad[oa])",
            _CANT + r" (?:\w+ ){0,2}(?:esticar|endireitar|estender|dobrar|flexionar)",
            r"nao (?:estica|dobra|estende)",
        ),
        False,
    ),
    (
        "pop_then_swelling",
        regex(
            r"\b(?:estalo|estalou|estalido|estralou|pop|crack|rompeu|estourou|ouvi um|senti um "
            r"estalo)\b[\w ,]{0,80}?\b(?:inch\w*|inflam\w*)\b"
        ),
        True,
    ),
    (
        "knee_deformed",
        words(
            r"deform\w*",
            r"fora do lugar",
            r"desloc\w*",
            r"luxa\w*",
            r"tort[oa] para",
            r"formato (?:estranho|esquisito)",
            r"virad[oa] para o lado errado",
            r"angulo (?:estranho|esquisito)",
            r"(?:ficou|esta|ta) (?:tort[oa]|estranh[oa]|deformad[oa])",
            r"saiu do lugar",
        ),
        False,
    ),
    (
        "fever_unwell",
        words(
            r"febre\w*",
            r"febril",
            r"(?<!mudanca de )(?<!mudancas de )(?<!variacao de )temperatura",
            r"calafrios?",
            r"tremedeira",
            r"suores",
            r"(?:me sinto|estou|to|tou|me sentindo|ando) (?:muito |bem |super )?"
            r"(?:mal|doente|indispost[oa]|pessim[oa]|derrubad[oa]|abatid[oa])",
            r"mal estar",
            r"confus[oa]",
            r"3[89](?:_\d)? ?(?:graus|c)",
        ),
        False,
    ),
    (
        "veins_hard_sore",
        words(
            r"veias?(?: \w+){0,6} (?:dura|duras|inchad\w*|dolorid\w*|inflamad\w*|vermelh\w*|"
            r"saltad\w*|como (?:um )?(?:cordao|corda))",
            r"(?:dura|duras|inchad\w*|inflamad\w*|dolorid\w*) (?:\w+ )?veias?",
            r"(?:trombo)?flebite",
            r"como (?:um |uma )?(?:cordao|corda)",
        ),
        False,
    ),
    (
        "leg_numb_weak",
        words(
            _CANT + r" (?:mexer|levantar|mover) (?:o |a |os |meu |minha |meus )?"
            r"(?:pe|dedos|tornozelo)",
            r"pe caido",
            r"paralis\w*",
            r"paralisi\w*",
        ),
        False,
    ),
    (
        "leg_tingling",
        words(
            r"nao (?:sinto|estou sentindo|to sentindo) (?:o |a |os |meu |minha |meus )?"
            r"(?:pe|pes|dedos|perna|tornozelo)"
        ),
        False,
    ),
    (
        "serious_injury",
        words(
            r"osso (?:\w+ )?(?:para fora|pra fora|exposto|saindo|aparecendo)",
            r"fratura exposta",
            r"(?:perna|canela|tibia) (?:\w+ )?(?:quebrad\w*|partid\w*|fraturad\w*)",
            r"quebrei (?:a |minha )?(?:perna|tibia|canela)",
            _CANT + r" mexer (?:a |minha )?perna",
        ),
        False,
    ),
    (
        "pain_under_cast",
        words(
            r"(?:gesso|tala|atadura|bota|imobilizador)(?: \w+){0,6} (?:muito apertad\w*|"
            r"apertad\w* demais|apertando|insuportavel|cada vez pior)",
            r"(?:dor|doi|doendo)(?: \w+){0,6} (?:debaixo|dentro|embaixo|por baixo) d[oa] "
            r"(?:gesso|tala|atadura)",
        ),
        False,
    ),
    (
        "cauda_equina",
        words(
            r"(?:nao consigo|dificuldade (?:para|pra)) (?:urinar|fazer xixi|mijar)",
            r"(?:dorm\w*|formig\w*|anestesiad\w*) (?:\w+ )?(?:nadegas?|bumbum|virilha|genitais|"
            r"regiao intima|anus)",
            r"perd\w* (?:o )?controle d[oa] (?:bexiga|intestino|xixi|urina)",
            r"incontinencia",
            r"fiz xixi nas calcas",
        ),
        False,
    ),
    # ---- not warning signs ----
    (
        "lump_behind",
        words(
            r"cisto de baker",
            r"quisto de baker",
            r"cistos?",
            r"quistos?",
            r"caroco\w*",
            r"bolinhas?",
            r"calombos?",
            r"bola de agua",
        ),
        False,
    ),
    (
        "lump_growing_or_pulsing",
        regex(
            r"\b(?:caroco\w*|bola\w*|cistos?|quistos?|calombos?|nodulos?)\b[\w ]{0,60}?\b"
            r"(?:cresce\w*|crescendo|maior|pulsa\w*|lateja\w*|bate)\b"
        ),
        False,
    ),
    (
        "cramps_come_go",
        words(r"caibras?", r"caimbras?", r"cambras?", r"espasmos?", r"contraturas?"),
        False,
    ),
    (
        "clicks_catches",
        words(
            r"estal\w*",
            r"estral\w*",
            r"crepita\w*",
            r"range\w*",
            r"barulho\w*",
            r"faz (?:barulho|click|clique|crack)",
        ),
        False,
    ),
    (
        "gives_way",
        words(
            r"falseia",
            r"falseando",
            r"falseou",
            r"cede",
            r"instab\w*",
            r"(?:dobra|dobrou) "
            r"sozinho",
            r"falha",
            r"bambo",
            r"bamba",
        ),
        False,
    ),
    ("stiff_after_rest", words(r"rigid\w*", r"dur[oa] de manha", r"travad[oa] de manha"), False),
    (
        "active_runner",
        words(
            r"corro",
            r"correr",
            r"corrida\w*",
            r"corredor\w*",
            r"maratona\w*",
            r"futebol",
            r"futsal",
            r"pelada",
            r"basquete",
            r"volei",
            r"tenis",
            r"academia",
            r"ginasio",
            r"crossfit",
            r"esportes?",
            r"desportos?",
            r"atleta",
            r"ciclismo",
            r"bike",
            r"trilha",
            r"treino\w*",
            r"treinar",
            r"musculacao",
            r"danca",
            r"\d+ ?k",
        ),
        True,
    ),
    (
        "onset_overuse",
        words(
            r"depois d[oae] (?:correr|treinar|jogar|uma corrida|a corrida|o jogo|um jogo|a pelada|"
            r"uma pelada|a trilha|uma trilha|o treino|um treino|academia|maratona|andar muito)",
            r"sobrecarga",
            r"exagerei",
            r"(?:mais|demais) do que (?:o normal|o costume)",
            r"comecei a correr",
        ),
        True,
    ),
    (
        "onset_injury",
        words(
            r"cai",
            r"caiu",
            r"queda",
            r"tropec\w*",
            r"escorreg\w*",
            r"torc\w*",
            r"bati",
            r"batida",
            r"pancada",
            r"lesion\w*",
            r"lesao",
            r"entorse",
            r"acidente",
            r"chute",
            r"chutaram",
            r"trombada",
            r"machuquei",
        ),
        True,
    ),
    (
        "onset_gradual",
        words(
            r"aos poucos",
            r"pouco a pouco",
            r"do nada",
            r"sem motivo",
            r"sem razao",
            r"sem fazer nada",
            r"gradualmente",
        ),
        True,
    ),
    (
        "onset_after_sitting",
        words(
            r"depois de ficar sentad\w*",
            r"sentad[oa] (?:muito tempo|o dia todo|muitas horas)",
            r"muitas horas sentad\w*",
        ),
        True,
    ),
    (
        "recurring",
        words(
            r"vai e volta",
            r"vem e vai",
            r"de vez em quando",
            r"as vezes",
            r"de novo",
            r"outra vez",
            r"sempre",
            r"toda (?:noite|manha)",
            r"todo dia",
            r"recorrente",
            r"volta",
        ),
        True,
    ),
    (
        "night_pain",
        words(
            r"a noite",
            r"de noite",
            r"durante a noite",
            r"me acorda",
            r"nao consigo dormir",
            r"na cama",
            r"noites",
        ),
        True,
    ),
    (
        "worse_stairs_squat",
        words(
            r"escadas?",
            r"degraus",
            r"agach\w*",
            r"ajoelh\w*",
            r"cocoras",
            r"ladeira",
            r"subida",
            r"descida",
            r"subir",
            r"descer",
        ),
        True,
    ),
    (
        "pain_bending_pushing",
        words(r"flexion\w*", r"pul(?:ar|o|ando)", r"saltar", r"afundos?"),
        True,
    ),
    (
        "back_pain_sciatica",
        words(
            r"ciatic\w*",
            r"lombalgia",
            r"dor (?:nas|na) (?:costas|lombar|coluna)",
            r"hernia (?:de )?disc\w*",
            r"(?:desce|descendo|irradia\w*|corre|vai) (?:pela|pelo|ate|desde|da|do) "
            r"(?:as |a |o )?(?:costas|coluna|nadega|bumbum|quadril|perna)",
            r"bico de papagaio",
        ),
        True,
    ),
    (
        "older_or_diabetes_ra_joint",
        words(
            r"diabet\w*",
            r"artrite reumatoide",
            r"protese (?:de|no) joelho",
            r"(?:tenho|idade de) (?:6[5-9]|[7-9]\d)",
            r"(?:6[5-9]|[7-9]\d) anos",
            r"aposentad[oa]",
            r"idos[oa]",
        ),
        True,
    ),
    (
        "where_front",
        words(
            r"(?:frente|parte da frente|na frente) d[oa] (?:meu )?joelho", r"rotulas?", r"patela"
        ),
        True,
    ),
    (
        "where_side",
        words(
            r"(?:lado|parte) (?:de dentro|de fora|interna|externa|interno|externo) d[oa] "
            r"(?:meu )?joelho",
            r"trato iliotibial",
            r"lateral do joelho",
        ),
        True,
    ),
    ("where_whole", words(r"joelho (?:todo|inteiro)", r"todo o joelho"), True),
    (
        "recent_surgery",
        words(
            r"cirurgia",
            r"operacao",
            r"operad[oa]",
            r"me operei",
            r"artroscopia",
            r"protese",
            r"cesarea",
            r"cesariana",
            r"pos ?operatorio",
        ),
        True,
    ),
    (
        "long_travel_or_immobile",
        words(
            r"voos?",
            r"aviao",
            r"viage[mn]s?",
            r"viaj(?:ei|amos|ando)",
            r"voei",
            r"(?:horas|dias) (?:de|no|na) (?:carro|onibus|trem|aviao|estrada)",
            r"repouso",
            r"de cama",
            r"acamad[oa]",
            r"imobiliz\w*",
            r"gesso",
            r"tala",
            r"bota ortopedica",
            r"internad[oa]",
            r"hospitalizad[oa]",
        ),
        True,
    ),
    (
        "pregnant_or_postpartum",
        words(
            r"gravid\w*",
            r"gestante",
            r"gestacao",
            r"dei a luz",
            r"pos ?parto",
            r"parto",
            r"cesarea",
            r"cesariana",
            r"puerperio",
            r"resguardo",
            r"semanas de gestacao",
        ),
        True,
    ),
    (
        "blood_thinners",
        words(
            r"anticoagula\w*",
            r"marevan",
            r"varfarina",
            r"warfarina",
            r"apixabana?",
            r"rivaroxabana?",
            r"eliquis",
            r"xarelto",
            r"dabigatrana?",
            r"heparina",
            r"afinar o sangue",
        ),
        True,
    ),
    (
        "weight_loss",
        words(
            r"(?:perdi|perdendo) (?:muito |bastante )?(?:peso|quilos)",
            r"emagreci\w*",
            r"emagrecendo",
            r"perda de peso",
        ),
        True,
    ),
    (
        "child",
        words(
            r"(?:meu|minha) (?:filh[oa]|menin[oa]|crianca|pequen[oa]|bebe)",
            r"(?:tem|de) (?:[2-9]|1[0-6]) anos",
        ),
        True,
    ),
    (
        "calf_claudication",
        words(
            r"(?:doi|dor|caibra\w*)(?: \w+){0,6} (?:andar|ando|caminhar|caminho)(?: \w+){0,8}"
            r" (?:passa|melhora|alivia|some)(?: \w+){0,4} (?:descans\w*|paro|parar|sento|sentar)",
        ),
        False,
    ),
    ("smoker", words(r"fumo", r"fumante", r"fumador\w*", r"cigarro\w*", r"tabaco"), True),
    ("overweight", words(r"sobrepeso", r"obes\w*", r"acima do peso"), True),
    (
        "hormones",
        words(
            r"anticoncepcion\w*",
            r"contracepti\w*",
            r"a pilula",
            r"terapia hormonal",
            r"reposicao hormonal",
            r"estrogen\w*",
        ),
        True,
    ),
    (
        "previous_clot",
        words(
            r"(?:tive|ja tive|historico de|historia de|tinha)(?: \w+){0,3} "
            r"(?:trombo\w*|coagulos?|embolia)",
            r"trombose (?:antes|anterior|ha)",
        ),
        True,
    ),
    (
        "cancer",
        words(
            r"cancer",
            r"quimio\w*",
            r"tumor\w*",
            r"radioterapia",
            r"oncolog\w*",
            r"leucemia",
            r"linfoma",
            r"metasta\w*",
        ),
        True,
    ),
)

CLOT_WORRY = words(r"trombose", r"trombos?", r"coagulos?", r"tvp", r"trombose venosa")
LUNG_WORRY = words(r"embolia(?: pulmonar)?", r"tromboembolismo", r"tep")
CARE = words(
    r"pronto socorro",
    r"pronto atendimento",
    r"upa",
    r"emergencia",
    r"urgencia",
    r"samu",
    r"ambulancia",
    r"192",
    r"112",
    r"inem",
)
ER = regex(r"\bPS\b")  # "ir pro PS", as typed: "ps" in lower case is a postscript

HINTS: tuple[tuple[str, str], ...] = (
    (
        "cant_bear_weight",
        words(
            r"(?:mal|quase nao) (?:consigo )?(?:andar|caminhar|apoiar|pisar)",
            r"(?:dificil|dificuldade (?:para|pra|de)) (?:andar|caminhar|apoiar|pisar)",
            r"mancando (?:muito|demais)",
            _CANT + r" (?:andar|caminhar) (?:muito|bem|rapido|longe|direito|normal|"
            r"como antes|sem|tanto)",
        ),
    ),
    ("calf_pain_one_leg", CLOT_WORRY),
    ("breathless", LUNG_WORRY),
)
