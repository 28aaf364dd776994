"""English context cues, by ConText category, and the words that split sentences and clauses.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

# Context cues.
NEGATED = regex(
    r"\b(?:no(?! (?:idea|clue|reason|matter|wonder|joke|lie|problem|doubt|way|sooner|one "
    r"knows))|not(?! (?:sure|only|just|even|that bad|too bad|certain|long|yet|to be|"
    r"(?:her|him|my|them|your)sel(?:f|ves)))|never|without|"
    r"nor|neither|none|nothing|zero|free of|lack of|ruled out|negative for|absence of|denies|"
    r"cannot (?:see|notice|find|feel any)|did not (?:see|notice|find)|nope)\b"
)
POSSIBLE = regex(
    r"\b(?:not sure|unsure|maybe|might|perhaps|possibly|"
    r"probably(?! (?:nothing|fine|overreacting|over reacting|just|being|silly|daft|stupid))|"
    r"i do not know|do not know (?:if|whether)|hard to (?:tell|say)|cannot tell|i guess|"
    r"i think|i thought|think it|not certain|could be|seems?|almost|"
    r"not really sure|wondering|i wonder|hmm+|possible)\b"
)
HYPOTHETICAL = regex(
    r"\b(?:if|what if|in case|whether|worried about|worried it|worried that|worry about|"
    r"afraid (?:of|it)|scared (?:of|it)|risk of|signs? of|symptoms? of|how do i know|"
    r"how (?:can|do) (?:i|you) tell|could it be|can it be|is it a|is this a|would|should i worry|"
    r"what does (?:\w+ ){0,8}mean|what are|what is|how to|how do i|how can i|is that a|"
    r"what (?:causes|can cause)(?! my| me)|"
    r"prevent\w*)\b"
)
HISTORICAL = regex(
    r"\b(?:was|were|had|used to|yesterday|last (?:night|week|month|year|time|weekend)|ago|"
    r"earlier|before|previously|once|back then|at the time|that day|that night|in (?:19|20)\d\d)\b"
)
PRESENT = regex(
    r"\b(?:now|still|since|today|tonight|keeps?|currently|right now|at the moment|this morning|"
    r"this evening|this afternoon|just now|"
    r"am|is|are|has been|have been|getting|feels|looks)\b"
)
RESOLVED = regex(
    r"\b(?:gone now|went away|gone away|(?:its|it is|it has|all|now|has) gone(?= *(?:[.,!?;\n]|$))|"
    r"passed(?! out)|has passed|settled(?: down)?|eased(?: off)?|"
    r"(?:fine|better|ok|okay|normal|good|alright|all right) now|resolved|disappeared|"
    r"(?:it|pain|swelling|numbness) stopped|cleared(?: up)?|"
    r"stopped(?! (?:me|us|him|her|them|walking|running|working|sleeping))|wore off|"
    r"(?:got )?over it|(?:then|and) gone|warmed (?:back )?up|"
    r"straightened (?:out )?(?:fine|ok|okay)|"
    r"(?:ok|okay|fine|alright|good) (?:ever )?since|"
    r"for (?:a|one|a few|a couple of) (?:minute|second|moment)s?(?! now)|"
    r"(?:because|bc|cos|coz) (?:\w+ ){0,5}(?:ice bath|ice pack|snow|cold water|sat on it|"
    r"sitting on it|cross legged|dye|jeans)|"
    r"(?:went|go|goes)(?: away| off)?(?= (?:once|when|as soon as|after|within|in a few))|"
    r"(?:that|thats|that is|it|which|they|both)(?: has| have| is| are)? gone\b|"
    r"(?:went|gone|come|came) down(?! (?:the|some|a|to) )|recovered|healed|back to normal)\b"
)
FUTURE = regex(
    r"\b(?:next (?:week|month|year|weekend)|tomorrow|going to|planning|plan to|will be|soon|"
    r"upcoming|in the future)\b"
)
REMOTE = regex(
    r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|few|several|many|couple of|a couple of) "
    r"years? ago|years ago|last year|in (?:19|20)\d\d|when i was (?:a |younger|little|young|\d+)|"
    r"as a (?:kid|child|teen\w*)|back in|(?:[4-9]|1[0-2]|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|several|many) months ago)\b"
)
CLEARED = regex(
    r"\b(?:ruled out|all clear|(?:scans?|ultrasound|doppler|tests?|bloods|blood tests?|d dimer)"
    r"(?: \w+){0,2} (?:clear|normal|negative|fine|ok|okay))\b"
)
NOW = regex(r"\b(?:now|still|today|tonight|currently|at the moment)\b")
# A question about a condition in general ("can a clot kill you?", "what does a Baker's cyst
# feel like?") says nothing about the person: ConText's "hypothetical / other experiencer".
# "it", "this" and "that" point at the writer's own trouble: "could it be a clot?" is theirs.
WH_QUESTION = regex(
    r" *(?:what|whats|why|how|hows|which|who|where)(?: \w+)? (?:is|are|does|do|did|can|could|"
    r"should|would|will|causes?|happens?|helps?|usually|exactly|much|many|long|often|kind|type|"
    r"sort|to|means?|difference|best|a|an)\b"
)
ASKING = regex(
    r" *(?:best (?:stretch|exercise|way|thing)\w*|"
    r"(?:can|could|does|do|is|are|should|will|would|when)(?: (?!(?:it|this|that)\b)\w+){0,3} "
    r"(?:a|an|you|your|people|ppl|there|"
    r"someone|somebody|anyone|anybody|runners|women|men|children|kids)|any(?:one|body)?(?: \w+)? "
    r"(?:good|tips?|advice|ideas?|exercises?|stretch\w*|ways?|recommend\w*|suggestions?|know))\b"
)
# Preventing something is not having it: "how do I avoid a DVT on the flight?"
PREVENTION = regex(
    r"\b(?:avoid\w*|prevent\w*|reduce (?:the |my |your )?(?:risk|chance)\w*|"
    r"lower (?:the |my |your )?(?:risk|chance)\w*|stop (?:me |you )?getting)\b"
)
# Everyone in general: "why do people get cramp in their legs?" is about nobody in particular.
GENERIC_SUBJECT = regex(
    r"\b(?:people|ppl|someone|somebody|anyone|anybody|everyone|everybody|humans|runners|"
    r"athletes|women|men|kids|children)\b"
)
FIRST_PERSON = regex(r"\b(?:i|me|my|mine|myself|we|us|our|this|these)\b")
PERSONAL = regex(
    r"\b(?:i|me|my|mine|myself|we|us|our|he|him|his|she|her|they|them|their|this|these|"
    r"is it (?:normal|ok|okay|bad|common|serious|worrying|dangerous)|"
    r"(?:mum|mom|mam|mother|dad|father|son|daughter|wife|husband|partner|nan|nana|gran|granny|"
    r"grandma|grandad|grandpa|grandmother|grandfather|baby|kid|child|boy|girl|brother|sister|"
    r"aunt|uncle|friend|boyfriend|girlfriend|patient)s?)\b"
)
ANSWER_NO = regex(
    r" *(?:no|nah|nope|naw|not really|not at all|none|nothing|never)"
    r"(?= *(?:[.,!?;:\n]|$| just| its| it is| thats| that is| i am| only| all good))"
)
FRESH = regex(r"\b(?:new|sudden\w*|just started|today|this morning|out of nowhere)\b")
# Sentences end at a full stop (or ! ? ; or a new line) and before "but", "however" ...
SENTENCE_WORDS = words("but", "however", "although", "though", "except", "yet", "apart from",
                      "other than")  # fmt: skip
# Clauses end at a comma or colon and before "and", "so", "because" ...
CLAUSE_WORDS = words("and", "so", "because", "then", "now", "which", "while", "plus", "also",
                    "as well", "after that")  # fmt: skip
ANCHOR_START = regex(r" *(?:my|the|this|that|his|her|your)\b")
ANCHOR = regex(
    r"\b(?:i|it|its|there|is|are|was|were|am|feels?|"
    r"looks?|got|gets|has|have|had|just|still|now|but|yes|yeah|definitely|went|turned)\b"
)
OTHER_SYMPTOMS = regex(
    r"\b(?:lump|bump|swelling|swollen|bruis\w*|limp\w*|weak\w*|numb\w*|unstable|instability|"
    r"clicking|popping|problem|issue|trouble|injur\w*|hurts?|pain\w*|sore)\b"
)

# A descriptor right before one of these words describes that thing, not the body ("the cold
# floor", "a hot water bottle", "hot weather"); "a cold" is an illness.
THING_AFTER = regex(
    r" (?:water|floor|floors|tiles|ground|weather|day|days|night|nights|morning|spell|snap|wind|"
    r"air|room|shower|showers|bath|baths|bottle|pack|packs|compress|towel|flannel|cloth|gel|cream|"
    r"spray|drink|drinks|tea|coffee|wine|food|sweat|sweats|climate|temperature|as a sheet|"
    r"as a ghost)\b"
)
ILLNESS = regex(r"(?<![\w])(?:a|the|head|common|chest) $")
# A time said of sitting or travelling is how long they sat, not how long it has hurt ("sat in
# the car for ages", "after a 3 hour drive").
SITTING_FOR = regex(
    r"\b(?:sat|sitting|sit|driv\w*|drove|flight|flew|flying|travel\w*|journey|train|plane|coach|"
    r"car|standing|stood|kneeling|knelt|desk|shift)"
    r"(?: (?:in|on|at|the|a|an|my|our|car|plane|train|bus|coach|desk|chair|sofa|couch|floor|office|"
    r"work|cross|legged|there|around|still|long|straight|without|moving|break|breaks))* "
    r"(?:for|of) (?:about |around |over |nearly |almost |like )?$"
)
SITTING_WORD = regex(
    r"\b(?:sat|sitting|sit|driv\w*|drove|flight|flew|flying|travel\w*|journey|train|plane|coach|"
    r"car|standing|stood|kneeling|knelt|desk|shift)\b"
)
