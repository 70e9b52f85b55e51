"""``dossier gazetteer …``: manage the offline gazetteer index."""

from __future__ import annotations

from pathlib import Path

import typer

from dossier.geo import gazetteer
from dossier.geo.importer import import_files

app = typer.Typer(help="The offline gazetteer used to put places on the map.", no_args_is_help=True)


@app.command("import")
def import_cli(
    files: list[Path] = typer.Argument(  # noqa: B008
        ...,
        exists=True,
        dir_okay=False,
        readable=True,
        help="GeoNames dump files: allCountries.txt (or CC.txt), admin1CodesASCII.txt, alternateNamesV2.txt.",
    ),
    index: Path | None = typer.Option(  # noqa: B008
        None,
        "--index",
        help="Gazetteer file to import into (default: the user's index, built first if missing).",
    ),
) -> None:
    """Stream GeoNames dump files of any size into the gazetteer index, adding rivers, dams,
    bridges, peninsulas, regions and every populated place, with GeoNames' own positions.
    Files are recognised by their columns and imported in the right order."""
    target = index or gazetteer.default_index_path()
    if index is None and not target.exists():
        gazetteer.build_default_index(target)
    try:
        reports = import_files(target, files)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for r in reports:
        typer.echo(f"{r.path}: {r.kind}, {r.rows} rows read, {r.kept} kept")
    typer.echo(f"index: {target}")


@app.command("build")
def build_cli() -> None:
    """(Re)build the embedded gazetteer index from the installed packages."""
    target = gazetteer.default_index_path()
    gazetteer.build_default_index(target)
    typer.echo(f"index: {target} ({gazetteer.Gazetteer(target).count()} places)")
