"""Reproduce the choice and rendering of the gold records (needs ../shared; not part of the package).

Picks both seed trials, every corpus record about systemic sclerosis or digital ulcers, and a seeded
random sample of the remaining corpus, renders each with the extractor's own renderer, and splits
them into dev and test. Run from the project root: python annotations/select_records.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from extractor.readers.render import render_protocol

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OUT = Path(__file__).resolve().parent / "source"
TOPIC = re.compile(r"systemic sclerosis|scleroderma|digital ulcer", re.IGNORECASE)
N_RANDOM = 37
N_TEST = 18
DOUBLE = 12
SEED = 20261121


def main() -> None:
    corpus = json.loads((SHARED / "corpus" / "msc-trials.json").read_text("utf-8"))
    rendered = {}
    topical = []
    for study in corpus:
        protocol = study["protocolSection"]
        nct_id, _, text = render_protocol(protocol)
        rendered[nct_id] = text
        ident = protocol["identificationModule"]
        about = " ".join(
            [
                ident.get("briefTitle", ""),
                " ".join(protocol["conditionsModule"].get("conditions", [])),
                protocol["descriptionModule"].get("briefSummary", ""),
            ]
        )
        if TOPIC.search(about):
            topical.append(nct_id)
    rng = random.Random(SEED)
    rest = sorted(set(rendered) - set(topical))
    sample = rng.sample(rest, N_RANDOM)
    seed_page = (SHARED / "seeds" / "000_3a8632f599f5c24a.txt").read_text("utf-8")
    docs = [{"id": "NCT04356755", "text": seed_page, "origin": "seed page text"}]
    docs += [{"id": i, "text": rendered[i], "origin": "msc-trials.json (topic)"} for i in sorted(topical)]
    docs += [{"id": i, "text": rendered[i], "origin": "msc-trials.json (random)"} for i in sample]
    # The MANUS record and the seed page are the project's acceptance examples: rules are written
    # against them, so they stay in dev. The test split is drawn at random from the others.
    fixed_dev = {"NCT04356755", "NCT03211793"}
    candidates = [d["id"] for d in docs if d["id"] not in fixed_dev]
    test = set(rng.sample(candidates, N_TEST))
    double = set(rng.sample(sorted(test), DOUBLE // 2)) | set(rng.sample(sorted(set(candidates) - test), DOUBLE // 2))
    OUT.mkdir(exist_ok=True)
    for split in ("dev", "test"):
        with (OUT / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs:
                if (d["id"] in test) == (split == "test"):
                    row = {"id": d["id"], "text": d["text"], "origin": d["origin"], "double": d["id"] in double}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
