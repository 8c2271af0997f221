"""Jobs in another process (the PDF) report back exactly as they would in-process."""
from __future__ import annotations

import os
import time

import pytest

from coproduction.background import Background, Finished
from coproduction.errors import ContentError


# Jobs live at module level: a spawned process finds them by importing this file.
def add(a, b):
    return a + b


def content_problem():
    raise ContentError("data/model.yml", "The page overflows by 3 mm", "Shorten step 3", line=101)


def bug():
    raise ZeroDivisionError("a bug in the renderer")


def dies():
    os._exit(3)


def sleeps():
    time.sleep(60)


def test_a_result_comes_back():
    assert Background(add, 2, 3).result() == 5
    assert Finished("cached").result() == "cached"


def test_a_content_error_comes_back_whole_so_the_build_can_explain_it():
    with pytest.raises(ContentError) as caught:
        Background(content_problem).result()
    error = caught.value
    assert (error.file, error.line, error.problem, error.fix) == (
        "data/model.yml", 101, "The page overflows by 3 mm", "Shorten step 3")
    assert str(error) == "data/model.yml:101: The page overflows by 3 mm. Shorten step 3."


def test_a_bug_comes_back_with_its_traceback():
    with pytest.raises(RuntimeError, match=r"(?s)Traceback.*ZeroDivisionError: a bug in the renderer"):
        Background(bug).result()


def test_a_job_that_dies_is_reported_not_waited_for():
    with pytest.raises(RuntimeError, match="exit code 3"):
        Background(dies).result()


def test_cancel_stops_the_job():
    job = Background(sleeps)
    started = time.monotonic()
    job.cancel()
    assert not job._process.is_alive()
    assert time.monotonic() - started < 30
