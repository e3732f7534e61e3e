#pragma once
// Each subcommand of the xeploai executable lives in its own file (src/cli/<name>_command.cpp) and adds itself
// to the app here; main.cpp only wires them. A command's callback sets the process exit code.
#include <CLI/CLI.hpp>

namespace xeploai::cli {

// The exit code a command's callback leaves for main() to return.
int& exit_code();

void add_check_command(CLI::App& app);     // xeploai check --input FILE|-       (grading engine, FORMAT.md)
void add_rulesets_command(CLI::App& app);  // xeploai rulesets                    (rulesets, rules, parameters)
void add_serve_command(CLI::App& app);     // xeploai serve --db URL --port N     (HTTP server)
void add_migrate_command(CLI::App& app);   // xeploai migrate --db URL            (apply schema migrations)
void add_demo_command(CLI::App& app);      // xeploai demo --db URL [--members N] (fictitious province)
// xeploai import --db URL --file F [--mapping M.json] [--dry-run] [--unit CODE] and
// xeploai export-roster --db URL --unit CODE --output F.csv|F.xlsx   (roster files, docs/import.md)
void add_import_commands(CLI::App& app);
void add_documents_command(CLI::App& app);  // xeploai documents --db URL --out DIR [--play] (docs/documents.md)
void add_send_reminders_command(CLI::App& app);  // xeploai send-reminders --db URL [--config F] (e-mail reminders)

}  // namespace xeploai::cli
