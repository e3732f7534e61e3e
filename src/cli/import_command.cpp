// xeploai import --db URL --file F [--mapping M.json] [--dry-run] [--unit CODE]: reads a roster file (CSV or XLSX,
// docs/import.md), lists every problem, and imports all or nothing in one transaction (as the system: audited
// without an actor). xeploai export-roster --db URL --unit CODE --output F.csv|F.xlsx writes a subtree back in
// the same shape.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

#include "api/roster_routes.hpp"
#include "cli/commands.hpp"
#include "importer/roster.hpp"
#include "service/roster/roster.hpp"
#include "store/database.hpp"

namespace xeploai::cli {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}
void say(const std::string& s) { std::printf("%s\n", s.c_str()); }
void complain(const std::string& s) { std::fprintf(stderr, "%s\n", s.c_str()); }

std::optional<std::int64_t> resolve_unit(store::Database& db, const std::string& code, const char* command) {
  auto tx = db.begin(store::Access::read);
  auto id = service::roster::unit_by_code(*tx, code);
  if (!id)
    complain(fmt::format("xeploai {}: không có đơn vị mã {} / no current unit with code {}", command, code, code));
  return id;
}

}  // namespace

void add_import_commands(CLI::App& app) {
  struct ImportOptions {
    std::string db, file, mapping, unit;
    bool dry_run = false;
  };
  auto options = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand(
      "import",
      "Nhập tổ chức và đảng viên từ tệp CSV/XLSX (import units and members from a roster file, all or nothing)");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname")
      ->required()
      ->envname("XEPLOAI_DB");
  cmd->add_option("--file", options->file, "the roster file: CSV (UTF-8) or XLSX (first sheet)")->required();
  cmd->add_option("--mapping", options->mapping, "JSON file {\"header in the file\": \"field\"} (docs/import.md)");
  cmd->add_flag("--dry-run", options->dry_run, "check and list every problem, write nothing");
  cmd->add_option("--unit", options->unit,
                  "code of the unit the roster is for: rows without a parent code go under it, cells must lie in it "
                  "(default: rows without a parent code are root units)");
  cmd->callback([options] {
    try {
      const auto start = std::chrono::steady_clock::now();
      importer::roster::Mapping mapping;
      if (!options->mapping.empty()) {
        std::ifstream in(options->mapping);
        if (!in) {
          complain(
              fmt::format("xeploai import: không mở được {} / cannot open {}", options->mapping, options->mapping));
          exit_code() = 2;
          return;
        }
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = importer::roster::parse_mapping(text.str());
        if (!parsed) {
          complain("xeploai import: " + parsed.error().message);
          for (const auto& d : parsed.error().details) complain("  " + d.path + ": " + d.problem);
          exit_code() = 2;
          return;
        }
        mapping = std::move(*parsed);
      }
      auto db = store::open_database(options->db, 1);
      db->migrate();
      service::roster::ImportOptions import;
      import.dry_run = options->dry_run;
      import.source = std::filesystem::path(options->file).filename().string();
      import.max_problems = std::numeric_limits<std::size_t>::max();  // the terminal lists them all
      if (!options->unit.empty()) {
        import.unit_id = resolve_unit(*db, options->unit, "import");
        if (!import.unit_id) {
          exit_code() = 1;
          return;
        }
      }
      auto file = importer::roster::read_roster_file(options->file, mapping);
      const double read_seconds = seconds_since(start);
      auto tx = db->begin(store::Access::write);
      auto result = service::roster::import_roster(*tx, nullptr, file, import);
      const auto& report = result ? *result : service::Json();
      if (!result && result.error().code != ErrorCode::invalid_input) {
        complain("xeploai import: " + result.error().message);
        exit_code() = 1;
        return;
      }
      if (result && !options->dry_run) tx->commit();
      say(fmt::format("{}: {} dòng (rows), {} đơn vị (units), {} đảng viên (members)", import.source, file.rows,
                      file.units.size(), file.members.size()));
      if (!result) {
        complain(result.error().message);
        for (const auto& d : result.error().details) complain("  " + d.path + ": " + d.problem);
        exit_code() = 1;
      } else if (options->dry_run) {
        for (const auto& p : report["problems"])
          complain(
              fmt::format("  row {}{}: {} / {}", p["row"].get<std::size_t>(),
                          p["column"].get<std::string>().empty() ? "" : ", column " + p["column"].get<std::string>(),
                          p["reason_vi"].get<std::string>(), p["reason_en"].get<std::string>()));
        say(report["ok"].get<bool>() ? "Kiểm tra xong, không có lỗi (dry run: no problems; nothing written)"
                                     : fmt::format("{} lỗi (problems); không ghi gì (dry run: nothing written)",
                                                   report["problems_total"].get<std::size_t>()));
        exit_code() = report["ok"].get<bool>() ? 0 : 1;
      } else {
        say(fmt::format("Đã nhập (imported): {} đơn vị (units), {} đảng viên (members)",
                        report["imported"]["units"].get<std::size_t>(),
                        report["imported"]["members"].get<std::size_t>()));
        exit_code() = 0;
      }
      say(
          fmt::format("Thời gian (time): {:.2f} s (reading and checking the file {:.2f} s); bộ nhớ tối đa (peak "
                      "memory): {} MiB",
                      seconds_since(start), read_seconds, peak_rss_mib()));
    } catch (const std::exception& e) {
      complain(std::string("xeploai import: ") + e.what());
      exit_code() = 1;
    }
  });

  struct ExportOptions {
    std::string db, unit, output;
  };
  auto exp = std::make_shared<ExportOptions>();
  auto* ecmd = app.add_subcommand(
      "export-roster",
      "Xuất tổ chức và đảng viên của một đơn vị (export a subtree's units and members as CSV or XLSX)");
  ecmd->add_option("--db", exp->db, "SQLite file path or postgresql://user@host:port/dbname")
      ->required()
      ->envname("XEPLOAI_DB");
  ecmd->add_option("--unit", exp->unit, "code of the unit whose subtree is exported")->required();
  ecmd->add_option("--output", exp->output, "file to write: .csv or .xlsx")->required();
  ecmd->callback([exp] {
    try {
      const auto start = std::chrono::steady_clock::now();
      const auto ext = std::filesystem::path(exp->output).extension().string();
      if (ext != ".csv" && ext != ".xlsx") {
        complain("xeploai export-roster: --output phải là .csv hoặc .xlsx / --output must end in .csv or .xlsx");
        exit_code() = 2;
        return;
      }
      auto db = store::open_database(exp->db, 1);
      auto unit = resolve_unit(*db, exp->unit, "export-roster");
      if (!unit) {
        exit_code() = 1;
        return;
      }
      auto tx = db->begin(store::Access::read);
      auto roster = service::roster::export_roster(*tx, nullptr, *unit);
      if (!roster) {
        complain("xeploai export-roster: " + roster.error().message);
        exit_code() = 1;
        return;
      }
      if (ext == ".csv") {
        // Written beside, then renamed: a failure never leaves half a file under the requested name.
        const std::string part = exp->output + ".part";
        {
          std::ofstream out(part, std::ios::binary);
          out << api::roster_csv(*roster);
          if (!out) {
            complain("xeploai export-roster: không ghi được / cannot write " + exp->output);
            exit_code() = 1;
            return;
          }
        }
        std::filesystem::rename(part, exp->output);
      } else if (auto ok = api::write_roster_xlsx(*roster, exp->output); !ok) {
        complain("xeploai export-roster: " + ok.error().message);
        exit_code() = 1;
        return;
      }
      say(fmt::format("{}: {} đơn vị (units), {} đảng viên (members); {:.2f} s", exp->output, roster->units.size(),
                      roster->members.size(), seconds_since(start)));
      exit_code() = 0;
    } catch (const std::exception& e) {
      complain(std::string("xeploai export-roster: ") + e.what());
      exit_code() = 1;
    }
  });
}

}  // namespace xeploai::cli
