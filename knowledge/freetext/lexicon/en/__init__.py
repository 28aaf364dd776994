"""English: the words people use for pain behind the knee, British and American."""

from __future__ import annotations

from knowledge.freetext.lexicon import Lexicon, Phrase
from knowledge.freetext.lexicon.en import body, common, cues, durations, phrases, spelling, topics

LEXICON = Lexicon(
    code="en",
    common_words=common.COMMON_WORDS,
    before_punct=spelling.BEFORE_PUNCT,
    spelling=spelling.SPELLING,
    parts=body.PARTS,
    part_priority=body.PART_PRIORITY,
    leads_to_part=body.LEADS_TO_PART,
    descriptors=body.DESCRIPTORS,
    very=body.VERY,
    persistent=body.PERSISTENT,
    phrases={finding: Phrase(pattern, event) for finding, pattern, event in phrases.PHRASES},
    hints=dict(phrases.HINTS),
    durations=dict(durations.DURATIONS),
    topics=dict(topics.TOPICS),
    care=phrases.CARE,
    care_exact=phrases.ER,
    cues={
        "negated": cues.NEGATED,
        "possible": cues.POSSIBLE,
        "hypothetical": cues.HYPOTHETICAL,
        "historical": cues.HISTORICAL,
        "present": cues.PRESENT,
        "resolved": cues.RESOLVED,
        "future": cues.FUTURE,
        "remote": cues.REMOTE,
        "now": cues.NOW,
        "anchor": cues.ANCHOR,
        "cleared": cues.CLEARED,
    },
    anchor_start=cues.ANCHOR_START,
    wh_question=cues.WH_QUESTION,
    asking=cues.ASKING,
    personal=cues.PERSONAL,
    first_person=cues.FIRST_PERSON,
    generic_subject=cues.GENERIC_SUBJECT,
    prevention=cues.PREVENTION,
    answer_no=cues.ANSWER_NO,
    fresh=cues.FRESH,
    sentence_words=cues.SENTENCE_WORDS,
    clause_words=cues.CLAUSE_WORDS,
    other_symptoms=cues.OTHER_SYMPTOMS,
    thing_after=cues.THING_AFTER,
    illness=cues.ILLNESS,
    sitting_for=cues.SITTING_FOR,
    sitting_word=cues.SITTING_WORD,
)
