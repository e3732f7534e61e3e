// Module http: see README.md (Where things are).
