"""Every failed write names the file and what was being written (issue 23, class 9; issue 27's locked workbook).

A full disk and a file held open by Excel are simulated where the write happens (the fsync, the rename), since
neither can be made for real in a test; the old file must stay as it was and no temporary file be left.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import pages, pages_without_tables

from vsslib import cli
from vsslib.errors import WriteError
from vsslib.fileio import atomic_write_bytes


def full_disk(*_args):
    raise OSError(errno.ENOSPC, "No space left on device")


def held_open(self, target):
    raise PermissionError(errno.EACCES, "Permission denied", str(self))


@pytest.mark.parametrize(
    ("where", "broken", "said"),
    [
        ("os.fsync", full_disk, "No space left on device (the disk is full)"),
        ("pathlib.Path.replace", held_open, "close it where it is open (Excel holds its workbooks)"),
    ],
    ids=["full disk", "held open by Excel"],
)
def test_a_failed_write_names_the_file_and_keeps_the_old_one(tmp_path, monkeypatch, where, broken, said):
    book = tmp_path / "vss-2021-08.xlsx"
    book.write_bytes(b"the good workbook")
    monkeypatch.setattr(where, broken)
    with pytest.raises(WriteError) as failed:
        atomic_write_bytes(book, b"a new workbook")
    assert str(failed.value).startswith(f"cannot write {book}: ") and said in str(failed.value)
    assert book.read_bytes() == b"the good workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vss-2021-08.xlsx"]  # no temporary file left


def test_vss_export_on_a_full_disk_says_which_file_and_exits_2(tmp_path, monkeypatch, capsys):
    reports = pages_without_tables(tmp_path / "reports", "2019-04")
    monkeypatch.setattr("os.fsync", full_disk)
    out = tmp_path / "out"
    out.mkdir()
    status = cli.main(["export", "--period", "2019-04", "--out", str(out), "--reports-dir", str(reports)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"vss export: error: cannot write {out / 'vss-2019-04.xlsx'}: No space left on device" in err
    assert "Traceback" not in err and list(out.iterdir()) == []


def test_vss_export_whose_csv_cannot_be_written_leaves_neither_file_new(tmp_path, monkeypatch, capsys):
    """Attack: the disk fills between the workbook and the CSV; once the new workbook stayed beside the old CSV."""
    import os

    reports = pages_without_tables(tmp_path / "reports", "2019-04")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    book, table = tmp_path / "vss-2019-04.xlsx", tmp_path / "vss-fakta-2019-04.csv"
    book.write_bytes(b"the old workbook")
    table.write_bytes(b"the old csv")
    real, calls = os.fsync, []

    def second_fails(fd):
        calls.append(fd)
        return full_disk() if len(calls) == 2 else real(fd)

    monkeypatch.setattr("os.fsync", second_fails)
    command = ["export", "--period", "2019-04", "--out", str(tmp_path), "--force", "--reports-dir", str(reports)]
    assert cli.main(command) == 2
    assert f"cannot write {table}: No space left on device" in capsys.readouterr().err
    assert (book.read_bytes(), table.read_bytes()) == (b"the old workbook", b"the old csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [book.name, table.name]


def test_a_workbook_held_open_in_excel_fails_alone_and_says_which_file_to_close(tmp_path, monkeypatch):
    """Issue 27: vss-2019-04.xlsx open in Excel (Windows refuses to replace it); 2019-08's is still written."""
    from vsslib import paths
    from vsslib.publish.run import write_workbook

    pages_without_tables(tmp_path, "2019-04", "2019-08")
    held = tmp_path / "2019-04" / "vss-2019-04.xlsx"
    held.write_bytes(b"the workbook open in Excel")
    real = Path.replace

    def excel_holds(self, target):  # Windows: a file open in Excel can be neither renamed nor replaced
        return held_open(self, target) if held in (Path(self), Path(target)) else real(self, target)

    monkeypatch.setattr("pathlib.Path.replace", excel_holds)
    done = [
        write_workbook(str(paths.layout().data), p, str(tmp_path / p), "key", pages()) for p in ("2019-04", "2019-08")
    ]
    (first, files, error), (second, written, no_error) = done
    assert (first, files, second, no_error) == ("2019-04", None, "2019-08", None)
    assert (
        error == f"cannot write {held}: Permission denied (close it where it is open (Excel holds its workbooks) "
        "or make it writable, and run again)"
    )
    assert held.read_bytes() == b"the workbook open in Excel"
    assert str(tmp_path / "2019-08" / "vss-2019-08.xlsx") in written


def test_vss_export_keeps_a_file_already_there_unless_forced(tmp_path, capsys):
    """Attack: `vss export --out DIR` where DIR holds the analyst's own vss-2019-04.xlsx: once replaced silently."""
    reports = pages_without_tables(tmp_path / "reports", "2019-04")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    mine = tmp_path / "vss-2019-04.xlsx"
    mine.write_bytes(b"my workbook with notes")
    command = ["export", "--period", "2019-04", "--out", str(tmp_path), "--reports-dir", str(reports)]
    assert cli.main(command) == 2
    assert f"cannot write {mine}: it is there already and is not replaced (vss export --force replaces it)" in (
        capsys.readouterr().err
    )
    assert mine.read_bytes() == b"my workbook with notes" and len(list(tmp_path.iterdir())) == 1
    assert cli.main([*command, "--force"]) == 0
    assert mine.read_bytes().startswith(b"PK")  # a workbook now


def test_vss_export_into_the_published_reports_is_refused(tmp_path, capsys):
    from vsslib.publish.ownership import claim_reports_dir

    claim_reports_dir(tmp_path / "reports")
    assert cli.main(["export", "--period", "2019-04", "--out", str(tmp_path / "reports" / "2019-04")]) == 2
    assert "vss build" in capsys.readouterr().err and not (tmp_path / "reports" / "2019-04").exists()


def test_a_published_workbook_changed_since_the_build_wrote_it_is_kept_and_named(tmp_path):
    """Attack: an analyst saves notes into reports/2019-04/vss-2019-04.xlsx; once the next build replaced it."""
    from vsslib import paths
    from vsslib.publish.run import write_workbook

    pages_without_tables(tmp_path, "2019-04")
    job = (str(paths.layout().data), "2019-04", str(tmp_path / "2019-04"), "key", pages())
    (_, written, error) = write_workbook(*job)
    assert error is None
    book = tmp_path / "2019-04" / "vss-2019-04.xlsx"
    book.write_bytes(book.read_bytes() + b"notes")  # saved again from Excel, with a sheet of one's own
    edited = book.read_bytes()
    (_, written, error) = write_workbook(*job)
    assert written is None and f"cannot write {book}: it is there already and is not replaced (it was changed" in error
    assert book.read_bytes() == edited
    book.unlink()
    (_, written, error) = write_workbook(*job)
    assert error is None and book.exists()


def test_a_facts_csv_held_open_in_excel_leaves_its_workbook_as_it_was(tmp_path, monkeypatch, capsys):
    """Review of issue 27: the CSV (written second) open in Excel; once the workbook was replaced already and the
    next build then took its own workbook for one the analyst had changed."""
    from vsslib import paths
    from vsslib.publish.run import write_workbook

    pages_without_tables(tmp_path, "2019-04")
    (_, _, error) = write_workbook(str(paths.layout().data), "2019-04", str(tmp_path / "2019-04"), "key", pages())
    assert error is None
    book, table = tmp_path / "2019-04" / "vss-2019-04.xlsx", tmp_path / "2019-04" / "vss-fakta-2019-04.csv"
    before = (book.read_bytes(), table.read_bytes())
    real = Path.replace

    def excel_holds_the_csv(self, target):  # Windows: a file open in Excel can be neither renamed nor replaced
        return held_open(self, target) if table in (Path(self), Path(target)) else real(self, target)

    monkeypatch.setattr("pathlib.Path.replace", excel_holds_the_csv)
    import vsslib.publish.workbook as workbook

    monkeypatch.setattr(workbook, "facts_csv", lambda facts: b"a new csv")  # so that something would change
    again = (str(paths.layout().data), "2019-04", str(tmp_path / "2019-04"), "key2", pages())
    (_, written, error) = write_workbook(*again)
    assert written is None and f"cannot write {table}: Permission denied (close it where it is open" in error
    assert (book.read_bytes(), table.read_bytes()) == before
    assert sorted(p.name for p in book.parent.iterdir() if p.name.startswith(".") and p.suffix == ".tmp") == []
    monkeypatch.setattr("pathlib.Path.replace", real)  # Excel closed: the next build writes both, no accusation
    (_, written, error) = write_workbook(*again)
    assert error is None and table.read_bytes() == b"a new csv"
