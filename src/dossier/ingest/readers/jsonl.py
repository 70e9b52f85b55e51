"""JSON Lines: one document per line, ``text`` required; ``title``, ``url``, ``published``,
``outlet``, ``author``, ``kind`` optional. A bad line is refused alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from dossier.errors import IngestError, MalformedContent
from dossier.ingest.boilerplate import strip_boilerplate
from dossier.ingest.dates import is_iso_date
from dossier.ingest.decode import clean_text
from dossier.ingest.document import guess_kind, make_document
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Published, Source
from dossier.registry import readers

_FIELDS = ("title", "url", "outlet", "author", "kind")


@readers.register("jsonl")
def read_jsonl(text: str, source: Source, options: IngestOptions) -> Iterator[Document | IngestError]:
    """Read JSON Lines; each line becomes a document or a refusal naming its line number."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source.path}#L{number}"
        try:
            yield _read_line(line, where, source, options)
        except IngestError as exc:
            yield exc


@readers.register("jsonl-line")
def read_jsonl_line(text: str, source: Source, options: IngestOptions) -> Iterator[Document | IngestError]:
    """One line of a JSON Lines file streamed by ``ingest.containers`` (its path ends in #L<n>)."""
    yield _read_line(text, source.path, source, options)


def _read_line(line: str, where: str, source: Source, options: IngestOptions) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedContent(where, f"not valid JSON: {exc.msg} at column {exc.colno}") from exc
    except ValueError as exc:  # an integer of over 4,300 digits
        raise MalformedContent(where, f"not usable JSON: {exc}") from exc
    except RecursionError as exc:
        raise MalformedContent(where, "not usable JSON: nested too deeply") from exc
    if not isinstance(record, dict):
        raise MalformedContent(where, f"a line must be a JSON object, not {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str):
        raise MalformedContent(where, "the required field 'text' is missing or not a string")
    fields = {k: record.get(k) for k in _FIELDS}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise MalformedContent(where, f"the field {key!r} must be a string, not {type(value).__name__}")
    # JSON escapes ("\\u0000", "\\ud800") get past the decoding of the line: clean the strings too
    body = clean_text(body)
    fields = {k: clean_text(v) if v is not None else None for k, v in fields.items()}
    kind = fields["kind"] if fields["kind"] in {"news", "encyclopedia", "other"} else None
    body, _ = strip_boilerplate(body)
    document = make_document(
        source,
        body,
        replace(options, kind=options.kind or kind),
        path=fields["url"] or where,
        fmt="jsonl",
        kind=guess_kind(fields["url"], fields["outlet"]),
        title=fields["title"],
        outlet=fields["outlet"],
        url=fields["url"],
        author=fields["author"],
        published=_published(record.get("published"), where),
    )
    return document


def _published(value: object, where: str) -> Published | None:
    if value is None:
        return None
    if not isinstance(value, str) or not is_iso_date(value[:10]):
        raise MalformedContent(
            where, f"'published' must be an ISO date string like 2022-11-11, not {value!r}"
        )
    return Published(value[:10], "metadata", "the JSONL record's 'published' field")
