// Column mapping and row validation: every problem reported with its row and column, nothing passed on from a
// file that has any.
#include "importer/schema.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "importer/csv_reader.hpp"
#include "importer/xlsx_reader.hpp"

namespace xeploai::importer {
namespace {

namespace fs = std::filesystem;

// A roster schema of the kind the org module will use.
Schema roster() {
  return {{
      {.key = "card_number",
       .label_vi = "Số thẻ đảng viên",
       .label_en = "Party card number",
       .aliases = {"Số thẻ"},
       .type = ColumnType::pattern,
       .required = true,
       .unique = true,
       .pattern = "[0-9]{8,12}",
       .pattern_hint_vi = "8 đến 12 chữ số",
       .pattern_hint_en = "8 to 12 digits"},
      {.key = "full_name", .label_vi = "Họ và tên", .label_en = "Full name", .required = true},
      {.key = "birth_date",
       .label_vi = "Ngày sinh",
       .label_en = "Date of birth",
       .type = ColumnType::date,
       .required = true},
      {.key = "gender",
       .label_vi = "Giới tính",
       .label_en = "Gender",
       .type = ColumnType::enumeration,
       .values = {"Nam", "Nữ"}},
      {.key = "admitted_on", .label_vi = "Ngày vào Đảng", .label_en = "Admission date", .type = ColumnType::date},
      {.key = "cell", .label_vi = "Chi bộ", .label_en = "Party cell", .required = true},
  }};
}

struct Checked {
  Report report;
  std::vector<ValidatedRow> rows;
};

Checked check_csv(const std::string& csv, const Options& options = {}) {
  auto reader = CsvReader::from_string(csv, "roster.csv");
  EXPECT_TRUE(reader.ok());
  Checked out;
  auto report = check(**reader, roster(), options, [&](const ValidatedRow& r) { out.rows.push_back(r); });
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
  if (report.ok()) out.report = std::move(report).value();
  return out;
}

std::string problems_text(const Report& r) {
  std::string out;
  for (const auto& p : r.problems) out += fmt::format("{} {} {}: {}\n", p.row, p.column, p.code, p.reason_en);
  return out;
}

TEST(Schema, HeadersMatchIgnoringCaseAndDiacriticsAfterATitle) {
  auto c = check_csv(
      "DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐỒNG TÂM,,,,,\n"
      ",,,,,\n"
      "SO THE,ho va ten,Ngày  sinh,GIỚI TÍNH,Chi bộ,Quê quán\n"
      "79012345, Nguyễn   Thị Hằng ,07/03/1985,nữ,Chi bộ thôn Đồng Tâm,Yên Phúc\n"
      "79012346,Trần Văn Đức,1990-12-31,NAM,Chi bộ thôn 2,\n");
  ASSERT_TRUE(c.report.ok()) << problems_text(c.report);
  EXPECT_EQ(c.report.header_row, 3u);
  EXPECT_EQ(c.report.rows, 2u);
  EXPECT_EQ(c.report.valid_rows, 2u);
  EXPECT_EQ(c.report.ignored_headers, std::vector<std::string>{"Quê quán"});
  EXPECT_EQ(c.report.source_column, (std::vector<int>{0, 1, 2, 3, -1, 4}));
  ASSERT_EQ(c.rows.size(), 2u);
  EXPECT_EQ(c.rows[0].row, 4u);
  EXPECT_EQ(c.rows[0].values,
            (std::vector<std::string>{"79012345", "Nguyễn Thị Hằng", "1985-03-07", "Nữ", "", "Chi bộ thôn Đồng Tâm"}));
  EXPECT_EQ(c.rows[1].values[2], "1990-12-31");
  EXPECT_EQ(c.rows[1].values[3], "Nam");
}

TEST(Schema, ExplicitMappingOverridesMatching) {
  Options o;
  o.mapping = {{"card_number", "Mã ĐV"}, {"cell", "Đơn vị"}};
  auto c = check_csv("Mã ĐV,Họ và tên,Ngày sinh,Đơn vị\n12345678,Lê Thị Thu Hà,1/2/1979,Chi bộ 1\n", o);
  ASSERT_TRUE(c.report.ok()) << problems_text(c.report);
  EXPECT_EQ(c.rows.at(0).values[0], "12345678");
  EXPECT_EQ(c.rows.at(0).values[2], "1979-02-01");

  o.mapping = {{"card_number", "Không có"}};
  auto bad = check_csv("Số thẻ,Họ và tên,Ngày sinh,Chi bộ\n12345678,A,01/01/1980,C\n", o);
  ASSERT_EQ(bad.report.problems.size(), 1u);
  EXPECT_EQ(bad.report.problems[0].code, "unmapped_header");
  EXPECT_EQ(bad.report.problems[0].column, "card_number");
  EXPECT_TRUE(bad.rows.empty() || !bad.report.ok());
}

TEST(Schema, EveryKindOfProblemNamesRowAndColumn) {
  const std::string nfd_name = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";  // typed with combining marks
  auto c = check_csv(
      "Số thẻ,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Chi bộ\n"
      "11111111,Phạm Quốc Việt,01/01/1980,Nam,,Chi bộ 1\n"      // 2: fine
      "11111111,Hoàng Thị Ánh Tuyết,02/02/1981,Nữ,,Chi bộ 1\n"  // 3: duplicate card
      "1234,Vũ Đình Dũng,31/02/1982,Nam,,Chi bộ 1\n"            // 4: pattern, date
      "22222222," +
      nfd_name +
      ",03/03/1983,Khác,,Chi bộ 2\n"                            // 5: not NFC, gender
      "33333333,,04/04/1984,Nam,13/13/2000,\n"                  // 6: required x2, date
      "44444444,Bùi Văn Ước,05/05/1985,Nam,,Chi bộ 3,thừa\n");  // 7: unknown cell
  const std::set<std::tuple<std::size_t, std::string, std::string>> expected = {
      {3, "card_number", "duplicate"},    {4, "card_number", "pattern"},  {4, "birth_date", "invalid_date"},
      {5, "full_name", "not_nfc"},        {5, "gender", "invalid_value"}, {6, "full_name", "required"},
      {6, "admitted_on", "invalid_date"}, {6, "cell", "required"},        {7, "G (7)", "unknown_cell"},
  };
  std::set<std::tuple<std::size_t, std::string, std::string>> got;
  for (const auto& p : c.report.problems) {
    got.insert({p.row, p.column, p.code});
    EXPECT_FALSE(p.reason_vi.empty());
    EXPECT_FALSE(p.reason_en.empty());
  }
  EXPECT_EQ(got, expected) << problems_text(c.report);
  EXPECT_EQ(c.report.rows, 6u);
  EXPECT_EQ(c.report.valid_rows, 1u);
  // The duplicate names the first row; the error form carries one detail per problem.
  EXPECT_NE(c.report.problems[0].reason_en.find("row 2"), std::string::npos);
  const Error e = c.report.to_error();
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  ASSERT_EQ(e.details.size(), expected.size());
  EXPECT_EQ(e.details[0].path, "row 3, column card_number");

  // With normalization on, the NFD name is accepted and stored as NFC.
  Options o;
  o.normalize_nfc = true;
  auto n = check_csv("Số thẻ,Họ và tên,Ngày sinh,Chi bộ\n22222222," + nfd_name + ",03/03/1983,Chi bộ 2\n", o);
  ASSERT_TRUE(n.report.ok()) << problems_text(n.report);
  EXPECT_EQ(n.rows.at(0).values[1], "Nguyễn Văn An");
}

TEST(Schema, DatesInTheirForms) {
  EXPECT_EQ(parse_date("07/03/1985"), "1985-03-07");
  EXPECT_EQ(parse_date("7/3/1985"), "1985-03-07");
  EXPECT_EQ(parse_date("07-03-1985"), "1985-03-07");
  EXPECT_EQ(parse_date("07.03.1985"), "1985-03-07");
  EXPECT_EQ(parse_date("1985-03-07"), "1985-03-07");
  EXPECT_EQ(parse_date("1985-03-07 00:00:00"), "1985-03-07");
  EXPECT_EQ(parse_date("29/02/2024"), "2024-02-29");
  EXPECT_EQ(parse_date("29/02/2023"), "");
  EXPECT_EQ(parse_date("1985-3-7"), "");
  EXPECT_EQ(parse_date("03/1985"), "");
  EXPECT_EQ(parse_date("07/03/85"), "");
  EXPECT_EQ(parse_date("01/01/1800"), "");
  EXPECT_EQ(parse_date("1985-03-07 10:00:00"), "");
  EXPECT_EQ(column_letter(0), "A");
  EXPECT_EQ(column_letter(25), "Z");
  EXPECT_EQ(column_letter(26), "AA");
  EXPECT_EQ(column_letter(701), "ZZ");
}

// The three broken files of the issue: a wrong encoding, missing columns, 5% bad rows. None passes a row on
// to be imported (the import is all or nothing) and every bad row is reported.
TEST(BrokenFiles, MissingColumnsReportedAtTheHeader) {
  auto c = check_csv("Họ và tên,Giới tính\nNguyễn Thị Hằng,Nữ\n");
  std::set<std::string> missing;
  for (const auto& p : c.report.problems) {
    EXPECT_EQ(p.code, "missing_column");
    EXPECT_EQ(p.row, 1u);
    missing.insert(p.column);
  }
  EXPECT_EQ(missing, (std::set<std::string>{"card_number", "birth_date", "cell"}));
  EXPECT_FALSE(c.report.ok());
}

TEST(BrokenFiles, WrongEncodingNamesEveryBadLine) {
  const fs::path path = fs::temp_directory_path() / ("xeploai-cp1258-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "So the,Ho va ten,Ngay sinh,Chi bo\n12345678,Nguyen Van A,01/01/1980,Chi bo 1\n";
    out << "12345679,Nguy\xEA\xDEn Thi\xF2 H\xE3\xCCng,01/01/1980,Chi bo 1\n";
    out << "12345680,Tran Van B,01/01/1980,Chi bo 1\n";
    out << "12345681,Tr\xE2\xECn V\xE3n \xD0\xFD\xECc,01/01/1980,Chi bo 1\n";
  }
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok());
  std::size_t passed_on = 0;
  auto report = check(**reader, roster(), {}, [&](const ValidatedRow&) { ++passed_on; });
  fs::remove(path);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("line 3"), std::string::npos) << report.error().message;
  EXPECT_NE(report.error().message.find("Windows-1258"), std::string::npos) << report.error().message;
  ASSERT_EQ(report.error().details.size(), 2u);
  EXPECT_EQ(report.error().details[0].path, "line 3");
  EXPECT_EQ(report.error().details[1].path, "line 5");
  // Row 2 was valid and passed on; the caller's transaction is what makes the import all or nothing.
  EXPECT_EQ(passed_on, 1u);
}

TEST(BrokenFiles, FivePercentBadRowsAreEachReported) {
  std::string csv = "Số thẻ,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Chi bộ\n";
  std::set<std::size_t> bad_rows;
  const std::size_t n = 2000;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t row = i + 2;
    std::string card = std::to_string(10000000 + i), date = "15/06/1975", cell = "Chi bộ thôn 1";
    if (i % 20 == 7) {  // 5%: one of four faults
      bad_rows.insert(row);
      switch ((i / 20) % 4) {
        case 0:
          card = "12AB";
          break;
        case 1:
          date = "31/04/1975";
          break;
        case 2:
          card = std::to_string(10000000 + i - 1);
          break;  // duplicates the row above
        case 3:
          cell = "";
          break;
      }
    }
    csv += fmt::format("{},Đặng Thị Mỹ Ngọc {},{},Nữ,,{}\n", card, i, date, cell);
  }
  auto c = check_csv(csv);
  std::set<std::size_t> reported;
  for (const auto& p : c.report.problems) reported.insert(p.row);
  EXPECT_EQ(reported, bad_rows) << problems_text(c.report);
  EXPECT_EQ(c.report.problems.size(), bad_rows.size());
  EXPECT_EQ(c.report.rows, n);
  EXPECT_EQ(c.report.valid_rows, n - bad_rows.size());
}

}  // namespace
}  // namespace xeploai::importer
