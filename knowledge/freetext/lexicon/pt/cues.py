"""Portuguese context cues, by ConText category, and the words that split sentences and clauses
(Brazil and Portugal; accents folded: "não" is "nao").

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

NEGATED = regex(
    r"\b(?:nao(?! sei\b| tenho (?:certeza|ctz)\b| so\b| apenas\b| muito\b|"
    r" estou (?:certo|certa)\b| (?:consigo|consegui|conseguia|posso|aguento|da para|da pra)\b)|"
    r"num(?= (?:tenho|to|tou|ta|esta|estou))|sem|nem|nenhum\w*|nunca|jamais|nada de|"
    r"descartad\w*|negativo para|ausencia de|livre de)\b"
)
POSSIBLE = regex(
    r"\b(?:talvez|acho que|acho|parece|nao sei se|nao sei|nao tenho (?:certeza|ctz)|pode ser|"
    r"possivelmente|provavelmente|sera que|meio que)\b"
)
HYPOTHETICAL = regex(
    r"\b(?:e se|caso|(?:o que fazer |o que faco )?se (?:eu|a|o|tiver|ficar|inchar|houver|"
    r"aparecer|sentir|tem|doer|comecar)|medo de|receio de|preocupad[oa] (?:com|que|de)|"
    r"me preocupa|sintomas? de|sinais? de|risco de|como (?:saber|sei|eu sei)|"
    r"o que (?:e|sao) (?:um|uma|o|a)|pode ser (?:um|uma)|prevenir|evitar)\b"
)
HISTORICAL = regex(
    r"\b(?:ontem|antes|anteontem|semana passada|mes passado|ano passado|ha (?:uns|umas|um|uma|"
    r"\d+|dois|duas|tres)|tive|tinha|estava|esteve|foi|era|em (?:19|20)\d\d)\b"
)
PRESENT = regex(
    r"\b(?:agora|ainda|hoje|desde|continua|atualmente|neste momento|esta manha|hoje de manha|"
    r"esta noite|estou|esta|to|tou|ta|tenho|tem|fica|sinto)\b"
)
RESOLVED = regex(
    r"\b(?:ja (?:passou|melhorou|sumiu|desinchou|desapareceu|nao)(?= *(?:[.,!?;\n]|$))|"
    r"passou|sumiu|desinchou|desapareceu|voltou ao normal|(?:ja )?(?:esta|estou|to|ta) "
    r"(?:bem|normal|otimo|ok) agora|bem agora|por (?:um|uns|alguns) (?:segundo|minuto|"
    r"momento|instante)s?|recuperei)\b"
)
FUTURE = regex(
    r"\b(?:amanha(?! de manha)|semana que vem|proxim[oa]|vou (?:viajar|fazer|ter)|vamos|em breve|"
    r"no futuro)\b"
)
REMOTE = regex(
    r"\b(?:ha (?:\d+|um|uns|dois|tres|quatro|cinco|varios|muitos) anos|(?:\d+|um|uns|dois|tres) "
    r"anos atras|ano passado|quando (?:eu )?era (?:crianca|pequen[oa]|jovem|nov[oa])|"
    r"ha (?:[4-9]|1[0-2]|quatro|cinco|seis|varios|muitos) meses|em (?:19|20)\d\d)\b"
)
CLEARED = regex(
    r"\b(?:descartad\w*|(?:ultrassom|ultrassonografia|ecografia|doppler|exames?|dimero d)"
    r"(?: \w+){0,2} (?:normal|normais|negativ[oa]s?|bem|limp[oa]s?|ok))\b"
)
NOW = regex(r"\b(?:agora|ainda|hoje|continua|atualmente|neste momento)\b")
WH_QUESTION = regex(
    r" *(?:o que|oq|por que|porque|pq|como|qual|quais|quem|onde|quanto|quando)(?: \w+)? "
    r"(?:e|sao|causa|causam|acontece|faz|ajuda|serve|significa|provoca|pode|podem|se|tem|"
    r"tipo|diferenca)\b"
)
ASKING = regex(
    r" *(?:(?:pode|podem|e|sao|da para|da pra|tem|alguem)(?: (?!(?:isso|isto|esse|essa)\b)\w+)"
    r"{0,3} (?:um|uma|alguem|as pessoas|a gente)|(?:algum|alguma|alguns|algumas|bons|boas|"
    r"melhores) (?:dicas?|exercicios?|alongamentos?|recomendac\w*|ideias?|conselhos?)|"
    r"(?:(?:a|o|uma|um|os|as) )?\w+(?: \w+)? (?:pode|podem|e|sao) (?:matar|mortal|fatal|"
    r"ser (?:grave|fatal|perigos\w*)|grave|perigos\w*|hereditari\w*|contagios\w*))\b"
)
PREVENTION = regex(r"\b(?:evit\w*|preven\w*|reduzir (?:o )?risco)\b")
GENERIC_SUBJECT = regex(r"\b(?:as pessoas|alguem|todo mundo|corredores|mulheres|homens|criancas)\b")
FIRST_PERSON = regex(
    r"\b(?:eu|me|meu|meus|minha|minhas|mim|tenho|estou|to|tou|nos|isso|isto|faco|posso|devo|"
    r"sinto|fico|consigo|vou)\b"
)
PERSONAL = regex(
    r"\b(?:eu|me|meu|meus|minha|minhas|mim|tenho|estou|to|tou|nos|isso|isto|ele|ela|eles|elas|"
    r"dele|dela|e (?:normal|grave|perigoso)|(?:mae|mamae|pai|papai|filh[oa]|espos[oa]|marido|"
    r"mulher|avo|vovo|irma|irmao|amig[oa]|namorad[oa]|bebe|crianca|paciente|tia|tio)s?)\b"
)
ANSWER_NO = regex(
    r" *(?:nao|n|nops|nada|nunca|nenhum|nenhuma)"
    r"(?= *(?:[.,!?;:\n]|$| so| e| estou| tudo bem))"
)
FRESH = regex(r"\b(?:nov[oa]|repentin\w*|de repente|do nada|hoje|hoje de manha)\b")
SENTENCE_WORDS = words(
    "mas", "porem", "entretanto", "contudo", "embora", "exceto", "tirando", "so que"
)
CLAUSE_WORDS = words(
    "e", "entao", "porque", "pois", "depois", "agora", "enquanto", "alem disso", "tambem", "ai"
)
ANCHOR_START = regex(r" *(?:meu|minha|meus|minhas|o|a|esse|essa|este|esta)\b")
ANCHOR = regex(
    r"\b(?:tenho|tem|esta|estou|to|ta|tou|e|ha|me|ficou|agora|ainda|continua|sinto|sim|ja|"
    r"tambem|so|apenas|somente)\b"
)
OTHER_SYMPTOMS = regex(
    r"\b(?:caroco|inchaco|inchad\w*|hematoma\w*|mancha roxa|rox[oa]|roxid\w*|mancando|manco|"
    r"manquei|frac\w*|"
    r"instab\w*|problema\w*|incomodo\w*|lesao|lesoes|machucad\w*|dor\w*|doi\w*)\b"
)
THING_AFTER = regex(
    r" (?:agua|chao|piso|tempo|clima|dia|dias|noite|banho|bolsa|compressa|gel|creme|cha|cafe|"
    r"comida|suor|ambiente|quarto|toalha|la fora)\b"
)
ILLNESS = regex(r"(?<![\w])(?:com|faz|muito|sinto|passei|passo) $")
SITTING_FOR = regex(
    r"\b(?:sentad[oa]s?|dirig\w*|voo|voando|viaj\w*|aviao|trem|onibus|carro|de pe|em pe|"
    r"mesa|escritorio)(?: \w+){0,3} (?:durante|por|umas|mais de|quase) ?(?:umas |mais de )?$"
)
SITTING_WORD = regex(
    r"\b(?:sentad[oa]s?|dirig\w*|voo|voando|viaj\w*|aviao|trem|onibus|carro|de pe|em pe|"
    r"mesa|escritorio)\b"
)
