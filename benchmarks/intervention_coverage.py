"""How well interventions, arms and regimens come out of a corpus of registry records (and a gold file).

On a corpus of ClinicalTrials.gov records (any input ``protocol-facts extract`` reads):

* the share of trials whose structured intervention names (``record.meta["interventions"]``) are all
  found among the names and aliases of the trial's distinct interventions (each name cleaned as the
  INTERVENTION component cleans it: "HCR040 (Phase 1)" -> "HCR040"; a name that is only a generic word,
  "Control group", counts as missing in the strict share and is left out of the second share);
* the share of DOSE, ROUTE and SITE facts linked to an intervention (and of DOSE facts linked to an arm).

With ``--gold`` (an annotation file: use the dev split only), INTERVENTION strict and overlap
precision/recall/F1 and role accuracy on its texts.

Usage (from the repository root)::

    python benchmarks/intervention_coverage.py ../shared/corpus/msc-trials.json --gold annotations/dev.jsonl
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from typing import Any

from extractor.api import load, predict_documents
from extractor.batch import Processed, process_records
from extractor.normalize.products import name_key, name_parts
from extractor.readers import iter_records
from extractor.tables.interventions import distinct_intervention_rows


def corpus_coverage(paths: list[str], n_process: int = 1) -> dict[str, Any]:
    """Structured-name coverage and link shares over the records of ``paths``."""
    nlp = load()
    counts: Counter = Counter()
    missing: Counter = Counter()
    started = time.perf_counter()
    for item in process_records(nlp, iter_records(paths), n_process=n_process):
        if not isinstance(item, Processed):
            continue
        counts["records"] += 1
        keys = {name_key(n) for row in distinct_intervention_rows(item.doc) for n in [row["name"], *row["aliases"]]}
        names = [i["name"] for i in item.record.meta.get("interventions", []) if i.get("name")]
        if names:
            counts["with_names"] += 1
            parts = {n: [n[s:e] for s, e, kind in name_parts(n) if kind == "name"] for n in names}
            found = {n: bool(p) and all(name_key(x) in keys for x in p) for n, p in parts.items()}
            counts["all_found"] += all(found.values())
            counts["all_found_but_generic"] += all(found[n] or not parts[n] for n in names)
            missing.update(n for n in names if parts[n] and not found[n])
        for span in item.doc.spans.get("facts", []):
            if span.label_ in ("DOSE", "ROUTE", "SITE"):
                counts[span.label_] += 1
                counts[f"{span.label_}_linked"] += bool(span._.intervention)
                counts[f"{span.label_}_arm"] += bool(span._.arm)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return {"counts": dict(counts), "missing": missing.most_common(10)}


def gold_scores(path: str) -> dict[str, Any]:
    """INTERVENTION strict/overlap scores and role accuracy against an annotation file."""
    from extractor.evaluation.gold import docs_from_dicts, load_annotations
    from extractor.evaluation.metrics import evaluate_documents

    gold = load_annotations(path)
    for doc in gold:
        doc.spans = [s for s in doc.spans if s.label == "INTERVENTION"]
    predicted = list(predict_documents((g.id, g.text) for g in gold))
    for doc in predicted:
        doc["spans"] = [s for s in doc["spans"] if s["label"] == "INTERVENTION"]
    result = evaluate_documents(gold, docs_from_dicts(predicted, "<predictions>"), n_boot=0)
    out = {mode: result[mode]["micro"] for mode in ("strict", "overlap")}
    out["role"] = result["attributes"]["overall"]
    return out


def _share(counts: dict[str, int], part: str, whole: str) -> str:
    return f"{counts.get(part, 0)}/{counts.get(whole, 0)} ({counts.get(part, 0) / max(counts.get(whole, 0), 1):.1%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", help="record files or folders")
    parser.add_argument("--gold", help="annotation JSONL (dev split) to score INTERVENTION on")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    if args.inputs:
        result = corpus_coverage(args.inputs, args.n_process)
        c = result["counts"]
        print(f"records: {c.get('records', 0)} in {c['seconds']} s")
        print("trials with all structured intervention names found:", _share(c, "all_found", "with_names"))
        print("  ... names that are only generic words left out:", _share(c, "all_found_but_generic", "with_names"))
        for label in ("DOSE", "ROUTE", "SITE"):
            print(
                f"{label} facts linked to an intervention:",
                _share(c, f"{label}_linked", label),
                "| to an arm:",
                _share(c, f"{label}_arm", label),
            )
        print("most frequent names not found:", result["missing"])
    if args.gold:
        scores = gold_scores(args.gold)
        for mode in ("strict", "overlap"):
            s = scores[mode]
            print(
                f"INTERVENTION {mode}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
            )
        role = scores["role"]
        print(f"role accuracy on overlap-matched pairs: {role['accuracy']:.3f} ({role['pairs']} pairs)")


if __name__ == "__main__":
    main()
