// Roster import and export over the real server on SQLite and PostgreSQL (docs/import.md): a good file imports and
// every member is found and sorted like the others; a broken file (wrong encoding, missing columns, 5% bad rows of
// every kind) imports nothing and the dry run lists every bad row with its row and column; an XLSX written by
// LibreOffice from the same CSV imports the same; export -> import into an empty database gives the same file back.
#include "importer/roster.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "api/roster_routes.hpp"
#include "api/support/test_app.hpp"
#include "export/readers.hpp"
#include "service/roster/roster.hpp"
#include "store/testing/temporary_database.hpp"
#include "text/text.hpp"

namespace xeploai::api::testing {
namespace {

namespace fs = std::filesystem;
namespace roster = importer::roster;
using service::Role;

// A deterministic roster of `members` members (test_api links the API library, not the demo generator): four
// communes of five cells each and a grassroots cell, Vietnamese names with every diacritic the sort must handle,
// residences with commas, every status. With `under_root` the communes have no parent code (they go under the
// unit the import is for); without, a province committee "TN" heads the file.
roster::Roster province_roster(std::int64_t members, bool under_root) {
  static const char* const family[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                                       "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
  static const char* const middle[] = {"Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Minh", "Ngọc"};
  static const char* const given[] = {"An",   "Anh",   "Ánh",  "Ăn",    "Bình", "Châu",  "Cường", "Dũng",
                                      "Đức",  "Giang", "Hà",   "Hải",   "Hằng", "Hùng",  "Khánh", "Lan",
                                      "Linh", "Long",  "Mai",  "Nam",   "Nga",  "Phong", "Phúc",  "Quân",
                                      "Sơn",  "Tâm",   "Thảo", "Trang", "Tuấn", "Yến"};
  static const char* const statuses[] = {"active", "active", "active", "probationary", "exempt", "suspended"};
  roster::Roster r;
  if (!under_root) r.units.push_back({0, "TN", "Đảng bộ tỉnh Thử Nghiệm", "province_committee", "", "1950-01-01"});
  std::vector<std::string> cells;
  for (int x = 1; x <= 4; ++x) {
    const auto commune = fmt::format("X{}", x);
    r.units.push_back({0, commune, fmt::format("Đảng bộ xã Số {}", x), "grassroots_committee", under_root ? "" : "TN",
                       fmt::format("200{}-0{}-15", x, x)});
    for (int c = 1; c <= 5; ++c) {
      cells.push_back(fmt::format("{}-C{}", commune, c));
      r.units.push_back({0, cells.back(), fmt::format("Chi bộ thôn {} xã Số {}", c, x), "cell", commune,
                         fmt::format("201{}-1{}-0{}", c, c % 3, c)});
    }
  }
  cells.push_back("CS1");
  r.units.push_back({0, "CS1", "Chi bộ Trường Tiểu học Đông", "grassroots_cell", under_root ? "" : "TN", ""});
  for (std::int64_t i = 0; i < members; ++i) {
    roster::MemberRecord m;
    const auto k = static_cast<std::size_t>(i);
    m.card_number = fmt::format("{:012}", 79'000'000 + i * 7);
    m.full_name = fmt::format("{} {} {}", family[k % 16], middle[(k / 16) % 7], given[(k * 7 + k / 112) % 30]);
    m.gender = k % 3 == 0 ? "female" : "male";
    const int year = 1950 + static_cast<int>(k % 50);
    m.birth_date = fmt::format("{}-{:02}-{:02}", year, 1 + k % 12, 1 + k % 28);
    m.status = statuses[k % 6];
    if (m.status == "probationary") {
      m.admitted_on = fmt::format("2025-{:02}-{:02}", 1 + k % 12, 1 + k % 28);
    } else {
      m.admitted_on = fmt::format("{}-{:02}-{:02}", year + 20, 1 + (k + 3) % 12, 1 + k % 28);
      m.official_on = fmt::format("{}-{:02}-{:02}", year + 21, 1 + (k + 3) % 12, 1 + k % 28);
    }
    m.cell = cells[k % cells.size()];
    if (k % 5 != 0) m.residence = fmt::format("Thôn {}, xã Số {}, huyện \"Bình\" Yên", 1 + k % 9, 1 + k % 4);
    m.civil_servant = k % 4 == 0;
    m.joined_on = k % 7 == 0 ? "" : m.admitted_on;
    r.members.push_back(m);
  }
  return r;
}

fs::path temp_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / fmt::format("xeploai-roster-test-{}-{}", ::getpid(), name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

class RosterApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    root_ = app_->root_unit();
    app_->add_account("bantochuc", "mat-khau-123", root_, {{Role::organization_board, root_}});
    app_->add_account("vanphong", "mat-khau-123", root_, {{Role::committee_staff, root_}});
  }
  std::string import_path(bool dry_run) const {
    return fmt::format("/api/v1/units/{}/roster/import{}", root_, dry_run ? "?dry_run=true" : "");
  }
  HttpResponse upload(HttpClient& client, const std::string& body, bool dry_run, const std::string& type = "text/csv") {
    return client.request("POST", import_path(dry_run), body, {{"Content-Type", type}});
  }
  std::string snapshot() {
    std::string out = std::to_string(app_->count_rows("audit_log"));
    for (const char* t : {"units", "unit_parents", "unit_events", "people", "memberships"})
      out += std::string("|") + t + ":" + app_->table_digest(t);
    return out;
  }
  // (row, column) of every problem listed.
  static std::set<std::pair<std::size_t, std::string>> places(const Json& report) {
    std::set<std::pair<std::size_t, std::string>> out;
    for (const auto& p : report["problems"]) out.insert({p["row"].get<std::size_t>(), p["column"].get<std::string>()});
    return out;
  }
  std::unique_ptr<TestApp> app_;
  std::int64_t root_ = 0;
};

TEST_P(RosterApiTest, GoodFileImportsAndEveryMemberIsFoundAndSorted) {
  const auto file = province_roster(1000, true);
  const auto csv = roster_csv(file);
  auto board = app_->login("bantochuc", "mat-khau-123");

  const auto before = snapshot();
  auto dry = upload(board, csv, true);
  ASSERT_EQ(dry.status, 200) << dry.body.substr(0, 2000);
  EXPECT_TRUE(dry.json()["ok"].get<bool>()) << dry.json()["problems"].dump().substr(0, 2000);
  EXPECT_EQ(dry.json()["members"], file.members.size());
  EXPECT_EQ(dry.json()["units"], file.units.size());
  EXPECT_TRUE(dry.json()["imported"].is_null());
  EXPECT_EQ(snapshot(), before) << "a dry run wrote";

  const auto audit_before = app_->count_rows("audit_log");
  auto done = upload(board, csv, false);
  ASSERT_EQ(done.status, 200) << done.body.substr(0, 2000);
  EXPECT_EQ(done.json()["imported"]["members"], file.members.size());
  EXPECT_EQ(done.json()["imported"]["units"], file.units.size());
  EXPECT_EQ(app_->count_rows("people"), static_cast<std::int64_t>(file.members.size()));
  EXPECT_EQ(app_->count_rows("memberships"), static_cast<std::int64_t>(file.members.size()));
  EXPECT_EQ(app_->count_rows("audit_log"), audit_before + 1) << "one audit row for the whole import";
  {
    auto tx = app_->db().begin(store::Access::read);
    auto a = tx->query_one("SELECT action, after_json FROM audit_log ORDER BY id DESC LIMIT 1");
    EXPECT_EQ(a->get_text(0), "roster.import");
    auto after = Json::parse(a->get_text(1));
    EXPECT_EQ(after["members"], file.members.size());
  }

  // Every member is found by the diacritic-free search of their name and by card number, in their cell.
  auto admin_id = app_->add_account("quantri", "mat-khau-123", root_, {{Role::administrator, root_}});
  (void)admin_id;
  auto admin = app_->login("quantri", "mat-khau-123");
  std::map<std::string, std::int64_t> cell_ids;
  {
    auto tx = app_->db().begin(store::Access::read);
    for (auto& r : tx->query("SELECT code, id FROM units")) cell_ids[r.get_text(0)] = r.get_int(1);
  }
  for (std::size_t i = 0; i < file.members.size(); i += 37) {
    const auto& m = file.members[i];
    auto by_card = admin.get("/api/v1/people?q=" + m.card_number);
    ASSERT_EQ(by_card.status, 200) << by_card.body;
    ASSERT_EQ(by_card.json()["total"], 1) << m.card_number;
    const auto& found = by_card.json()["items"][0];
    EXPECT_EQ(found["full_name"], m.full_name);
    EXPECT_EQ(found["unit_id"], cell_ids[m.cell]);
    EXPECT_EQ(found["birth_date"], m.birth_date);
    std::string q;
    for (char c : text::search_key(m.full_name)) q += c == ' ' ? std::string("%20") : std::string(1, c);
    auto by_name = admin.get(fmt::format("/api/v1/people?q={}&unit_id={}&page_size=100", q, cell_ids[m.cell]));
    ASSERT_EQ(by_name.status, 200) << by_name.body;
    bool listed = false;
    for (const auto& p : by_name.json()["items"]) listed = listed || p["card_number"] == m.card_number;
    EXPECT_TRUE(listed) << m.full_name << " not found by " << q;
  }
  // Sorted the Vietnamese way, as people created through the service are.
  const auto& first_cell = file.members.front().cell;
  auto page = admin.get(fmt::format("/api/v1/people?unit_id={}&page_size=200", cell_ids[first_cell]));
  std::vector<std::string> names;
  for (const auto& p : page.json()["items"]) names.push_back(p["full_name"].get<std::string>());
  ASSERT_GT(names.size(), 1u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end(),
                             [](const std::string& a, const std::string& b) { return text::person_less(a, b); }));

  // The same file again: every unit code and card number is now taken, and nothing more is written.
  const auto again_before = snapshot();
  auto again = upload(board, csv, false);
  EXPECT_EQ(again.status, 400) << again.body.substr(0, 500);
  EXPECT_EQ(snapshot(), again_before);
}

TEST_P(RosterApiTest, BrokenRowsImportNothingAndEveryOneIsListed) {
  // An existing member whose card the file repeats.
  auto cell = app_->add_unit(root_, "grassroots_cell", "Chi bộ Trường THPT Đông Hà", "THPT-DH");
  app_->add_person(cell, "Lê Thị Cũ", "990000000001");
  auto file = province_roster(1000, true);
  file.members.resize(200);
  // 5% of the member rows broken, each in its own way; rows are numbered as the file shows them (header = 1).
  std::map<std::size_t, std::string> broken;  // index -> column
  auto row_of = [](std::size_t index) { return index + 2; };
  file.members[3].cell = "KHONG-CO";
  broken[3] = "cell";
  file.members[17].card_number = file.members[16].card_number;
  broken[17] = "card_number";
  file.members[25].card_number = "990000000001";
  broken[25] = "card_number";
  file.members[40].birth_date = "1990-02-30";
  broken[40] = "birth_date";
  // "Nguyễn" with the tone as a combining mark (NFD): reported, not silently fixed.
  file.members[52].full_name = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n Nam";
  broken[52] = "full_name";
  file.members[60].card_number = "12AB";
  broken[60] = "card_number";
  file.members[77].official_on = "1950-01-01";
  broken[77] = "official_on";
  file.members[90].full_name = "";
  broken[90] = "full_name";
  file.members[120].cell = file.units[0].code;  // an upper-grassroots committee, not a cell
  broken[120] = "cell";
  file.members[199].gender = "unknown";
  broken[199] = "gender";
  std::string csv = roster_csv(file);
  // A gender outside the list cannot come from the records: write it into the text (the third field; the card
  // number and the name before it hold no comma or quote).
  {
    std::size_t at = 0;
    for (std::size_t line = 1; line < row_of(199); ++line) at = csv.find('\n', at) + 1;
    auto c1 = csv.find(',', at), c2 = csv.find(',', c1 + 1), c3 = csv.find(',', c2 + 1);
    csv.replace(c2 + 1, c3 - c2 - 1, "Khác");
  }
  // A unit of an unknown kind in the unit section.
  csv += "X-9,Chi bộ lạ,Tổ đảng,,\r\n";

  auto board = app_->login("bantochuc", "mat-khau-123");
  const auto before = snapshot();
  auto dry = upload(board, csv, true);
  ASSERT_EQ(dry.status, 200) << dry.body.substr(0, 2000);
  const Json& report = dry.json();
  EXPECT_FALSE(report["ok"].get<bool>());
  const auto listed = places(report);
  for (const auto& [index, column] : broken)
    EXPECT_TRUE(listed.count({row_of(index), column}))
        << "row " << row_of(index) << " column " << column << " not listed: " << report["problems"].dump();
  std::set<std::string> codes;
  for (const auto& p : report["problems"]) codes.insert(p["code"].get<std::string>());
  for (const char* c : {"unknown_cell", "duplicate", "invalid_date", "not_nfc", "pattern", "date_order", "required",
                        "not_a_cell", "invalid_value", "unknown_kind"})
    EXPECT_TRUE(codes.count(c)) << "no problem of code " << c << ": " << report["problems"].dump();
  // Only broken rows are listed (and the unit row).
  std::set<std::size_t> rows;
  for (const auto& p : report["problems"]) rows.insert(p["row"].get<std::size_t>());
  EXPECT_EQ(rows.size(), broken.size() + 1) << report["problems"].dump();
  EXPECT_EQ(report["problems_total"], report["problems"].size());
  for (const auto& p : report["problems"]) {
    EXPECT_FALSE(p["reason_vi"].get<std::string>().empty());
    EXPECT_FALSE(p["reason_en"].get<std::string>().empty());
  }
  EXPECT_EQ(snapshot(), before);

  auto refused = upload(board, csv, false);
  EXPECT_EQ(refused.status, 400) << refused.body.substr(0, 500);
  EXPECT_EQ(refused.error_code(), "invalid_input");
  EXPECT_EQ(refused.json()["error"]["details"].size(), report["problems"].size());
  EXPECT_EQ(snapshot(), before) << "a refused import wrote";
}

TEST_P(RosterApiTest, WrongEncodingAndMissingColumnsImportNothing) {
  auto board = app_->login("bantochuc", "mat-khau-123");
  const auto before = snapshot();
  // "Nguyễn Thị Hằng" in Windows-1258 (base letters with combining tone marks) on line 3.
  const std::string cp1258 =
      "Số thẻ đảng viên,Họ và tên,Mã chi bộ\r\n"
      "000000000001,Tran Van An,C1\r\n"
      "000000000002,Nguy\xEA\xDEn Th\xEF H\xE2\xECng,C1\r\n";
  auto r = upload(board, cp1258, true);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.json()["problems"].empty());
  const auto& first = r.json()["problems"][0];
  EXPECT_EQ(first["code"], "encoding");
  EXPECT_EQ(first["row"], 3);
  // Byte offset of the first byte that is not UTF-8: the header, line 2, then "000000000002,Nguy".
  const std::size_t offset = std::string(
                                 "Số thẻ đảng viên,Họ và tên,Mã chi bộ\r\n000000000001,Tran Van An,C1\r\n"
                                 "000000000002,Nguy")
                                 .size();
  EXPECT_NE(first["reason_en"].get<std::string>().find(fmt::format("byte {}", offset)), std::string::npos)
      << first.dump();
  EXPECT_NE(first["reason_en"].get<std::string>().find("Windows-1258"), std::string::npos) << first.dump();
  EXPECT_EQ(upload(board, cp1258, false).status, 400);

  const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("S\0o\0", 4);
  auto r16 = upload(board, utf16, true);
  ASSERT_EQ(r16.status, 200) << r16.body;
  EXPECT_EQ(r16.json()["problems"][0]["code"], "encoding");

  // No name and no cell column: both reported on the header row, and no row is imported.
  const std::string missing = "Số thẻ đảng viên,Ngày sinh\r\n000000000001,01/02/1980\r\n";
  auto m = upload(board, missing, true);
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(places(m.json()), (std::set<std::pair<std::size_t, std::string>>{{1, "full_name"}, {1, "cell"}}));
  for (const auto& p : m.json()["problems"]) EXPECT_EQ(p["code"], "missing_column");
  EXPECT_EQ(upload(board, missing, false).status, 400);
  EXPECT_EQ(snapshot(), before);
}

TEST_P(RosterApiTest, OnlyTheBoardOrAnAdministratorOfTheUnitMayImportOrExport) {
  auto staff = app_->login("vanphong", "mat-khau-123");
  auto board = app_->login("bantochuc", "mat-khau-123");
  const auto before = snapshot();
  auto csv = roster_csv(province_roster(1000, true));
  EXPECT_EQ(upload(staff, csv, false).status, 403);
  EXPECT_EQ(staff.get(fmt::format("/api/v1/units/{}/roster.csv", root_)).status, 403);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(board.request("POST", "/api/v1/units/999999/roster/import", csv).status, 404);
  auto bad_mapping = board.request("POST", import_path(true) + "&mapping=%7B%22H%22%3A%22nope%22%7D", csv);
  ASSERT_EQ(bad_mapping.status, 400) << bad_mapping.body;
  EXPECT_EQ(bad_mapping.json()["error"]["details"][0]["path"], "query.mapping[\"H\"]");
  EXPECT_EQ(snapshot(), before);
}

// Import (as the CLI does: the system, no unit) into an EMPTY database, then export the same subtree.
std::string roundtrip_through_empty_database(Backend backend, const std::string& file_bytes, const std::string& name,
                                             const std::string& root_code) {
  store::testing::TemporaryDatabase temp(backend);
  auto db = temp.open(2);
  db->migrate();
  auto file = roster::read_roster_bytes(file_bytes, name);
  EXPECT_TRUE(file.problems.empty()) << file.problems.front().reason_en;
  {
    auto tx = db->begin(store::Access::write);
    service::roster::ImportOptions options;
    options.source = name;
    auto imported = service::roster::import_roster(*tx, nullptr, file, options);
    EXPECT_TRUE(imported.ok()) << (imported.ok() ? "" : imported.error().message);
    if (!imported.ok()) return {};
    EXPECT_EQ((*imported)["imported"]["members"], file.members.size());
    tx->commit();
  }
  auto tx = db->begin(store::Access::read);
  auto root = service::roster::unit_by_code(*tx, root_code);
  EXPECT_TRUE(root.has_value());
  if (!root) return {};
  auto exported = service::roster::export_roster(*tx, nullptr, *root);
  EXPECT_TRUE(exported.ok());
  return exported.ok() ? roster_csv(*exported) : std::string();
}

TEST_P(RosterApiTest, ExportThenImportIntoAnEmptyDatabaseRoundTripsAndXlsxFromLibreOfficeImportsTheSame) {
  auto board = app_->login("bantochuc", "mat-khau-123");
  const auto file = province_roster(1000, true);
  ASSERT_EQ(upload(board, roster_csv(file), false).status, 200);

  auto csv = board.get(fmt::format("/api/v1/units/{}/roster.csv", root_));
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 500);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find(".csv"), std::string::npos);
  // The export holds the unit itself (no parent code), every unit below it and every member.
  auto read_back = roster::read_roster_bytes(csv.body, "export.csv");
  ASSERT_TRUE(read_back.problems.empty()) << read_back.problems.front().reason_en;
  EXPECT_EQ(read_back.members.size(), file.members.size());
  EXPECT_EQ(read_back.units.size(), file.units.size() + 1);

  EXPECT_EQ(roundtrip_through_empty_database(GetParam(), csv.body, "export.csv", "TN"), csv.body);

  auto xlsx = board.get(fmt::format("/api/v1/units/{}/roster.xlsx", root_));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(roster::looks_like_xlsx(xlsx.body));
  EXPECT_EQ(roundtrip_through_empty_database(GetParam(), xlsx.body, "export.xlsx", "TN"), csv.body);

  // The CSV converted to XLSX by LibreOffice (text columns for codes and card numbers, day-first dates as dates)
  // imports the same as the CSV: the same units and members, the same export.
  XEPLOAI_REQUIRE_PROGRAMS("soffice");
  const auto dir = temp_dir(store::testing::backend_name(GetParam()));
  std::ofstream(dir / "roster.csv", std::ios::binary) << csv.body;
  std::string log;
  ::xeploai::testing::soffice_convert({dir / "roster.csv"}, "xlsx:Calc MS Excel 2007 XML", dir, &log,
                                      "CSV:44,34,76,1,1/2/2/2/3/2/4/4/5/4/6/4/7/2/8/2/9/2/10/2/11/4");
  ASSERT_TRUE(fs::exists(dir / "roster.xlsx")) << log;
  const auto lo = ::xeploai::testing::read_file(dir / "roster.xlsx");
  auto lo_roster = roster::read_roster_bytes(lo, "roster.xlsx");
  ASSERT_TRUE(lo_roster.problems.empty())
      << lo_roster.problems.front().reason_en << " row " << lo_roster.problems.front().row;
  EXPECT_EQ(roundtrip_through_empty_database(GetParam(), lo, "roster.xlsx", "TN"), csv.body);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
