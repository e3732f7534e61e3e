// Module text: see README.md (Where things are).
