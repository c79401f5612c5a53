"""Publishing tables together: an interrupted publication is completed by the next run, never half-kept."""

import json
import os

import pytest

from extractor.tables.publication import INTENT_NAME, complete_publication, publish_together
from extractor.tables.writers import TableSink


def finished_sinks(folder, text):
    sinks = []
    for table in ("facts", "trials", "errors"):
        sink = TableSink(folder, table, "csv")
        sink.append([{"doc_id": text, "id": text, "record_id": text}])
        sink.finish()
        sinks.append(sink)
    return sinks


def test_publish_together_moves_every_file_and_leaves_no_intent(tmp_path):
    sinks = finished_sinks(tmp_path, "NCT01")
    published = publish_together(tmp_path, sinks)
    assert [p.name for p in published] == ["facts.csv", "trials.csv", "errors.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv", "facts.csv", "trials.csv"]


def test_a_publication_killed_after_one_move_is_completed_by_the_next_run(tmp_path):
    for sink in finished_sinks(tmp_path, "old"):
        sink.publish()
    sinks = finished_sinks(tmp_path, "new")
    # What a kill between the first and the second move leaves: the intent, one table moved, two parts.
    moves = [[s.part.name, s.path.name] for s in sinks]
    (tmp_path / INTENT_NAME).write_text(json.dumps({"moves": moves}))
    os.replace(sinks[0].part, sinks[0].path)
    assert "new" not in (tmp_path / "trials.csv").read_text(), "the tables disagree until completed"

    moved = complete_publication(tmp_path)

    assert [p.name for p in moved] == ["trials.csv", "errors.csv"]
    assert all("new" in (tmp_path / f"{t}.csv").read_text() for t in ("facts", "trials", "errors"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv", "facts.csv", "trials.csv"]
    assert complete_publication(tmp_path) == [], "nothing left to do"


def test_an_intent_never_moves_files_from_or_to_another_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "secret").write_text("x")
    moves = [["../secret", "facts.csv"], [".facts.csv.part", "../escaped.csv"]]
    (tmp_path / "out" / ".facts.csv.part").write_text("y")
    (tmp_path / "out" / INTENT_NAME).write_text(json.dumps({"moves": moves}))
    assert complete_publication(tmp_path / "out") == []
    assert (tmp_path / "secret").exists() and not (tmp_path / "escaped.csv").exists()
    assert not (tmp_path / "out" / INTENT_NAME).exists()


def test_a_damaged_intent_is_left_alone(tmp_path):
    (tmp_path / INTENT_NAME).write_text('{"moves": [["a"')
    (tmp_path / ".facts.csv.part").write_text("y")
    assert complete_publication(tmp_path) == []
    assert (tmp_path / INTENT_NAME).exists() and (tmp_path / ".facts.csv.part").exists()


def test_an_intent_killed_half_written_is_removed_and_moves_nothing(tmp_path):
    (tmp_path / (INTENT_NAME + ".tmp")).write_text('{"moves": [[".facts.csv.part", "fac')
    (tmp_path / ".facts.csv.part").write_text("y")
    assert complete_publication(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".facts.csv.part"]


def test_files_of_another_folder_are_refused_before_anything_moves(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sinks = finished_sinks(tmp_path / "a", "x")[:1] + finished_sinks(tmp_path / "b", "y")[:1]
    with pytest.raises(ValueError, match="within"):
        publish_together(tmp_path / "a", sinks)
    assert not (tmp_path / "a" / "facts.csv").exists() and not (tmp_path / "a" / INTENT_NAME).exists()


def test_data_reaches_the_disk_before_the_moves_and_the_moves_before_the_intent_goes(tmp_path, monkeypatch):
    """After a power loss a table is the old one or the new one, whole: what fsync orders (each flush as seen
    by os.fsync: a file's data, or a folder's entries)."""
    import extractor.tables.publication as publication

    events = []
    real_fsync, real_replace, real_unlink = os.fsync, os.replace, type(tmp_path).unlink

    def fsync(fd):
        path = os.readlink(f"/proc/self/fd/{fd}")
        events.append(("fsync", "folder" if os.path.isdir(path) else os.path.basename(path)))
        real_fsync(fd)

    def replace(source, target):
        events.append(("move", os.path.basename(target)))
        real_replace(source, target)

    def unlink(self, missing_ok=False):
        events.append(("unlink", self.name))
        real_unlink(self, missing_ok=missing_ok)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to name the file a descriptor is open on")
    sinks = finished_sinks(tmp_path, "NCT01")
    monkeypatch.setattr(publication.os, "fsync", fsync)  # the os module: the writers' moves are seen too
    monkeypatch.setattr(publication.os, "replace", replace)
    monkeypatch.setattr(type(tmp_path), "unlink", unlink)
    publish_together(tmp_path, sinks)

    parts = [("fsync", s.part.name) for s in sinks]
    intent = [("fsync", INTENT_NAME + ".tmp"), ("move", INTENT_NAME), ("fsync", "folder")]
    tables = [("move", s.path.name) for s in sinks]
    assert events == [*parts, *intent, *tables, ("fsync", "folder"), ("unlink", INTENT_NAME)]
