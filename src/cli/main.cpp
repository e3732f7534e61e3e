// xeploai: the annual review, evaluation and quality grading system. See README.md.
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"xeploai — kiểm điểm, đánh giá, xếp loại chất lượng hằng năm"};
  app.require_subcommand(1);
  xeploai::cli::add_check_command(app);
  xeploai::cli::add_rulesets_command(app);
  xeploai::cli::add_serve_command(app);
  xeploai::cli::add_migrate_command(app);
  xeploai::cli::add_demo_command(app);
  xeploai::cli::add_import_commands(app);
  xeploai::cli::add_documents_command(app);
  xeploai::cli::add_send_reminders_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xeploai: %s\n", e.what());
    return 3;
  }
  return xeploai::cli::exit_code();
}
