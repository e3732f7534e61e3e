// Module export: see README.md (Where things are).
