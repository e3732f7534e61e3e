// GET /api/v1/units/{id}/statistics and its XLSX and PDF exports over the real server, on SQLite and PostgreSQL: the
// JSON for the charts, the files opened with real readers (LibreOffice converts the XLSX to CSV, compared cell by
// cell; pdftotext keeps the Vietnamese names; pdffonts finds every font embedded), and the refusals.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/support/test_app.hpp"
#include "export/readers.hpp"

namespace xeploai::api::testing {
namespace {

namespace fs = std::filesystem;
using service::Role;

class StatsApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto root = app_->root_unit();
    commune_ = app_->add_unit(root, "grassroots_committee", "Đảng bộ xã Quỳnh Lưu", "XQL");
    cell_a_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Đồng Sơn", "XQL-1");
    cell_b_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Hữu Lũng", "XQL-2");
    other_ = app_->add_unit(root, "grassroots_committee", "Đảng bộ phường Bến Thủy", "PBT");
    const char* a_grades[] = {"HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"};
    const char* b_grades[] = {"HTTNV", "HTTNV", "KHTNV"};
    for (int i = 0; i < 5; ++i)
      a_.push_back(app_->add_person(cell_a_, fmt::format("Hồ Thị Ngọc Ánh {}", i), fmt::format("A{:05}", i)));
    for (int i = 0; i < 3; ++i)
      b_.push_back(app_->add_person(cell_b_, fmt::format("Đặng Văn Lữ {}", i), fmt::format("B{:05}", i)));
    app_->write([&](store::Transaction& tx) {
      const auto cycle = tx.query_one(
                               "INSERT INTO review_cycles (year, quarter, ruleset, root_unit_id, status, "
                               "complaint_days, grading_date, created_at, updated_at) VALUES (2025, 0, 'qd366-2025', "
                               "$1, 'closed', 30, '2025-12-31', 0, 0) RETURNING id",
                               store::params(commune_))
                             ->get_int(0);
      auto subject = [&](const char* kind, std::optional<std::int64_t> person, std::int64_t unit, const char* grade) {
        tx.execute(
            "INSERT INTO review_subjects (cycle_id, kind, person_id, unit_id, place, profile, form, reviewed, graded, "
            "state, grade, created_at, updated_at) VALUES ($1, $2, $3, $4, 'cell', 'non_leader', '02B', 1, 1, "
            "'published', $5, 0, 0)",
            store::params(cycle, kind, person, unit, grade));
      };
      for (int i = 0; i < 5; ++i) subject("member", a_[i], cell_a_, a_grades[i]);
      for (int i = 0; i < 3; ++i) subject("member", b_[i], cell_b_, b_grades[i]);
      subject("party_organization", std::nullopt, cell_a_, "HTXSNV");
      subject("party_organization", std::nullopt, cell_b_, "HTNV");
      subject("party_organization", std::nullopt, commune_, "HTTNV");
    });
    app_->add_account("capuy.ql", "mat-khau-QL1", commune_, {{Role::committee, commune_}});
    app_->add_account("capuy.bt", "mat-khau-BT1", other_, {{Role::committee, other_}});
    app_->add_account("dangvien.ql", "mat-khau-DV1", cell_a_, {{Role::member, cell_a_}}, a_[1]);
  }

  fs::path save(const std::string& body, const std::string& name) {
    dir_ = fs::temp_directory_path() /
           fmt::format("xeploai-stats-api-{}-{}", ::getpid(), store::testing::backend_name(GetParam()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / name, std::ios::binary) << body;
    return dir_ / name;
  }
  void TearDown() override {
    app_.reset();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  std::unique_ptr<TestApp> app_;
  std::int64_t commune_ = 0, cell_a_ = 0, cell_b_ = 0, other_ = 0;
  std::vector<std::int64_t> a_, b_;
  fs::path dir_;
};

TEST_P(StatsApiTest, AnswersCountsAndSharesForChartsPerChild) {
  auto client = app_->login("capuy.ql", "mat-khau-QL1");
  auto r = client.get(fmt::format("/api/v1/units/{}/statistics", commune_));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& j = r.json();
  EXPECT_EQ(j["year"], 2025);
  const auto& members = j["unit"]["categories"]["members"];
  EXPECT_EQ(members["total"], 8);
  EXPECT_EQ(members["counts"]["HTXSNV"], 1);
  EXPECT_EQ(members["counts"]["HTTNV"], 5);
  EXPECT_EQ(members["counts"]["HTNV"], 1);
  EXPECT_EQ(members["counts"]["KHTNV"], 1);
  EXPECT_DOUBLE_EQ(members["shares"]["HTTNV"].get<double>(), 62.5);
  EXPECT_DOUBLE_EQ(members["shares"]["HTXSNV"].get<double>(), 12.5);
  EXPECT_EQ(j["unit"]["categories"]["cells"]["counts"]["HTNV"], 1);
  EXPECT_EQ(j["unit"]["categories"]["grassroots_organizations"]["counts"]["HTTNV"], 1);
  ASSERT_EQ(j["children"].size(), 2u);
  EXPECT_EQ(j["children"][0]["name"], "Chi bộ thôn Đồng Sơn");
  EXPECT_EQ(j["children"][0]["categories"]["members"]["counts"]["HTTNV"], 3);
  EXPECT_EQ(j["children"][1]["categories"]["members"]["counts"]["KHTNV"], 1);
  ASSERT_EQ(j["years"].size(), 1u);
  EXPECT_EQ(j["years"][0]["year"], 2025);
  EXPECT_EQ(j["cycles"][0]["source"], "counted");
  // A year without a cycle answers empty counts; a malformed one is refused naming the parameter.
  auto empty = client.get(fmt::format("/api/v1/units/{}/statistics?year=2019&years=2019", commune_));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json()["unit"]["categories"]["members"]["total"], 0);
  auto bad = client.get(fmt::format("/api/v1/units/{}/statistics?years=2024,abc", commune_));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json()["error"]["details"][0]["path"], "query.years[1]");
}

TEST_P(StatsApiTest, RefusesOtherBranchesAndPlainMembers) {
  auto other = app_->login("capuy.bt", "mat-khau-BT1");
  for (const char* suffix : {"", ".xlsx", ".pdf"}) {
    auto r = other.get(fmt::format("/api/v1/units/{}/statistics{}", commune_, suffix));
    EXPECT_EQ(r.status, 403) << suffix << " " << r.body;
    EXPECT_EQ(r.error_code(), "forbidden");
  }
  EXPECT_EQ(other.get(fmt::format("/api/v1/units/{}/statistics", other_)).status, 200);
  auto member = app_->login("dangvien.ql", "mat-khau-DV1");
  EXPECT_EQ(member.get(fmt::format("/api/v1/units/{}/statistics", cell_a_)).status, 403);
  EXPECT_EQ(app_->client().get(fmt::format("/api/v1/units/{}/statistics.pdf", commune_)).status, 401);
}

TEST_P(StatsApiTest, XlsxCellsMatchThroughLibreOffice) {
  XEPLOAI_REQUIRE_PROGRAMS("soffice");
  auto client = app_->login("capuy.ql", "mat-khau-QL1");
  auto r = client.get(fmt::format("/api/v1/units/{}/statistics.xlsx?year=2025", commune_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("content-disposition").find(".xlsx"), std::string::npos);
  const auto xlsx = save(r.body, "statistics.xlsx");
  std::string log;
  // Every sheet to its own CSV ("statistics-<sheet>.csv"): filter option 12 = -1 (LibreOffice 7.2+).
  xeploai::testing::soffice_convert(
      {xlsx}, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", dir_, &log);
  const auto csv = dir_ / "statistics-Đảng viên.csv";
  ASSERT_TRUE(fs::exists(csv)) << log;
  const auto rows = xeploai::testing::parse_csv(xeploai::testing::read_file(csv));
  ASSERT_EQ(rows.size(), 6u);  // title, blank, header, two cells, total
  EXPECT_EQ(rows[0][0], "Đảng viên — Đảng bộ xã Quỳnh Lưu năm 2025");
  EXPECT_EQ(rows[2][1], "Đơn vị");
  EXPECT_EQ(rows[2][3], "HTXSNV");
  // Cells as shown (token 9): shares in the sheet's "0.0%" format.
  const std::vector<std::string> first = {
      "1", "Chi bộ thôn Đồng Sơn", "5", "1", "20.0%", "3", "60.0%", "1", "20.0%", "0", "0.0%", "0", "0"};
  EXPECT_EQ(rows[3], first);
  const std::vector<std::string> second = {
      "2", "Chi bộ thôn Hữu Lũng", "3", "0", "0.0%", "2", "66.7%", "0", "0.0%", "1", "33.3%", "0", "0"};
  EXPECT_EQ(rows[4], second);
  const std::vector<std::string> total = {"",  "Tổng cộng", "8", "1",     "12.5%", "5", "62.5%",
                                          "1", "12.5%",     "1", "12.5%", "0",     "0"};
  EXPECT_EQ(rows[5], total);
  // The cells' own grades: the commune's two cells, one row each under their own names.
  const auto cells =
      xeploai::testing::parse_csv(xeploai::testing::read_file(dir_ / "statistics-Chi bộ trực thuộc.csv"));
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_EQ(cells[3][1], "Chi bộ thôn Đồng Sơn");
  EXPECT_EQ(cells[3][3], "1");
  EXPECT_EQ(cells[4][7], "1");
}

TEST_P(StatsApiTest, PdfKeepsVietnameseNamesWithEmbeddedFonts) {
  XEPLOAI_REQUIRE_PROGRAMS("pdftotext", "pdffonts");
  auto client = app_->login("capuy.ql", "mat-khau-QL1");
  auto r = client.get(fmt::format("/api/v1/units/{}/statistics.pdf", commune_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  const auto pdf = save(r.body, "statistics.pdf");
  std::string raw;
  ASSERT_EQ(xeploai::testing::run("pdftotext -enc UTF-8 -raw " + xeploai::testing::quote(pdf) + " -", &raw), 0) << raw;
  // A name may wrap inside its cell: compare with runs of white space as one space.
  std::string text;
  for (char c : raw) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && !text.empty() && text.back() == ' ') continue;
    text += c;
  }
  for (const char* expected : {"ĐẢNG BỘ XÃ QUỲNH LƯU", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Chi bộ thôn Đồng Sơn",
                               "Chi bộ thôn Hữu Lũng", "Đảng viên", "Chi bộ trực thuộc", "5 62,5%", "Tổng cộng"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in:\n" << text;
  std::string fonts;
  ASSERT_EQ(xeploai::testing::run("pdffonts " + xeploai::testing::quote(pdf), &fonts), 0) << fonts;
  std::istringstream lines(fonts);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++count;
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string w; cols >> w;) c.push_back(w);
    ASSERT_GE(c.size(), 7u) << line;
    EXPECT_EQ(c[c.size() - 5], "yes") << "not embedded: " << line;
    EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << line;
  }
  EXPECT_GE(count, 2) << fonts;
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
