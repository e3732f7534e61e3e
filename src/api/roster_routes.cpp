#include "api/roster_routes.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "api/route_support.hpp"
#include "export/csv_writer.hpp"
#include "export/xlsx.hpp"
#include "service/roster/roster.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace roster = importer::roster;

Json problem_schema() {
  return object({{"row", integer()},
                 {"column", string_type()},
                 {"code", string_type()},
                 {"reason_vi", string_type()},
                 {"reason_en", string_type()}},
                {"row", "column", "code", "reason_vi", "reason_en"});
}

Json report_schema() {
  return object({{"dry_run", boolean()},
                 {"ok", boolean()},
                 {"source", string_type()},
                 {"rows", integer()},
                 {"units", integer()},
                 {"members", integer()},
                 {"ignored_headers", array_of(string_type())},
                 {"problems_total", integer()},
                 {"problems", array_of(problem_schema())},
                 {"imported", nullable(object({{"units", integer()}, {"members", integer()}}))}},
                {"dry_run", "ok", "rows", "units", "members", "problems_total", "problems", "imported"});
}

// A file name from a unit code: ASCII letters, digits, '-', '_' and '.' only (codes may hold anything).
std::string file_stem(const std::string& code) {
  std::string out = "danh-sach-";
  for (char c : code) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  return out;
}

http::Response download(ApiContext& ctx, Request& request, bool xlsx) {
  auto tx = ctx.db.begin(store::Access::read);
  auto who = authenticate(ctx, *tx, request);
  if (!who) return http::Response::error(who.error());
  auto id = path_id(request, "id");
  if (!id) return http::Response::error(id.error());
  auto exported = service::roster::export_roster(*tx, &*who, *id);
  if (!exported) return http::Response::error(exported.error());
  const std::string code = exported->units.empty() ? std::to_string(*id) : exported->units.front().code;
  http::Response r;
  if (!xlsx) {
    r.content_type = "text/csv; charset=utf-8";
    r.body = roster_csv(*exported);
  } else {
    // libxlsxwriter writes files: a private temporary one, read back and removed.
    std::string tmpl = (std::filesystem::temp_directory_path() / "xeploai-roster-XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return http::Response::error(Error::internal("cannot create a temporary file"));
    ::close(fd);
    const std::filesystem::path path = tmpl + ".xlsx";
    std::filesystem::rename(tmpl, path);
    auto written = write_roster_xlsx(*exported, path);
    if (written) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      r.body = std::move(bytes).str();
    }
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (!written) return http::Response::error(written.error());
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  r.headers.push_back(
      {"Content-Disposition", fmt::format("attachment; filename=\"{}.{}\"", file_stem(code), xlsx ? "xlsx" : "csv")});
  return r;
}

}  // namespace

std::string roster_csv(const roster::Roster& r) {
  std::ostringstream out;
  documents::CsvWriter csv(out);
  csv.row(roster::member_header());
  for (const auto& m : r.members) csv.row(roster::member_cells(m));
  csv.row({});
  csv.row(roster::unit_header());
  for (const auto& u : r.units) csv.row(roster::unit_cells(u));
  return std::move(out).str();
}

Result<void> write_roster_xlsx(const roster::Roster& r, const std::filesystem::path& path) {
  auto book = documents::XlsxWriter::create(path);
  if (!book) return std::move(book).error();
  documents::SheetSpec sheet;
  sheet.name = "Danh sách";
  sheet.header = roster::member_header();
  sheet.widths = {16, 26, 8, 12, 12, 12, 18, 14, 36, 10, 14};
  if (auto ok = book->add_sheet(sheet); !ok) return ok;
  auto add = [&](const std::vector<std::string>& cells) {
    std::vector<documents::Cell> row(cells.begin(), cells.end());
    // Empty strings as blank cells, as a spreadsheet user leaves them.
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (cells[i].empty()) row[i] = std::monostate{};
    return book->add_row(row);
  };
  for (const auto& m : r.members)
    if (auto ok = add(roster::member_cells(m)); !ok) return ok;
  if (auto ok = book->add_row({}); !ok) return ok;
  if (auto ok = add(roster::unit_header()); !ok) return ok;
  for (const auto& u : r.units)
    if (auto ok = add(roster::unit_cells(u)); !ok) return ok;
  return book->close();
}

void register_roster_routes(http::Router& router, ApiContext& ctx) {
  auto import_doc =
      doc("Import units and members from a roster file (the raw CSV or XLSX body); dry_run=true lists every problem "
          "without writing, otherwise all or nothing",
          "roster", nullptr, report_schema(), {"dry_run", "mapping"}, true);
  import_doc.body_limit = kRosterBodyLimit;
  router.add("POST", "/api/v1/units/{id}/roster/import", import_doc, [c = &ctx](Request& request) {
    return handle_write(*c, request, 200, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
      auto id = path_id(request, "id");
      if (!id) return id.error();
      // Scope first: an upload from outside the unit is refused before it is read.
      if (auto allowed = service::roster::authorize(tx, who, *id); !allowed) return std::move(allowed).error();
      auto dry_run = query_enum(request, "dry_run", {"true", "false"});
      if (!dry_run) return dry_run.error();
      roster::Mapping mapping;
      if (auto text = query_text(request, "mapping")) {
        auto parsed = roster::parse_mapping(*text);
        if (!parsed) {
          Error e = std::move(parsed).error();
          for (auto& d : e.details) d.path = "query.mapping" + d.path.substr(std::string("mapping").size());
          if (e.details.empty()) e.details.push_back({"query.mapping", e.message});
          return e;
        }
        mapping = std::move(*parsed);
      }
      if (request.body.empty())
        return Error::invalid("Không có tệp / no file",
                              {{"body",
                                "gửi tệp CSV hoặc XLSX làm nội dung yêu cầu / send the CSV or XLSX file as "
                                "the request body"}});
      const std::string name = roster::looks_like_xlsx(request.body) ? "roster.xlsx" : "roster.csv";
      auto file = roster::read_roster_bytes(request.body, name, mapping);
      service::roster::ImportOptions options;
      options.unit_id = *id;
      options.dry_run = dry_run->value_or("false") == "true";
      options.source = name;
      return service::roster::import_roster(tx, &who, file, options, request.request_id);
    });
  });
  auto file_doc = [](const char* summary) { return doc(summary, "roster", nullptr, string_type("binary")); };
  router.add("GET", "/api/v1/units/{id}/roster.csv",
             file_doc("The units and members of the unit's subtree as a roster CSV (the import's shape)"),
             [c = &ctx](Request& request) { return download(*c, request, false); });
  router.add("GET", "/api/v1/units/{id}/roster.xlsx",
             file_doc("The units and members of the unit's subtree as a roster XLSX (the import's shape)"),
             [c = &ctx](Request& request) { return download(*c, request, true); });
}

}  // namespace xeploai::api
