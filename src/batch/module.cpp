// Module batch: see README.md (Where things are).
