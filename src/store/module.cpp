// Module store: see README.md (Where things are).
