// Placeholder until the owning module lands; replaced by the real command.
#include <cstdio>
#include "cli/commands.hpp"

namespace xeploai::cli {

void add_serve_command(CLI::App& app) {
  app.add_subcommand("serve", "(not yet available)")->callback([] {
    std::fprintf(stderr, "xeploai serve: not yet available in this build\n");
    exit_code() = 3;
  });
}

}  // namespace xeploai::cli
