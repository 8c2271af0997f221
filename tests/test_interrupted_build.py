"""Nothing half-written: a build that fails never leaves a broken PDF,
model.json or readability report under its final name.

coproduction.atomic writes each output beside its final name and renames it
into place. The tests below make the write or the rename fail, deterministically,
and check that the old file is still whole and no temporary file is left.
(A killed process cannot clean up, so a `.part` file may be left then; the
final name still holds the old or the new complete file.)
The site as a whole is built beside site/ and swapped in only when complete
(the plugin's last stage), so a failed build leaves the last good outputs in place.
"""
from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from coproduction import atomic


class _DiskFullHalfway:
    """A file that takes half of what is written to it, then fails as a full disk would."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


OLD = b'{"old": "complete"}\n'
NEW = b'{"new": "' + b"x" * 100_000 + b'"}\n'


def _only_the_old_file_is_there(folder: Path, target: Path) -> None:
    assert target.read_bytes() == OLD
    assert [p.name for p in folder.iterdir()] == [target.name], "a temporary file was left behind"


def test_a_write_that_fails_part_way_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "model.json"
    target.write_bytes(OLD)
    real_open = io.open

    def failing_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _DiskFullHalfway(handle) if any(m in mode for m in "wax") else handle

    # os.fdopen and Path.write_bytes both open files through io.open.
    monkeypatch.setattr(io, "open", failing_open)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_bytes(target, NEW)
    monkeypatch.undo()
    _only_the_old_file_is_there(tmp_path, target)


def test_a_rename_that_fails_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "model.json"
    target.write_bytes(OLD)

    def failing_replace(source, destination):
        # Everything is written by now, but not yet under the final name.
        assert Path(destination).read_bytes() == OLD
        assert Path(source).read_bytes() == NEW
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="cross-device"):
        atomic.write_bytes(target, NEW)
    monkeypatch.undo()
    _only_the_old_file_is_there(tmp_path, target)


def test_the_new_file_appears_whole_in_one_rename(tmp_path, monkeypatch):
    target = tmp_path / "deep" / "model.json"
    target.parent.mkdir()
    target.write_bytes(OLD)
    renames = []
    real_replace = os.replace

    def watching_replace(source, destination):
        assert Path(destination).read_bytes() == OLD  # never half old, half new
        renames.append((Path(source).parent, Path(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", watching_replace)
    atomic.write_text(target, NEW.decode())
    assert renames == [(target.parent, target)]  # written beside it: a rename on one filesystem
    assert target.read_bytes() == NEW
    assert oct(target.stat().st_mode & 0o777) == "0o644"  # readable by the web server, like other files
    assert [p.name for p in target.parent.iterdir()] == ["model.json"]


# A whole failed build leaving the last good site (outputs, PDFs and pages) in place,
# for a broken link found only at the end of a strict build among other failures:
# test_hostile_content.py::test_a_failed_build_leaves_the_last_good_site.
