"""The present stage: exports, the report and (later) the API read the store."""
