// Placeholder until the owning module lands; replaced by the real command.
#include <cstdio>
#include "cli/commands.hpp"

namespace xeploai::cli {

void add_rulesets_command(CLI::App& app) {
  app.add_subcommand("rulesets", "(not yet available)")->callback([] {
    std::fprintf(stderr, "xeploai rulesets: not yet available in this build\n");
    exit_code() = 3;
  });
}

}  // namespace xeploai::cli
