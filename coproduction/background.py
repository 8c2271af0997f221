"""Run one slow job in another process while the build goes on.

Making the PDF takes over a second (most of it importing WeasyPrint), and
checking every page for plain English takes about as long on a big site. Both
are plain Python, so threads would take turns; a second process lets them run
side by side on a second core. The job only computes: it returns its result
and the build writes the files, so stopping the build part-way leaves nothing
behind.
"""
from __future__ import annotations

import multiprocessing
import traceback
from typing import Any, Callable

from .errors import ContentError


def _run(connection, job: Callable, args: tuple) -> None:
    try:
        connection.send(("done", job(*args)))
    except ContentError as err:  # a problem in the content: the build explains it
        connection.send(("content", err))
    except BaseException:  # a bug: pass the whole story on
        connection.send(("crash", traceback.format_exc()))
    finally:
        connection.close()


class Finished:
    """A result that was ready at once (for example, from the cache)."""

    def __init__(self, value: Any):
        self.value = value

    def result(self) -> Any:
        return self.value

    def cancel(self) -> None:
        pass


class Background:
    """`job(*args)` in a new Python process. `result()` waits for it."""

    def __init__(self, job: Callable, *args: Any):
        # "spawn": a fresh interpreter. Forking a process that may have threads
        # (as `mkdocs serve` does) can leave locks held in the child.
        context = multiprocessing.get_context("spawn")
        self._receive, send = context.Pipe(duplex=False)
        # daemon: if the build stops, the job stops with it.
        self._process = context.Process(target=_run, args=(send, job, args), daemon=True,
                                        name=f"background {getattr(job, '__name__', 'job')}")
        self._process.start()
        send.close()  # the child holds its own copy; ours must go so a dead child means EOF
        self._outcome: tuple | None = None

    def result(self) -> Any:
        if self._outcome is None:
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                self._process.join()
                self._outcome = ("crash", f"The background job stopped without an answer "
                                          f"(exit code {self._process.exitcode}).")
            self._process.join()
        kind, value = self._outcome
        if kind == "content":
            raise value
        if kind == "crash":
            raise RuntimeError(value)
        return value

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
