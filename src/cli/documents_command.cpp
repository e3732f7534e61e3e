// xeploai documents --db PATH|postgresql://... --out DIR [--play [--year Y]]: the official documents of one cell
// (statements 02A and 02B, the cell's report Mẫu 01, the minutes, the decision, a notification; PDF and DOCX) from
// what the database stores (cli/documents_samples.hpp). --play first plays one cell's review through the services;
// it changes the database, so use it on a scratch demo database:
//   xeploai demo --db /tmp/samples.sqlite --members 2000
//   xeploai documents --db /tmp/samples.sqlite --play --out docs/samples
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/documents_samples.hpp"
#include "store/database.hpp"

namespace xeploai::cli {

void add_documents_command(CLI::App& app) {
  struct Options {
    std::string db, out;
    bool play = false;
    int year = 2026;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("documents",
                                 "Xuất văn bản của một chi bộ (write the official documents of one cell: statements, "
                                 "report, minutes, decision, notification) as PDF and DOCX");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname")
      ->required()
      ->envname("XEPLOAI_DB");
  cmd->add_option("--out", options->out, "directory to write into")->required();
  cmd->add_flag("--play", options->play,
                "first play one cell's review through the services (changes the database: a scratch demo copy)");
  cmd->add_option("--year", options->year, "year of the played review")->check(CLI::Range(2025, 2100));
  cmd->callback([options] {
    try {
      auto db = store::open_database(options->db, 1);
      db->migrate();
      if (options->play) {
        auto played = play_demo_cell(*db, options->year);
        if (!played) {
          std::fprintf(stderr, "xeploai documents: %s\n", played.error().message.c_str());
          exit_code() = 1;
          return;
        }
        std::printf("%s\n", fmt::format("played: {} (cycle {}, meeting {}, decision {})", played->cell_name,
                                        played->cycle_id, played->meeting_id, played->decision_id)
                                .c_str());
      }
      auto written = write_cell_documents(*db, options->out);
      if (!written) {
        std::fprintf(stderr, "xeploai documents: %s\n", written.error().message.c_str());
        exit_code() = 1;
        return;
      }
      for (const auto& w : *written) std::printf("%s\n", w.path.string().c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "xeploai documents: %s\n", e.what());
      exit_code() = 1;
    }
  });
}

}  // namespace xeploai::cli
