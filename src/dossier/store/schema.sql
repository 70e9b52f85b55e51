-- dossier store, schema version 1. Opens in Datasette as it is.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,             -- hash of the cleaned text
    path TEXT NOT NULL,              -- path or URL as given at ingest
    version INTEGER NOT NULL DEFAULT 1,
    current INTEGER NOT NULL DEFAULT 1,  -- 0 once a newer version of the same path is stored
    seq INTEGER NOT NULL,            -- order of arrival
    title TEXT, outlet TEXT, url TEXT, author TEXT,
    kind TEXT NOT NULL, language TEXT NOT NULL, format TEXT NOT NULL,
    published_value TEXT, published_basis TEXT NOT NULL, published_explanation TEXT NOT NULL,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',  -- JSON
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX documents_path ON documents(path, current);

CREATE TABLE refusals (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX sentences_doc ON sentences(doc_id, seq);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- per-document facts: offsets and text as columns, the rest of the record as JSON in data
CREATE TABLE mentions (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
CREATE TABLE timexes (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
CREATE TABLE places (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
CREATE TABLE claims (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
CREATE TABLE quotes (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));

-- the cross-document view, rewritten by every link run
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
    aliases TEXT NOT NULL, lat REAL, lon REAL, geo TEXT);
CREATE TABLE entity_mentions (entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
CREATE TABLE events (id TEXT PRIMARY KEY, date_value TEXT NOT NULL, date_precision TEXT NOT NULL,
    summary TEXT NOT NULL, place TEXT, participants TEXT NOT NULL, sources INTEGER NOT NULL);
CREATE TABLE event_evidence (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX event_evidence_event ON event_evidence(event_id);
CREATE TABLE conflicts (id TEXT PRIMARY KEY, about TEXT NOT NULL, kind TEXT NOT NULL,
    claims TEXT NOT NULL, explanation TEXT NOT NULL);
CREATE TABLE link_extras (key TEXT PRIMARY KEY, data TEXT NOT NULL);
