"""How completely outcome sections become ENDPOINT and SCHEDULE facts on a corpus of registry records.

For every record with structured outcomes (API v2 ``outcomesModule``, XML primary/secondary/other outcomes):

* the share of outcome measures that became an ENDPOINT of the right kind (matched by the measure text
  on its line of the rendered document);
* the share of outcome time frames containing a number (digit or number word) whose SCHEDULE fact has a
  non-empty ``days``, ``every`` or ``through``, and the time-frame forms that still fail.

Usage (from the repository root)::

    python benchmarks/outcome_coverage.py ../shared/corpus/msc-trials.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter

from extractor.api import load
from extractor.batch import Processed, process_records
from extractor.facts import facts_from_doc
from extractor.normalize.numbers import number_words
from extractor.readers import iter_records

_KINDS = {"primaryOutcomes": "primary", "secondaryOutcomes": "secondary", "otherOutcomes": "other"}


def _has_number(text: str, words: re.Pattern[str]) -> bool:
    return bool(re.search(r"\d", text) or words.search(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a JSON array of API v2 studies (e.g. msc-trials.json)")
    args = parser.parse_args()
    cardinals = [w for w, (_v, kind) in number_words().items() if kind == "cardinal"]
    words = re.compile(r"\b(?:{})\b".format("|".join(map(re.escape, cardinals))), re.IGNORECASE)
    with open(args.corpus, encoding="utf-8") as fh:
        corpus = json.load(fh)
    studies = {
        s["protocolSection"]["identificationModule"]["nctId"]: s["protocolSection"].get("outcomesModule") or {}
        for s in corpus
    }
    measures = found = right_kind = 0
    frames = frames_valued = 0
    failing: Counter = Counter()
    for item in process_records(load(), iter_records([args.corpus])):
        if not isinstance(item, Processed):
            continue
        facts = facts_from_doc(item.doc)
        endpoints = {
            (f.text, f.attrs["kind"]) for f in facts if f.label == "ENDPOINT" and f.rule == "endpoint.outcome_section"
        }
        texts = {text for text, _kind in endpoints}
        schedules = {f.text: f for f in facts if f.label == "SCHEDULE" and f.rule == "schedule.time_frame"}
        for key, kind in _KINDS.items():
            for outcome in studies[item.record.id].get(key) or []:
                measure = " ".join((outcome.get("measure") or "").split()).rstrip(" .,;:")
                if measure:
                    measures += 1
                    hit = next(
                        (t for t in texts if t and (t == measure or measure.startswith(t) or t.startswith(measure))),
                        None,
                    )
                    found += hit is not None
                    right_kind += (hit, kind) in endpoints
                frame = " ".join((outcome.get("timeFrame") or "").split()).rstrip(" .,;")
                if frame and _has_number(frame, words):
                    frames += 1
                    fact = schedules.get(frame)
                    if fact and (
                        fact.attrs["days"] or fact.attrs["every"] is not None or fact.attrs["through"] is not None
                    ):
                        frames_valued += 1
                    else:
                        failing[frame] += 1
    share_found, share_kind = found / measures, right_kind / measures
    print(f"outcome measures: {measures}; ENDPOINT found {found} ({share_found:.2%}), ", end="")
    print(f"right kind {right_kind} ({share_kind:.2%})")
    print(
        f"time frames with a number: {frames}; with days/every/through {frames_valued} ({frames_valued / frames:.2%})"
    )
    print(f"failing time frames ({len(failing)} distinct):")
    for frame, count in failing.most_common():
        print(f"  {count:3d}  {frame}")


if __name__ == "__main__":
    main()
