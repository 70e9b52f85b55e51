"""Issue 9, trust: tests that try to break dossier (crashes, hostile input, catastrophic regexes)."""
