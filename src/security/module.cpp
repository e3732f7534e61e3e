// Module security: see README.md (Where things are).
