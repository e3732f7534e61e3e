// Module importer: reading roster files (CSV, XLSX).
