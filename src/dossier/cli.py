"""The ``dossier`` command line (Typer). Each command is a thin wrapper over the Python API."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from dossier.errors import DossierError, IngestError
from dossier.ingest import IngestOptions, iter_paths
from dossier.ingest.containers import is_container
from dossier.ingest.decode import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from dossier.pipeline import LinkPlan

app = typer.Typer(
    name="dossier",
    help="Turn a pile of documents about an event into a sourced event dossier.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

#: exit code of ``dossier build`` when some inputs were refused (the rest was built)
EXIT_REFUSED = 3

DbOpt = Annotated[Path, typer.Option("--db", help="The dossier database (an SQLite file).")]


@app.command("build")
def build_cli(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders (walked recursively) or glob patterns.")
    ],
    db: DbOpt,
    model: Annotated[
        str | None,
        typer.Option(help="Any installed spaCy pipeline, by name or path (default: en_core_web_sm)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) of the source, when the text has none.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Force the document kind: news, encyclopedia or other.")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse sources larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    max_chars: Annotated[
        int, typer.Option(help="Refuse documents whose cleaned text is longer than this many characters.")
    ] = DEFAULT_MAX_CHARS,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes for annotation (default: one per core)."),
    ] = None,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (with --engine dask; default: a LocalCluster).")
    ] = None,
    dedupe: Annotated[
        bool, typer.Option(help="Keep near-copies of stored documents as extra sources, not new documents.")
    ] = True,
    allow_private: Annotated[
        bool,
        typer.Option(help="Allow URLs on loopback, private and link-local addresses (refused by default)."),
    ] = False,
    full_link: Annotated[
        bool,
        typer.Option(help="Link every document again, not only the added ones and those they touch."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, annotate, store and link SOURCES (files, folders, globs, http(s) URLs) into the dossier at --db.

    Stopped builds resume: run the same command again and it finishes the work without
    redoing or duplicating what was stored. Documents added to a linked dossier are linked
    with the stored documents they touch, not with all of them, while they are few (see
    'dossier relink').
    """
    from dossier.pipeline import build, default_jobs, open_store

    if kind not in (None, "news", "encyclopedia", "other"):
        raise typer.BadParameter("--kind must be news, encyclopedia or other")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("--engine must be local or dask")
    options = IngestOptions(max_bytes=max_bytes, max_chars=max_chars, kind=kind, allow_private=allow_private)
    paths = [p for p in iter_paths(sources) if not isinstance(p, IngestError)]
    # a JSONL or WARC file holds an unknown number of documents: no total then
    total = None if any(is_container(p) for p in paths) else len(paths)
    progress = _bar("building", quiet, MofNCompleteColumn(), TextColumn("{task.fields[rate]}"))
    with progress, _fail_cleanly(), open_store(db) as store:
        task = progress.add_task("build", total=total or None, rate="")

        def advance(path: str) -> None:
            progress.advance(task)
            speed = progress.tasks[task].speed
            progress.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

        linked = _LinkProgress(quiet)

        def linking(n: int) -> None:
            progress.stop()
            linked.start(n)

        common: dict[str, Any] = {
            "model": model,
            "options": options,
            "published": published,
            "on_document": advance,
            "dedupe": dedupe,
            "on_link": linking,
            "on_link_record": linked.advance,
            "on_link_plan": linked.plan,
            "full_link": full_link,
        }

        try:
            if engine == "dask":
                from dossier.scale.dask import build_with_dask

                report = build_with_dask(
                    sources, store, scheduler=scheduler, workers=jobs or default_jobs(), **common
                )
            else:
                report = build(sources, store, jobs=jobs or default_jobs(), **common)
        finally:
            linked.stop()
    for refusal in report.refused:
        err.print(f"[yellow]refused[/] {refusal.path}: {refusal.reason}", highlight=False, soft_wrap=True)
    err.print(
        f"{report.added} added ({report.versions} as new versions), {report.skipped} already stored, "
        f"{report.duplicates} kept as copies of stored documents, {len(report.refused)} refused; "
        f"{report.documents} documents in {db}",
        highlight=False,
        soft_wrap=True,
    )
    if report.refused:
        raise typer.Exit(EXIT_REFUSED)


@app.command("relink")
def relink_cli(
    db: DbOpt,
    force: Annotated[
        bool, typer.Option("--force", help="Link again even when the view is up to date.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Recompute the cross-document view of the dossier at --db (entities, timeline,
    conflicts) from every document: 'dossier build' does it when documents were added (only
    for the new ones and those they touch, while they are few: this makes the view exact
    again) and when the version of dossier that made the view differs; --force links again
    anyway."""
    from dossier.pipeline import relink
    from dossier.store import SQLiteStore

    linked = _LinkProgress(quiet)
    with _fail_cleanly(), SQLiteStore(db, must_exist=True) as store:
        try:
            ran = relink(store, force=force, full=True, on_start=linked.start, on_record=linked.advance,
                         on_plan=linked.plan)
        finally:
            linked.stop()
        documents = store.counts()["documents"]
    err.print(f"linked {documents} documents in {db}" if ran else f"the view of {db} is up to date",
              highlight=False, soft_wrap=True)


def _bar(label: str, quiet: bool, *counts: ProgressColumn) -> Progress:
    """A progress bar on stderr: the label, the bar, ``counts``, elapsed time and eta."""
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        *counts,
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )


class _LinkProgress:
    """The link stage's progress: every document read once per pass, with elapsed time and eta."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = _bar("linking", quiet, TextColumn("{task.fields[passes]}"))
        self.task = self.bar.add_task("link", total=None, passes="", start=False)

    def plan(self, plan: LinkPlan) -> None:
        if self.quiet:
            return
        if plan.mode == "incremental":
            new, touched = plan.new, plan.documents - plan.new
            err.print(f"linking {new} new document{'s' * (new != 1)} with the {touched} stored "
                      f"one{'s' * (touched != 1)} {'they touch' if new != 1 else 'it touches'}…", highlight=False)
        else:
            why = f" ({plan.why})" if plan.why and plan.why != "no linked view yet" else ""
            err.print(f"linking {plan.documents} documents{why}…", highlight=False)

    def start(self, documents: int) -> None:
        from dossier.link import LINK_PASSES

        self.bar.update(self.task, total=LINK_PASSES * documents,
                        passes=f"{LINK_PASSES} passes over {documents} documents")
        self.bar.start_task(self.task)
        self.bar.start()

    def advance(self) -> None:
        self.bar.advance(self.task)

    def stop(self) -> None:
        self.bar.stop()


@app.command("export")
def export_cli(
    db: DbOpt,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Export format (json: the dossier.export/1 contract).")
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of to stdout.")
    ] = None,
) -> None:
    """Export the dossier at --db."""
    import dossier

    if fmt == "json":  # the contract is written as it is made: a large dossier is never held whole
        from dossier.present.export import write_export

        with _fail_cleanly(), dossier.open(db) as d:
            if output is None:
                write_export(d.store, sys.stdout)
                sys.stdout.write("\n")
                return
            output.parent.mkdir(parents=True, exist_ok=True)
            # written beside the target and renamed over it once complete: a failed export
            # leaves neither a truncated file nor the loss of an earlier one
            partial = output.with_name(output.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8") as fh:
                    write_export(d.store, fh)
                    fh.write("\n")
                partial.replace(output)
            finally:
                partial.unlink(missing_ok=True)
        err.print(f"wrote {output}", highlight=False)
        return
    with _fail_cleanly(), dossier.open(db) as d:
        text = d.render(fmt)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {output}", highlight=False)


@app.command("report")
def report_cli(
    db: DbOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
) -> None:
    """Write a self-contained HTML report of the dossier at --db."""
    import dossier

    with _fail_cleanly(), dossier.open(db) as d:
        path = d.report(output)
    err.print(f"wrote {path}", highlight=False)


@app.command("info")
def info_cli(db: DbOpt) -> None:
    """Counts of what the dossier at --db holds, and the inputs it refused."""
    import dossier

    with _fail_cleanly(), dossier.open(db) as d:
        info = d.info()
    table = Table(title=str(db))
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, count in info["counts"].items():
        table.add_row(name, str(count))
    out.print(table)
    link = info["link"]
    if link["added_incrementally"]:
        out.print(
            f"the view links {link['documents']} documents, {link['added_incrementally']} of them added "
            "incrementally: 'dossier relink' links them all together",
            highlight=False, soft_wrap=True,
        )
    for refusal in info["refusals"]:
        out.print(f"refused {refusal.path}: {refusal.reason}", highlight=False, soft_wrap=True)


@app.command("serve")
def serve_cli(
    db: DbOpt,
    host: Annotated[
        str, typer.Option(help="Address to bind (loopback by default; anything else is reachable by others).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="DOSSIER_TOKEN",
            help="Write token for POST /api/documents; without one the server is read-only.",
        ),
    ] = None,
    max_post_bytes: Annotated[
        int, typer.Option(help="Largest document POST /api/documents accepts, in bytes.")
    ] = 2_000_000,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline that annotates posted documents.")] = None,
) -> None:
    """Serve the dossier at --db: JSON API, OpenAPI docs at /docs, and the web UI at /."""
    try:
        from dossier.present.web import WebSettings, serve
    except ImportError as exc:  # pragma: no cover - the [web] extra is missing
        err.print(f"[red]error:[/] {exc}; install the web extra: pip install 'dossier[web]'", highlight=False)
        raise typer.Exit(1) from exc
    settings = WebSettings(
        db=db, token=token, host=host, port=port, max_post_bytes=max_post_bytes, model=model
    )
    mode = "read-write (token set)" if settings.writable else "read-only"
    err.print(f"serving {db} on http://{host}:{port}/ ({mode}); API docs at /docs", highlight=False)
    with _fail_cleanly():
        serve(settings)


def _mount_gazetteer() -> None:
    try:
        from dossier.geo.cli import app as gazetteer_app
    except ImportError:
        return
    app.add_typer(gazetteer_app, name="gazetteer", help="The offline gazetteer: import GeoNames dumps.")


class _fail_cleanly:  # noqa: N801  (used as a context manager, reads as a phrase)
    """Turn a DossierError into one clear line on stderr and exit code 1 (no traceback)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: object) -> bool:
        if isinstance(ev, DossierError):
            err.print(f"[red]error:[/] {ev}", highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        return False


_mount_gazetteer()


def main() -> None:
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    app()
