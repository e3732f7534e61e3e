#include "api/stats_routes.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "api/route_support.hpp"
#include "export/document.hpp"
#include "export/pdf.hpp"
#include "export/xlsx.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace stats = service::stats;
using stats::Category;
using stats::Column;

// The categories of the annual report, in its order, with a sheet name of at most 31 characters.
struct ReportPart {
  Category category;
  const char* sheet;
};
constexpr ReportPart kParts[] = {
    {Category::upper_organizations, "Đảng bộ cấp trên cơ sở"},
    {Category::grassroots_organizations, "Tổ chức cơ sở đảng"},
    {Category::sectional_committees, "Đảng bộ bộ phận"},
    {Category::cells, "Chi bộ trực thuộc"},
    {Category::members, "Đảng viên"},
    {Category::leadership_collectives, "Tập thể lãnh đạo"},
    {Category::leaders_province, "Cán bộ diện tỉnh quản lý"},
    {Category::leaders_district, "Cán bộ diện huyện quản lý"},
    {Category::leaders_grassroots, "Cán bộ cấp cơ sở"},
};

const stats::Counts& of(const stats::CategoryCounts& cc, Category c) { return cc[static_cast<std::size_t>(c)]; }

// One table row: a label and the counts it stands for.
struct Line {
  std::string label;
  stats::Counts counts;
};

// Rows per child unit that has subjects of the category, the unit's own subjects when it has any (its own party
// organization, its collectives), then the total: the columns add up.
std::vector<Line> lines(const stats::Report& r, Category c) {
  std::vector<Line> out;
  stats::Counts rest = of(r.unit.counts, c);
  for (const auto& ch : r.children) {
    const auto& n = of(ch.counts, c);
    if (n.total() == 0) continue;
    out.push_back({ch.name, n});
    for (std::size_t i = 0; i < stats::kColumns; ++i) rest.n[i] -= n.n[i];
  }
  if (rest.total() != 0) out.push_back({r.unit.name + " (trực tiếp / direct)", rest});
  out.push_back({"Tổng cộng", of(r.unit.counts, c)});
  return out;
}

std::string vi_upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

// "76,5": Vietnamese documents write a decimal comma.
std::string vi_decimal(double v) {
  auto s = fmt::format("{:.1f}", v);
  if (auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  return s;
}

std::string year_text(const stats::Report& r) { return r.year ? std::to_string(*r.year) : std::string("—"); }

Result<std::string> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error::internal("cannot read the generated file " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A private directory for one generated file, removed when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xeploai-stats-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Result<stats::Query> parse_query(const Request& request) {
  stats::Query q;
  auto year = query_int(request, "year");
  if (!year) return year.error();
  if (*year) q.year = static_cast<int>(std::min<std::int64_t>(**year, 1'000'000));
  if (auto years = query_text(request, "years")) {
    std::string_view rest = *years;
    std::size_t index = 0;
    while (!rest.empty() || index == 0) {
      const auto comma = rest.find(',');
      const auto token = rest.substr(0, comma);
      int v = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
      if (ec != std::errc{} || end != token.data() + token.size())
        return Error::invalid("Tham số years không hợp lệ / invalid parameter years",
                              {{fmt::format("query.years[{}]", index),
                                "phải là danh sách năm cách nhau bằng dấu phẩy / must be years separated by commas"}});
      q.years.push_back(v);
      ++index;
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  return q;
}

Json counts_schema() {
  Json grades = Json::object();
  for (auto k : stats::kColumnKeys) grades[std::string(k)] = integer();
  Json shares = Json::object();
  for (auto k : stats::kColumnKeys) shares[std::string(k)] = {{"type", "number"}};
  return object({{"total", integer()}, {"decided", integer()}, {"counts", object(grades)}, {"shares", object(shares)}},
                {"total", "decided", "counts", "shares"});
}

Json categories_schema() {
  Json props = Json::object();
  for (const auto& info : stats::kCategoryInfo) props[std::string(info.key)] = counts_schema();
  return object(props);
}

Json statistics_schema() {
  const Json unit = object({{"unit_id", integer()},
                            {"name", string_type()},
                            {"kind", string_type()},
                            {"code", string_type()},
                            {"categories", categories_schema()}},
                           {"unit_id", "name", "kind", "categories"});
  return object(
      {{"unit", unit},
       {"year", nullable(integer())},
       {"quarter", integer()},
       {"cycles", array_of(object({{"id", integer()},
                                   {"year", integer()},
                                   {"ruleset", string_type()},
                                   {"status", enum_of({"open", "closed"})},
                                   {"root_unit_id", integer()},
                                   {"source", enum_of({"counted", "summed"})}}))},
       {"category_legend", array_of(object({{"key", string_type()}, {"vi", string_type()}, {"en", string_type()}}))},
       {"grades", array_of(string_type())},
       {"children", array_of(unit)},
       {"years",
        array_of(object({{"year", integer()}, {"cycles", array_of(integer())}, {"categories", categories_schema()}}))},
       {"outliers",
        object({{"all_good_units", object({{"total", integer()},
                                           {"items", array_of(object({{"unit_id", integer()},
                                                                      {"name", string_type()},
                                                                      {"kind", string_type()},
                                                                      {"decided", integer()},
                                                                      {"HTXSNV", integer()}}))}})},
                {"leaders_above_organization",
                 object({{"total", integer()},
                         {"items", array_of(object(
                                       {{"post_id", integer()},
                                        {"person_id", integer()},
                                        {"full_name", string_type()},
                                        {"post_title", string_type()},
                                        {"unit_id", integer()},
                                        {"unit_name", string_type()},
                                        {"leader_grade", grade_schema()},
                                        {"organization_kind", enum_of({"party_organization", "leadership_collective"})},
                                        {"organization_grade", grade_schema()}}))}})}})}},
      {"unit", "year", "cycles", "children", "years", "outliers"});
}

// The binary routes: authenticated and authorized like the JSON one; the file is built in a private directory.
enum class Format { xlsx, pdf };

http::Handler file_handler(ApiContext& ctx, Format format) {
  return [c = &ctx, format](Request& request) {
    http::Response file;
    auto answer = handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
      auto id = path_id(request, "id");
      if (!id) return id.error();
      auto q = parse_query(request);
      if (!q) return q.error();
      auto report = stats::unit_statistics(tx, call_of(who, request), *id, *q);
      if (!report) return report.error();
      TempDir dir;
      if (dir.path().empty()) return Error::internal("cannot create a temporary directory for the export");
      const auto path = dir.path() / (format == Format::xlsx ? "statistics.xlsx" : "statistics.pdf");
      auto written = format == Format::xlsx ? write_statistics_xlsx(*report, path)
                                            : write_statistics_pdf(*report, path, service::today());
      if (!written) return written.error();
      auto bytes = read_bytes(path);
      if (!bytes) return bytes.error();
      file.body = std::move(*bytes);
      file.content_type = format == Format::xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                                 : "application/pdf";
      file.headers.emplace_back("Content-Disposition",
                                fmt::format("attachment; filename=\"thong-ke-{}-{}.{}\"", *id, year_text(*report),
                                            format == Format::xlsx ? "xlsx" : "pdf"));
      return Json(nullptr);
    });
    if (answer.status != 200) return answer;
    return file;
  };
}

}  // namespace

Result<void> write_statistics_xlsx(const stats::Report& r, const std::filesystem::path& path) {
  auto writer = documents::XlsxWriter::create(path);
  if (!writer) return writer.error();
  bool any = false;
  for (const auto& part : kParts) {
    if (of(r.unit.counts, part.category).total() == 0) continue;
    any = true;
    const auto& info = stats::kCategoryInfo[static_cast<std::size_t>(part.category)];
    documents::SheetSpec spec;
    spec.name = part.sheet;
    spec.title = fmt::format("{} — {} năm {}", info.vi, r.unit.name, year_text(r));
    spec.header = {"STT",  "Đơn vị",     "Tổng số", "HTXSNV",      "Tỷ lệ HTXSNV",   "HTTNV",          "Tỷ lệ HTTNV",
                   "HTNV", "Tỷ lệ HTNV", "KHTNV",   "Tỷ lệ KHTNV", "Không xếp loại", "Chưa quyết định"};
    spec.widths = {6, 42, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12, 12};
    spec.percent = {false, false, false, false, true, false, true, false, true, false, true, false, false};
    if (auto ok = writer->add_sheet(spec); !ok) return ok;
    int stt = 0;
    for (const auto& line : lines(r, part.category)) {
      const bool total = line.label == "Tổng cộng";
      const auto s = stats::shares(line.counts);
      std::vector<documents::Cell> cells;
      cells.push_back(total ? documents::Cell{} : documents::Cell{static_cast<double>(++stt)});
      cells.push_back(line.label);
      cells.push_back(static_cast<double>(line.counts.total()));
      for (std::size_t g = 0; g < 4; ++g) {
        cells.push_back(static_cast<double>(line.counts.n[g]));
        cells.push_back(s[g] / 100.0);
      }
      cells.push_back(static_cast<double>(line.counts[Column::not_graded]));
      cells.push_back(static_cast<double>(line.counts[Column::pending]));
      if (auto ok = writer->add_row(cells); !ok) return ok;
    }
  }
  if (!any) {
    documents::SheetSpec spec;
    spec.name = "Thống kê";
    spec.title = fmt::format("{} năm {}: chưa có kết quả xếp loại / no decided grades", r.unit.name, year_text(r));
    spec.header = {"Đơn vị"};
    if (auto ok = writer->add_sheet(spec); !ok) return ok;
  }
  return writer->close();
}

Result<void> write_statistics_pdf(const stats::Report& r, const std::filesystem::path& path, const std::string& today) {
  documents::Document doc;
  doc.heading.issuer = vi_upper(r.unit.name);
  doc.heading.number = "";
  doc.heading.place = "";
  if (today.size() == 10) {
    doc.heading.year = std::stoi(today.substr(0, 4));
    doc.heading.month = std::stoi(today.substr(5, 2));
    doc.heading.day = std::stoi(today.substr(8, 2));
  }
  doc.kind = "BÁO CÁO";
  doc.summary = fmt::format("thống kê kết quả đánh giá, xếp loại chất lượng năm {}", year_text(r));
  using documents::Align;
  using documents::Paragraph;
  doc.body.push_back(Paragraph{
      fmt::format("Kết quả xếp loại chất lượng năm {} của {} và các đơn vị trực thuộc: mỗi mức gồm số lượng và tỷ lệ "
                  "(tính trên số đã xếp loại); cột cuối là số không xếp loại hoặc chưa có quyết định.",
                  year_text(r), r.unit.name)});
  int section = 0;
  for (const auto& part : kParts) {
    if (of(r.unit.counts, part.category).total() == 0) continue;
    const auto& info = stats::kCategoryInfo[static_cast<std::size_t>(part.category)];
    doc.body.push_back(Paragraph{fmt::format("{}. {}", ++section, info.vi), Align::left, true, false, false});
    // Eight columns fit the A4 text width at the table size: each grade cell holds the count and, under it, the
    // share ("5" / "62,5%"); not graded and pending share the last column.
    documents::Table t;
    t.header = {"TT", "Đơn vị", "Tổng số", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Không, chưa xếp loại"};
    t.widths = {8.5, 46, 14, 21, 20, 19, 20, 16.5};
    t.align = {Align::center, Align::left,   Align::center, Align::center,
               Align::center, Align::center, Align::center, Align::center};
    int stt = 0;
    for (const auto& line : lines(r, part.category)) {
      const bool total = line.label == "Tổng cộng";
      const auto s = stats::shares(line.counts);
      std::vector<std::string> row{total ? "" : std::to_string(++stt), line.label, std::to_string(line.counts.total())};
      for (std::size_t g = 0; g < 4; ++g) row.push_back(fmt::format("{}\n{}%", line.counts.n[g], vi_decimal(s[g])));
      row.push_back(std::to_string(line.counts[Column::not_graded] + line.counts[Column::pending]));
      t.rows.push_back(std::move(row));
    }
    doc.body.push_back(std::move(t));
  }
  if (section == 0) doc.body.push_back(Paragraph{"Chưa có kết quả xếp loại đã được quyết định."});
  doc.recipients = {"- Ban Tổ chức cấp ủy cấp trên,", "- Lưu văn phòng cấp ủy."};
  doc.signature = {"T/M CẤP ỦY", "BÍ THƯ", ""};
  return documents::write_pdf(doc, path);
}

void register_stats_routes(http::Router& router, ApiContext& ctx) {
  const std::vector<std::string> query = {"year", "years"};
  router.add("GET", "/api/v1/units/{id}/statistics",
             doc("Statistics of decided grades for a unit and everything below it in a year (default the latest "
                 "with a cycle): counts and shares per grade by subject kind (organizations, cells, members, "
                 "collectives, leaders by management level) for the unit and each child, the unit over the years "
                 "(years=2024,2025), and the outliers; needs read_reviews on the unit",
                 "statistics", nullptr, statistics_schema(), query),
             [c = &ctx](Request& request) {
               return handle_read(*c, request,
                                  [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
                                    auto id = path_id(request, "id");
                                    if (!id) return id.error();
                                    auto q = parse_query(request);
                                    if (!q) return q.error();
                                    auto report = stats::unit_statistics(tx, call_of(who, request), *id, *q);
                                    if (!report) return report.error();
                                    return stats::to_json(*report);
                                  });
             });
  // The file routes answer a file, not JSON; the schema documents it as a binary string.
  const Json binary = {{"type", "string"}, {"format", "binary"}};
  router.add("GET", "/api/v1/units/{id}/statistics.xlsx",
             doc("The annual statistics table of a unit (one sheet per subject kind: a row per child unit, counts "
                 "and shares per grade, the total) as XLSX; as for /statistics",
                 "statistics", nullptr, binary, {"year"}),
             file_handler(ctx, Format::xlsx));
  router.add("GET", "/api/v1/units/{id}/statistics.pdf",
             doc("The annual statistics report of a unit in the Party's document format (a table per subject kind) "
                 "as PDF; as for /statistics",
                 "statistics", nullptr, binary, {"year"}),
             file_handler(ctx, Format::pdf));
}

}  // namespace xeploai::api
