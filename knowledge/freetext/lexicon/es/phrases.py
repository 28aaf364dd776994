"""Spanish phrases for each finding, with the lay words people use (Spain and Latin America),
and the hints. Each entry: (finding id, pattern, event); see the English lexicon.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

PHRASES: tuple[tuple[str, str, bool], ...] = (
    (
        "breathless",
        words(
            r"no (?:puedo|podia|pude|puede|logro|consigo) (?:casi |ni )?(?:respirar|coger aire|"
            r"tomar aire|agarrar aire|jalar aire|recuperar el aliento)",
            r"(?:me cuesta|cuesta|me costaba|dificultad (?:para|al)|problemas? para|trabajo para)"
            r" (?:respirar|coger aire|tomar aire|agarrar aire)",
            r"(?:me )?falta (?:de )?(?:el )?(?:aire|aliento)",
            r"(?:sin|me quedo sin|me quede sin|quedarme sin) (?:aire|aliento)",
            r"me ahog\w*",
            r"ahog(?:o|ando|andome|arme)",
            r"sensacion de ahogo",
            r"disnea",
            r"asfixi\w*",
            r"jade\w*",
            r"me agito(?: mucho)?",
            r"(?:respiro|respirando) (?:mal|con dificultad|rapido|muy rapido)",
            r"respiracion (?:agitada|rapida|dificil|entrecortada)",
            r"no me entra (?:el )?aire",
            r"respirar me cuesta",
            r"falta de aire",
        ),
        False,
    ),
    (
        "chest_pain",
        words(
            r"(?:dolor|dolores|molestia|presion|opresion|pinchazo|punzada|ardor|peso) "
            r"(?:en el|del|de|al) pecho",
            r"(?:me )?duele (?:el |mi )?pecho",
            r"pecho (?:me )?(?:duele|aprieta|oprime|arde|pesa)",
            r"me aprieta el pecho",
            r"opresion (?:en el |del )?(?:pecho|torax)",
            r"dolor (?:toracico|de torax)",
            r"(?:duele|dolor|punzada|pinchazo)(?: \w+){0,2} (?:al|cuando|si) "
            r"(?:respirar|respiro|inspirar|inspiro|tomar aire|tomo aire)",
        ),
        False,
    ),
    (
        "coughing_blood",
        words(
            r"tos\w*(?: \w+){0,6} (?:sangre|con sangre|sanguinolent\w*|rosad\w*)",
            r"(?:escupo|escupi|escupiendo|expectoro|expectorando|gargajo|flemas?) "
            r"(?:\w+ )?(?:sangre|con sangre)",
            r"sangre (?:al|cuando) (?:toso|toser|tosia)",
            r"hemoptisis",
        ),
        False,
    ),
    (
        "cant_bear_weight",
        words(
            r"no (?:puedo|podia|pude|logro|consigo|puede) (?:ni )?(?:apoyar|pisar|cargar peso|"
            r"poner peso|ponerme de pie|mantenerme de pie|sostenerme|estar de pie|pararme)",
            r"no (?:puedo|podia|pude|logro|consigo|puede) (?:ni )?(?:caminar|andar)"
            r"(?! (?:mucho|bien|rapido|lejos|tanto|normal|como antes|sin|mas de|largo|largas))",
            r"no (?:aguanta|soporta|sostiene) (?:el |mi )?peso",
            r"imposible (?:apoyar|caminar|andar|pisar)",
            r"no (?:la |lo )?puedo apoyar",
            r"no puedo ni (?:caminar|andar|pisar|apoyar)",
        ),
        False,
    ),
    (
        "severe_pain",
        words(
            r"insoportable\w*",
            r"inaguantable\w*",
            r"atroz",
            r"agonia",
            r"(?:9|10) de (?:10|diez)",
            r"(?:el )?peor dolor",
            r"dolor (?:muy )?(?:intenso|severo|brutal|terrible|horrible|espantoso|tremendo)",
            r"dolor muy fuerte",
            r"muchisimo dolor",
            r"(?:llorando|llorar|lloro|grito|gritando|gritar) (?:de|del) dolor",
            r"me muero (?:de|del) dolor",
            r"no aguanto (?:el|del|de) dolor",
        ),
        False,
    ),
    (
        "knee_locked",
        words(
            r"bloquead[oa]s?",
            r"trabad[oa]s?",
            r"atascad[oa]s?",
            r"se (?:me )?(?:trabo|bloqueo|atasco|engancho|quedo trabada|quedo bloqueada)",
            r"no (?:la |lo )?(?:puedo|podia|consigo|logro) (?:\w+ ){0,2}(?:estirar|enderezar|"
            r"extender|doblar|flexionar)",
            r"no se (?:estira|endereza|dobla|extiende)",
        ),
        False,
    ),
    (
        "pop_then_swelling",
        regex(
            r"\b(?:crujido|crujio|chasquido|chasquio|trono|tronido|tronar|crack|pop|clac|"
            r"se rompio|algo se rompio|rompi|oi un|sono un|escuche un)\b"
            r"[\w ,]{0,80}?\b(?:hinch\w*|inchad\w*|inflam\w*)\b"
        ),
        True,
    ),
    (
        "knee_deformed",
        words(
            r"deform\w*",
            r"fuera de (?:su )?(?:sitio|lugar)",
            r"luxa\w*",
            r"disloca\w*",
            r"se (?:me )?salio (?:de su sitio|la rotula|de lugar)",
            r"forma (?:rara|extrana)",
            r"chuec[oa]",
            r"(?:torcida|doblada) hacia (?:el lado equivocado|un lado|afuera|adentro)",
            r"angulo (?:raro|extrano)",
            r"se ve (?:rara|raro|torcida|deforme|mal)",
        ),
        False,
    ),
    (
        "fever_unwell",
        words(
            r"fiebre\w*",
            r"calentura",
            r"febril",
            r"febricula",
            r"(?<!cambios de )(?<!cambio de )temperatura",
            r"escalofrios?",
            r"tiritando",
            r"tirito",
            r"sudores",
            r"(?:me siento|estoy|me encuentro|me noto|ando) (?:muy |super |re |bien |fatal )?"
            r"(?:mal|enferm[oa]|malit[oa]|fatal|decaid[oa]|pachuch[oa]|destemplad[oa])"
            r"(?! (?:porque|por no|de no|de animo|emocionalmente|animicamente|conmigo))",
            r"malestar general",
            r"confundid[oa]",
            r"desorientad[oa]",
            r"3[89](?:_\d)? ?(?:grados|c)",
        ),
        False,
    ),
    (
        "veins_hard_sore",
        words(
            r"venas?(?: \w+){0,6} (?:dura|duras|hinchad\w*|doloros\w*|inflamad\w*|roja|rojas|"
            r"abultad\w*|marcad\w*|como (?:un |una )?(?:cordon|cuerda))",
            r"(?:dura|duras|hinchad\w*|dolorosas?|inflamad\w*) (?:\w+ )?venas?",
            r"(?:trombo)?flebitis",
            r"como (?:un |una )?(?:cordon|cuerda)",
        ),
        False,
    ),
    (
        "leg_numb_weak",
        words(
            r"no (?:puedo|consigo|logro) (?:mover|levantar) (?:el |la |los |mi |mis )?"
            r"(?:pie|dedos|tobillo)",
            r"pie caido",
            r"paralis\w*",
            r"paraliz\w*",
        ),
        False,
    ),
    (
        "leg_tingling",
        words(
            r"no (?:me )?siento (?:el |la |los |las |mi |mis )?(?:pie|pies|dedos|pierna|tobillo)"
        ),
        False,
    ),
    (
        "serious_injury",
        words(
            r"hueso (?:\w+ )?(?:salido|fuera|expuesto|asomando|se ve)",
            r"fractura (?:abierta|expuesta)",
            r"(?:pierna|tibia|espinilla) (?:\w+ )?(?:rota|fracturada|partida)",
            r"(?:me )?(?:rompi|fracture|parti) (?:la |mi )?(?:pierna|tibia)",
            r"no (?:puedo|puede) mover (?:la |mi )?pierna(?: para nada| nada)?",
        ),
        False,
    ),
    (
        "pain_under_cast",
        words(
            r"(?:yeso|escayola|ferula|vendaje|bota)(?: \w+){0,6} (?:muy apretad\w*|demasiado "
            r"apretad\w*|me aprieta|aprieta|insoportable|cada vez peor)",
            r"(?:dolor|duele|me duele)(?: \w+){0,6} (?:bajo|debajo del|dentro del|dentro de la)"
            r" (?:el |la )?(?:yeso|escayola|ferula|vendaje)",
        ),
        False,
    ),
    (
        "cauda_equina",
        words(
            r"(?:no puedo|me cuesta|dificultad para) (?:orinar|hacer pis|hacer pipi|mear)",
            r"(?:adormecid\w*|entumecid\w*|dormid\w*|hormigueo) (?:en |la |las |el )?"
            r"(?:nalgas?|entrepierna|genitales|zona intima|ano|gluteos?)",
            r"perdida (?:de )?(?:control de )?(?:la )?(?:orina|esfinteres|vejiga)",
            r"incontinencia",
            r"me (?:hice pis|orine|hice popo) encima",
        ),
        False,
    ),
    # ---- not warning signs ----
    (
        "lump_behind",
        words(
            r"quiste de baker",
            r"quiste popliteo",
            r"quistes?",
            r"bultos?",
            r"bolitas?",
            r"chichon(?:es)?",
            r"como una pelota",
            r"globito",
        ),
        False,
    ),
    (
        "lump_growing_or_pulsing",
        regex(
            r"\b(?:bultos?|bolas?|bolitas?|quistes?|chichon|masa)\b[\w ]{0,60}?\b(?:crece|"
            r"creciendo|mas grande|late|palpita|pulsa|latidos?)\b"
        ),
        False,
    ),
    ("cramps_come_go", words(r"calambres?", r"rampas?", r"espasmos?", r"contracturas?"), False),
    (
        "clicks_catches",
        words(
            r"cruj\w*",
            r"chasqu\w*",
            r"truen\w*",
            r"trona",
            r"hace (?:ruido|click|clic|crack)",
            r"ruiditos?",
            r"se engancha",
            r"chirri\w*",
        ),
        False,
    ),
    (
        "gives_way",
        words(
            r"se (?:me )?(?:dobla|vence|afloja|va)(?! a)",
            r"(?:me )?falla",
            r"fallando",
            r"inestab\w*",
            r"cede",
            r"se me va",
        ),
        False,
    ),
    ("stiff_after_rest", words(r"rigid\w*", r"tiesa", r"agarrotad\w*", r"entumid[oa] al"), False),
    (
        "active_runner",
        words(
            r"corro",
            r"correr",
            r"corredor\w*",
            r"running",
            r"trot\w*",
            r"maraton\w*",
            r"futbol",
            r"baloncesto",
            r"basquet",
            r"tenis",
            r"padel",
            r"gimnasio",
            r"gym",
            r"crossfit",
            r"deportes?",
            r"deportista",
            r"ciclismo",
            r"bici\w*",
            r"senderismo",
            r"entreno",
            r"entrenar",
            r"entrenamientos?",
            r"pesas",
            r"bailar",
            r"\d+ ?k",
        ),
        True,
    ),
    (
        "onset_overuse",
        words(
            r"despues de (?:correr|entrenar|jugar|una carrera|la carrera|el partido|un partido|"
            r"la caminata|una caminata|el gym|el gimnasio|una maraton|la maraton|caminar mucho)",
            r"sobre ?(?:uso|carga|esfuerzo)",
            r"(?:mas|demasiado) de (?:lo normal|la cuenta)",
            r"empece a correr",
        ),
        True,
    ),
    (
        "onset_injury",
        words(
            r"me cai",
            r"cai",
            r"caida",
            r"tropec\w*",
            r"resbal\w*",
            r"torc\w*",
            r"golpe\w*",
            r"me di un golpe",
            r"me pegue",
            r"lesion\w*",
            r"esguince",
            r"accidente",
            r"patada",
            r"choque",
            r"me lastime",
            r"me doble",
        ),
        True,
    ),
    (
        "onset_gradual",
        words(
            r"poco a poco",
            r"de la nada",
            r"sin motivo",
            r"sin razon",
            r"sin hacer nada",
            r"gradualmente",
            r"sin golpe",
        ),
        True,
    ),
    (
        "onset_after_sitting",
        words(
            r"despues de estar sentad\w*",
            r"sentad[oa] (?:mucho|muchas horas|todo el dia)",
            r"muchas horas sentad\w*",
            r"al levantarme de la silla",
        ),
        True,
    ),
    (
        "recurring",
        words(
            r"va y viene",
            r"viene y va",
            r"de vez en cuando",
            r"a veces",
            r"otra vez",
            r"de nuevo",
            r"siempre",
            r"cada (?:noche|dia|manana)",
            r"recurrente",
            r"vuelve",
        ),
        True,
    ),
    (
        "night_pain",
        words(
            r"por la noche",
            r"de noche",
            r"en la noche",
            r"me despierta",
            r"no puedo dormir",
            r"en la cama",
            r"noches",
        ),
        True,
    ),
    (
        "worse_stairs_squat",
        words(
            r"escaleras?",
            r"escalones",
            r"sentadillas?",
            r"agach\w*",
            r"arrodill\w*",
            r"cuclillas",
            r"cuesta (?:arriba|abajo)",
            r"subir",
            r"bajar",
        ),
        True,
    ),
    ("pain_bending_pushing", words(r"flexion\w*", r"salt(?:ar|o|os|ando)", r"zancadas?"), True),
    (
        "back_pain_sciatica",
        words(
            r"ciatic\w*",
            r"lumbalgia",
            r"lumbago",
            r"dolor (?:de|en la) (?:espalda|cintura|zona lumbar)",
            r"hernia (?:de )?disc\w*",
            r"(?:baja|bajando|irradia\w*|corre|recorre|sube) (?:por|hasta|desde) (?:la |el )?"
            r"(?:espalda|nalga|gluteo|cadera|pierna)",
            r"dolor lumbar",
        ),
        True,
    ),
    (
        "older_or_diabetes_ra_joint",
        words(
            r"diabet\w*",
            r"artritis reumatoide",
            r"protesis de rodilla",
            r"(?:tengo|edad de) (?:6[5-9]|[7-9]\d)",
            r"(?:6[5-9]|[7-9]\d) anos",
            r"jubilad[oa]",
        ),
        True,
    ),
    (
        "where_front",
        words(
            r"(?:delante|adelante|frente|parte de adelante|parte delantera|parte frontal) de "
            r"(?:la |mi )?rodilla",
            r"rotulas?",
        ),
        True,
    ),
    (
        "where_side",
        words(
            r"(?:lado|parte|zona) (?:interno|interna|externo|externa|de afuera|de adentro) de "
            r"(?:la |mi )?rodilla",
            r"cintilla iliotibial",
            r"(?:costado|lateral) de la rodilla",
        ),
        True,
    ),
    ("where_whole", words(r"toda la rodilla", r"rodilla entera"), True),
    # ---- clot risk factors ----
    (
        "recent_surgery",
        words(
            r"cirugia",
            r"operacion",
            r"operad[oa]",
            r"me operaron",
            r"artroscopia",
            r"protesis",
            r"cesarea",
            r"post ?operatorio",
            r"quirofano",
        ),
        True,
    ),
    (
        "long_travel_or_immobile",
        words(
            r"vuelos?",
            r"avion",
            r"viaje\w*",
            r"viaj(?:e|amos|ando)",
            r"vole",
            r"(?:horas|dias) (?:en|de) (?:coche|carro|auto|bus|autobus|tren|avion|camion)",
            r"reposo",
            r"en cama",
            r"encamad[oa]",
            r"inmoviliz\w*",
            r"yeso",
            r"escayola",
            r"ferula",
            r"bota ortopedica",
            r"hospitalizad[oa]",
            r"ingresad[oa]",
        ),
        True,
    ),
    (
        "pregnant_or_postpartum",
        words(
            r"embaraz\w*",
            r"di a luz",
            r"dar a luz",
            r"post ?parto",
            r"posparto",
            r"cesarea",
            r"puerperio",
            r"parto",
            r"recien parida",
            r"semanas de gestacion",
        ),
        True,
    ),
    (
        "blood_thinners",
        words(
            r"anticoagula\w*",
            r"sintrom",
            r"warfarina",
            r"apixaban",
            r"rivaroxaban",
            r"eliquis",
            r"xarelto",
            r"edoxaban",
            r"dabigatran",
            r"heparina",
        ),
        True,
    ),
    (
        "weight_loss",
        words(
            r"(?:perdi|perdiendo|he perdido|baje|bajado|bajando) (?:mucho |muchos |bastante )?"
            r"(?:peso|kilos)",
            r"perdida de peso",
        ),
        True,
    ),
    (
        "child",
        words(
            r"mi (?:hij[oa]|nin[oa]|pequen[oa]|nene|nena|chiquit[oa]|peque)",
            r"(?:tiene|de) (?:[2-9]|1[0-6]) anos",
        ),
        True,
    ),
    (
        "calf_claudication",
        words(
            r"(?:duele|dolor|calambre\w*)(?: \w+){0,6} (?:caminar|camino|andar|ando)(?: \w+){0,8}"
            r" (?:se (?:me )?(?:pasa|quita|calma|alivia)|mejora)(?: \w+){0,4} (?:descans\w*|"
            r"parar|paro|me paro|sentar\w*)",
        ),
        False,
    ),
    ("smoker", words(r"fumo", r"fumador\w*", r"cigarr\w*", r"tabaco"), True),
    ("overweight", words(r"sobrepeso", r"obes\w*"), True),
    (
        "hormones",
        words(
            r"anticonceptiv\w*",
            r"la pildora",
            r"terapia hormonal",
            r"estrogen\w*",
            r"tratamiento hormonal",
        ),
        True,
    ),
    (
        "previous_clot",
        words(
            r"(?:tuve|he tenido|antecedentes de|historia de|ya tuve|tenia)(?: \w+){0,3} "
            r"(?:trombo\w*|coagulos?|embolia)",
            r"trombosis (?:antes|previa|anterior|hace)",
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

CLOT_WORRY = words(r"trombosis", r"trombos?", r"coagulos?", r"tvp", r"trombosis venosa")
LUNG_WORRY = words(r"embolia(?: pulmonar)?", r"tromboembolismo", r"tep")
CARE = words(
    r"urgencias",
    r"emergencias?",
    r"guardia",
    r"ambulancia",
    r"112",
    r"911",
    r"061",
    r"sala de emergencias?",
)
ER = regex(r"(?!)")  # no abbreviation that must be matched as typed

HINTS: tuple[tuple[str, str], ...] = (
    (
        "cant_bear_weight",
        words(
            r"(?:apenas|casi no|a duras penas) (?:puedo )?(?:caminar|andar|apoyar|pisar)",
            r"(?:me cuesta|cuesta|dificil) (?:mucho )?(?:caminar|andar|apoyar|pisar)",
            r"cojeando mucho",
            r"no (?:puedo|podia) (?:caminar|andar) (?:mucho|bien|rapido|lejos|tanto|normal|"
            r"como antes|sin)",
        ),
    ),
    ("calf_pain_one_leg", CLOT_WORRY),
    ("breathless", LUNG_WORRY),
)
