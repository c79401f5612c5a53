"""Running text for SCHEDULE and ENDPOINT: the sentences in scope, outside outcome sections."""

from extractor.api import as_record, load
from extractor.batch import process_one
from extractor.pipeline.outcome_scope import in_outcomes, outcome_sections, running_text
from extractor.pipeline.scope import section_name

TEXT = (
    "Detailed Description\n"
    "Participants are assessed at 3 and 6 months.\n\n"
    "Primary Outcome Measures\n"
    "1. Toxicity of the treatment [Time Frame: 12 weeks after MSC administration]\n"
)


def doc_of(text):
    return process_one(load(), as_record(text)).doc


def test_running_text_leaves_out_outcome_sections():
    doc = doc_of(TEXT)
    index = outcome_sections(doc)
    assert index is not None
    sentences = running_text(doc, "SCHEDULE")
    assert [s.text for s in sentences] == ["Detailed Description\n", "Participants are assessed at 3 and 6 months.\n\n"]
    outcome_line = TEXT.index("1. Toxicity")
    assert in_outcomes(index, outcome_line) and section_name(doc, outcome_line) == "outcomes"
    assert not in_outcomes(index, TEXT.index("Participants"))


def test_without_an_outcome_section_every_sentence_in_scope_is_running_text():
    doc = doc_of("Detailed Description\nParticipants are assessed at 3 and 6 months. They are seen weekly.")
    assert outcome_sections(doc) is None
    assert [s.text for s in running_text(doc, "SCHEDULE")] == [
        "Detailed Description\n",
        "Participants are assessed at 3 and 6 months.",
        "They are seen weekly.",
    ]
