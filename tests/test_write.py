"""The write stage: changed files only, never a file it does not own, never a lost edit."""

import json

import pytest

from generator.problems import SeedError
from generator.write.files import JOURNAL, MANIFEST, recover, write


def test_writes_then_rewrites_nothing(tmp_path):
    docs = tmp_path / "docs"
    first = write({"vi/a.md": "A", "en/a.md": "B"}, docs)
    assert first.written == ["en/a.md", "vi/a.md"]
    again = write({"vi/a.md": "A", "en/a.md": "B"}, docs)
    assert (again.written, again.deleted, again.unchanged) == ([], [], 2)


def test_only_changed_files_are_written_and_stale_ones_deleted(tmp_path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "A", "vi/old/b.md": "B"}, docs)
    report = write({"vi/a.md": "A2"}, docs)
    assert (report.written, report.deleted) == (["vi/a.md"], ["vi/old/b.md"])
    assert not (docs / "vi/old").exists()
    assert json.loads((docs / MANIFEST).read_text())["files"].keys() == {"vi/a.md"}


def test_never_overwrites_a_hand_written_file(tmp_path):
    docs = tmp_path / "docs"
    (docs / "vi").mkdir(parents=True)
    (docs / "vi/glossary.md").write_text("hand-written")
    with pytest.raises(SeedError) as error:
        write({"vi/glossary.md": "generated"}, docs)
    assert (docs / "vi/glossary.md").read_text() == "hand-written"
    assert "a file that the generator did not write is in the way" in str(error.value)


def test_a_hand_edit_of_a_generated_page_names_the_seed_to_edit(tmp_path):
    docs = tmp_path / "docs"
    page = '---\ngenerated_from: "seeds/x/facts.yml"\n---\n# T\n'
    write({"vi/x.md": page}, docs)
    (docs / "vi/x.md").write_text(page + "my edit\n")
    with pytest.raises(SeedError) as error:
        write({"vi/x.md": page.replace("T", "T2")}, docs)
    assert str(error.value).splitlines()[1:] == [
        "docs/vi/x.md: this generated page was edited by hand; the edit would be lost on the next build",
        "    fix: make the change in seeds/x/facts.yml instead, then delete docs/vi/x.md (or undo the edit)",
    ]
    assert (docs / "vi/x.md").read_text().endswith("my edit\n")


def test_an_interrupted_run_is_completed_by_the_next(tmp_path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "old", "vi/b.md": "old"}, docs)
    # State after a kill between the journal and the renames: temp files and a journal.
    (docs / "vi/.a.md.tmp-1").write_text("new")
    (docs / JOURNAL).write_text(json.dumps({"rename": [["vi/.a.md.tmp-1", "vi/a.md"]], "delete": ["vi/b.md"], "manifest": {"vi/a.md": "x"}}))
    recover(docs)
    assert (docs / "vi/a.md").read_text() == "new"
    assert not (docs / "vi/b.md").exists() and not (docs / JOURNAL).exists()
