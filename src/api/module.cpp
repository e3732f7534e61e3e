// Module api: see README.md (Where things are).
