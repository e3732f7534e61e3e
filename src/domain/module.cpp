// Module domain: see README.md (Where things are).
