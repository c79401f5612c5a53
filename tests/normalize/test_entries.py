"""Arm and intervention entries of a rendered record, read from the text alone."""

from extractor.normalize.entries import parse_entries, table_type
from extractor.sections import detect_sections

# NCT03211793 (MANUS) as rendered, Arms and Interventions sections.
MANUS = (
    "Arms\n"
    "Arm: MSC injections (Experimental)\n"
    "Intramuscular injection of mesenchymal stromal cells (50 million allogeneic MSCs in 0.9% NaCl and 10% human "
    "serum albumin).\n"
    "Arm: Placebo injections (Placebo Comparator)\n"
    "Intramuscular injection of placebo (NaCl 0.9% + 10% human serum albumin)\n"
    "\n"
    "Interventions\n"
    "Intervention: Drug: Mesenchymal stromal cells\n"
    "8 intramuscular injections at designated sites in the hand/forearm muscles of the most affected side. Blinded "
    "syringes will be used. Injections will be administered by an experienced clinician (plastic surgeon or hand "
    "surgeon).\n"
    "Intervention: Other: Placebo\n"
    "8 intramuscular injections at designated sites in the hand/forearm muscles of the most affected side. Blinded "
    "syringes will be used. Injections will be administered by an experienced clinician (plastic surgeon or hand "
    "surgeon).\n"
)


def test_arms_and_entries_of_a_rendered_record():
    arms, entries = parse_entries(MANUS, detect_sections(MANUS))
    assert [(a.label, a.type, a.role, a.control_type) for a in arms] == [
        ("MSC injections", "Experimental", "experimental", None),
        ("Placebo injections", "Placebo Comparator", "control", "placebo"),
    ]
    assert MANUS[arms[0].start : arms[0].end].endswith("human serum albumin).")
    assert [(e.name, e.type, MANUS[e.name_start : e.name_end]) for e in entries] == [
        ("Mesenchymal stromal cells", "Drug", "Mesenchymal stromal cells"),
        ("Placebo", "Other", "Placebo"),
    ]
    assert MANUS[entries[1].start : entries[1].end].startswith("Intervention: Other: Placebo\n8 intramuscular")
    assert table_type("Drug") == "drug" and table_type("Combination Product") == "combination product"


def test_labels_with_their_own_parentheses_and_other_names():
    # NCT04289194 arm label; an entry with other names and an arm with assigned interventions
    text = (
        "Arms\nArm: HCR040 (Phase 1) (Experimental)\nParticipants with moderate to severe acute respiratory distress "
        "syndrome (6 patients)\nAssigned interventions: Drug: HCR040 (Phase 1)\n\n"
        "Interventions\nIntervention: Biological: Remestemcel-L\nOther names: MSC; Ryoncil\n"
    )
    arms, entries = parse_entries(text, detect_sections(text))
    assert [(a.label, a.type) for a in arms] == [("HCR040 (Phase 1)", "Experimental")]
    assert [text[a:b] for a, b in arms[0].assigned] == ["HCR040 (Phase 1)"]
    assert [text[a:b] for a, b in entries[0].other_names] == ["MSC", "Ryoncil"]


def test_page_text_has_no_entries():
    text = "Clinical Trial Summary\n\nThe MANUS Trial aims to examine the safety.\n"
    assert parse_entries(text, detect_sections(text)) == ([], [])
