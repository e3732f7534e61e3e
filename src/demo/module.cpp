// Module demo: see README.md (Where things are).
