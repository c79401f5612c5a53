"""Arms and what each holds: the lookups by position, and a record with many arms."""

from __future__ import annotations

from extractor.normalize.intervention_groups import NameMention
from extractor.pipeline.intervention_arms import MentionIndex, arm_holders

from .fixture_records import run


def _mention(start: int) -> NameMention:
    return NameMention("msc", "MSC", start)


def test_mentions_within_a_range_in_mention_order() -> None:
    index = MentionIndex([_mention(s) for s in (40, 5, 20, 5, 60)])
    assert index.within(5, 41) == [0, 1, 2, 3]  # start <= mention start < end
    assert index.within(6, 40) == [2]
    assert index.within(61, 100) == []


def test_arm_holders_lists_arms_in_order() -> None:
    a, b = object(), object()
    assert arm_holders([[a], [a, b], [], [b]]) == {id(a): [0, 1], id(b): [1, 3]}


def test_a_record_with_hundreds_of_arms_gives_each_its_intervention() -> None:
    # Every arm, entry and group scanned all the others: 4,000 arms took 27 s, 1 MB of them minutes.
    n = 300
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "Many interventions"},
            "armsInterventionsModule": {
                "armGroups": [
                    {"label": f"Group {i}", "type": "EXPERIMENTAL", "interventionNames": [f"Drug: Compound{i}"]}
                    for i in range(n)
                ],
                "interventions": [{"type": "DRUG", "name": f"Compound{i}", "otherNames": [f"C{i}"]} for i in range(n)],
            },
        }
    }
    doc = run(study)
    assert [(a["label"], a["interventions"]) for a in doc._.arms] == [
        (f"Group {i}", [f"Compound{i}"]) for i in range(n)
    ]
    assert {g["name"]: g["arms"] for g in doc._.interventions} == {f"Compound{i}": [f"Group {i}"] for i in range(n)}
    assert all(len(g["entries"]) == 1 for g in doc._.interventions)
