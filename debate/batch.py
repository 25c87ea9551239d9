"""Worker processes for a classroom batch: one event loop cannot use a second core.

A debate against a hosted model mostly waits, but it still needs ~75-100 ms of CPU in the
event loop (stream parsing, the fact check, the judge, saves), which caps one process at
about 5x for 8 debates at once. ``Workers`` spreads a batch over W processes, each running
its share of the debates in its own event loop, ``ceil(jobs / W)`` at a time.

- "spawn", never fork: the parent may be inside a running event loop and has threads.
- Started before the parent's own setup, since their imports take ~1 s; each loads the
  settings, corpus and search index (from its disk cache) once, then runs a whole share.
- One single-process executor per worker, so a worker that dies breaks only its own share:
  its unfinished debates are failed and their partial transcripts kept.
- Each worker has a pipe to the parent: progress and outcomes go up, "stop" comes down.
  Workers ignore SIGINT; on ctrl-c the parent asks them to stop, they cancel their debates
  (which save themselves as stopped) and exit, and the parent writes the summary.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path

from debate.classroom import Entry, Outcome, Progress, _save_views, finished, run_entries
from debate.config import Settings
from debate.errors import UserError
from debate.transcript import Transcript, load_transcript

FORKSERVER = multiprocessing.get_context("forkserver")
STOP_GRACE = 10.0  # seconds stopped workers get to save their debates before they are killed


def cpu_count() -> int:
    return (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1


def start_workers(settings: Settings, jobs: int, debates: int) -> Workers | None:
    """Processes for ``debates`` debates run ``jobs`` at a time, or None: run them in this one."""
    count = min(cpu_count(), jobs, debates)
    return Workers(settings, count) if count > 1 else None


class Workers:
    """``count`` worker processes, started now; ``run`` uses them once, then they exit."""

    def __init__(self, settings: Settings, count: int):
        self.settings, self._count = settings, count
        self._executors: list[ProcessPoolExecutor] = []
        self._pipes: list[Connection] = []
        self._ready: list[Future] = []  # each worker's pid, once its imports are done
        self.usage: list[dict] = []  # each worker's CPU seconds and peak RSS, when its share is done
        preload = ["debate.batch", "debate.judge", "debate.render"]
        if settings.backend_name == "openai":
            # The openai package is slow to import, and loads its chat resources on first use.
            preload += ["debate.backends.openai_backend", "openai.resources.chat", "openai.types.chat"]
        FORKSERVER.set_forkserver_preload(preload)  # imported once; each worker is a fork of that
        with _sigint_ignored():  # the fork server and so the workers ignore it
            multiprocessing.forkserver.ensure_running()
        # Starting a process waits for the fork server's imports: do that away from the caller.
        self._starting = threading.Thread(target=self._start, args=(count,), daemon=True)
        self._starting.start()

    def _start(self, count: int) -> None:
        for _ in range(count):
            ours, theirs = FORKSERVER.Pipe()
            executor = ProcessPoolExecutor(1, mp_context=FORKSERVER, initializer=_start, initargs=(self.settings, theirs))
            self._ready.append(executor.submit(os.getpid))
            theirs.close()  # the child has its own copy: its exit shows here as end-of-file
            self._executors.append(executor)
            self._pipes.append(ours)

    @property
    def count(self) -> int:
        return self._count

    def pids(self) -> list[int | None]:
        return [f.result() if f.done() and not f.cancelled() and f.exception() is None else None
                for f in self._ready]

    async def run(self, todo: list[Entry], folder: Path, jobs: int, progress: Progress,
                  outcomes: dict[int, Outcome]) -> None:
        """Run ``todo`` in the workers, filling ``outcomes`` (and ``progress``) as debates end."""
        loop = asyncio.get_running_loop()
        by_number = {e.number: e for e in todo}
        quiet: set[int] = set()  # workers that said "done" or whose pipe ended: all heard
        all_heard = asyncio.Event()

        def on_message(worker: int, message: tuple) -> None:
            if message[0] == "step":
                progress.step(*message[1:])
            elif message[0] == "finish":
                number, status, error, seconds, data = message[1:]
                transcript = Transcript.from_dict(data) if data else None
                outcomes[number] = Outcome(by_number[number], status, transcript, error, seconds)
                progress.finish(outcomes[number])
            else:  # "done", or "gone" when the pipe ended
                if message[0] == "done":
                    self.usage.append({"cpu_s": message[1], "peak_rss_mb": message[2]})
                quiet.add(worker)
                if len(quiet) == self.count:
                    all_heard.set()

        await asyncio.to_thread(self._starting.join)
        threading.Thread(target=_listen, args=(self._pipes, loop, on_message), daemon=True).start()
        shares = [todo[i::self.count] for i in range(self.count)]
        futures = [asyncio.wrap_future(executor.submit(_run_share, share, folder, math.ceil(jobs / self.count)))
                   for executor, share in zip(self._executors, shares)]
        try:
            await asyncio.wait(futures)
        except asyncio.CancelledError:
            self._stop()
            _, pending = await asyncio.wait(futures, timeout=STOP_GRACE)
            if pending:
                await asyncio.to_thread(self.close, kill=True)
            raise
        finally:
            try:
                await asyncio.wait_for(all_heard.wait(), 5)
            except TimeoutError:
                pass
        for future, share in zip(futures, shares):
            error = _crash(future)
            for entry in share:
                if error and entry.number not in outcomes:
                    outcomes[entry.number] = _lost(entry, folder, self.settings, error)
                    progress.finish(outcomes[entry.number])

    def _stop(self) -> None:
        for pipe in self._pipes:
            try:
                pipe.send(("stop",))
            except OSError:  # that worker is gone already
                pass

    def close(self, kill: bool = False) -> None:
        """Wait for the processes to exit (after killing them when ``kill``); safe to call twice."""
        self._starting.join()
        if kill:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except (OSError, TypeError):
                    pass
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)


def _crash(future: asyncio.Future) -> str:
    """Why a worker's share ended without reporting all its debates ('' when it ended well)."""
    if not future.done() or future.cancelled() or future.exception() is None:
        return ""
    exc = future.exception()
    return "its worker process died" if isinstance(exc, BrokenProcessPool) else f"worker error: {exc}"


def _lost(entry: Entry, folder: Path, settings: Settings, error: str) -> Outcome:
    """A debate whose worker died: done if its transcript was saved complete, else failed,
    with the partial transcript (if any) kept and marked failed."""
    path = entry.path(folder, ".json")
    done = finished(path, entry.spec, settings)
    if done is not None:
        return Outcome(entry, "done", done)
    try:
        partial = load_transcript(path) if path.is_file() else None
    except UserError:
        partial = None
    if partial is not None:
        partial.status, partial.error = "failed", error
        _save_views(partial, entry, folder)
    return Outcome(entry, "failed", partial, error=error)


def _listen(pipes: list[Connection], loop: asyncio.AbstractEventLoop, handle) -> None:
    """(Parent thread) hand every worker message to the event loop until all pipes have ended."""
    open_pipes = {pipe: n for n, pipe in enumerate(pipes)}
    try:
        while open_pipes:
            for pipe in wait(list(open_pipes)):
                try:
                    message = pipe.recv()
                except (EOFError, OSError):
                    message = ("gone",)
                    loop.call_soon_threadsafe(handle, open_pipes.pop(pipe), message)
                    continue
                loop.call_soon_threadsafe(handle, open_pipes[pipe], message)
    except RuntimeError:  # the event loop has closed: nobody is listening any more
        pass


@contextmanager
def _sigint_ignored():
    """Processes spawned meanwhile inherit SIGINT ignored: a terminal's ctrl-c reaches the whole
    process group, and stopping is the parent's call (it must wait for the workers' saves)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# ---- in the worker -------------------------------------------------------------------------------

_pipe: Connection | None = None
_settings: Settings | None = None
_corpus = None


def _start(settings: Settings, pipe: Connection) -> None:
    """Load what every debate needs, once, while the parent does its own setup."""
    global _pipe, _settings, _corpus
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from debate.evidence.verifier import verifier_for
    from debate.judge import judge_for  # noqa: F401
    from debate.render import render  # noqa: F401
    from debate.runner import corpus_for

    _pipe, _settings = pipe, settings
    _corpus = corpus_for(settings)
    verifier_for(_corpus)  # and the search index, from its disk cache
    if settings.backend_name == "openai":
        import debate.backends.openai_backend  # noqa: F401  (the openai package is slow to import)


def _run_share(share: list[Entry], folder: Path, jobs: int) -> None:
    try:
        if not _pipe.poll():  # unless told to stop before this share began
            asyncio.run(_share(share, folder, jobs))
    finally:
        use = resource.getrusage(resource.RUSAGE_SELF)
        # After every event of this share, so the parent has heard them all; with its CPU and peak memory.
        _pipe.send(("done", use.ru_utime + use.ru_stime, use.ru_maxrss / 1024))


async def _share(share: list[Entry], folder: Path, jobs: int) -> None:
    loop, task = asyncio.get_running_loop(), asyncio.current_task()

    def stop() -> None:  # any message from the parent (or its end closing) means stop
        loop.remove_reader(_pipe.fileno())
        task.cancel()

    loop.add_reader(_pipe.fileno(), stop)
    try:
        await run_entries(share, folder, _settings, _corpus, jobs=jobs, progress=_Relay(), outcomes={})
    except asyncio.CancelledError:
        pass  # the debates saved themselves as stopped; the parent counts the unreported ones so
    finally:
        loop.remove_reader(_pipe.fileno())


class _Relay:
    """The worker's progress display: every event goes to the parent's."""

    def step(self, stem: str, what: str) -> None:
        _pipe.send(("step", stem, what))

    def finish(self, o: Outcome) -> None:
        _pipe.send(("finish", o.entry.number, o.status, o.error, o.seconds,
                    o.transcript.to_dict() if o.transcript else None))

    def close(self) -> None:
        pass
