// xeploai migrate --db PATH|postgresql://...: applies the pending schema migrations embedded in this binary and prints
// what it applied. Safe to run while servers start (PostgreSQL: advisory lock; SQLite: one writer at a time).
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "store/database.hpp"

namespace xeploai::cli {

void add_migrate_command(CLI::App& app) {
  struct Options {
    std::string db;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "migrate", "Áp dụng các migration lược đồ còn thiếu (apply pending schema migrations) and print them");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname")
      ->required()
      ->envname("XEPLOAI_DB");
  cmd->callback([options] {
    try {
      auto db = store::open_database(options->db, 1);
      std::map<int, std::string> names;
      for (const auto& m : store::embedded_migrations(db->dialect())) names[m.version] = m.name;
      int before = db->schema_version();
      auto applied = db->migrate();
      for (int version : applied)
        std::printf("%s\n", fmt::format("đã áp dụng (applied) {:04}_{}", version, names[version]).c_str());
      int after = db->schema_version();
      if (applied.empty())
        std::printf(
            "%s\n",
            fmt::format("không có migration nào chờ áp dụng (nothing to apply); schema version {}", after).c_str());
      else
        std::printf("%s\n", fmt::format("schema version {} -> {}", before, after).c_str());
      exit_code() = 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "xeploai migrate: %s\n", e.what());
      exit_code() = 1;
    }
  });
}

}  // namespace xeploai::cli
