// The roster file shape (importer/roster.hpp): the member and unit sections in either order, the national
// database's headers with a title above and columns we do not read, a user's mapping, every problem with its row
// and column, and the export's cells read back to the same records.
#include "importer/roster.hpp"

#include <gtest/gtest.h>

#include <set>

#include "importer/csv_reader.hpp"

namespace xeploai::importer::roster {
namespace {

Roster read(const std::string& csv, const Mapping& mapping = {}) {
  return read_roster_bytes(csv, "roster.csv", mapping);
}

std::set<std::pair<std::size_t, std::string>> places(const Roster& r) {
  std::set<std::pair<std::size_t, std::string>> out;
  for (const auto& p : r.problems) out.insert({p.row, p.column});
  return out;
}

TEST(Roster, NationalExportWithTitleAndUnreadColumns) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "DANH SÁCH ĐẢNG VIÊN,,,,,,,,\n"
      ",,,,,,,,\n"
      "STT,Số thẻ đảng viên,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chi bộ,Quê quán\n"
      "1,790123456789,Nguyễn Thị Hằng,07/03/1985,Nữ,19/05/2010,19/05/2011,Chi bộ thôn Đông,Hà Tĩnh\n"
      "2,790123456790,Trần Văn Đức,1990-12-31,nam,03/02/2024,,C-02,Nghệ An\n";
  auto r = read(csv);
  ASSERT_TRUE(r.problems.empty()) << r.problems.front().reason_en;
  EXPECT_TRUE(r.has_members_section);
  EXPECT_FALSE(r.has_units_section);
  ASSERT_EQ(r.members.size(), 2u);
  EXPECT_EQ(r.members[0].row, 4u);
  EXPECT_EQ(r.members[0].card_number, "790123456789");
  EXPECT_EQ(r.members[0].gender, "female");
  EXPECT_EQ(r.members[0].birth_date, "1985-03-07");
  EXPECT_EQ(r.members[0].official_on, "2011-05-19");
  EXPECT_EQ(r.members[0].cell, "Chi bộ thôn Đông");
  EXPECT_EQ(r.members[1].gender, "male");
  EXPECT_EQ(r.members[1].official_on, "");
  EXPECT_EQ(r.members[1].status, "");  // derived by the service
  EXPECT_EQ(r.ignored_headers, (std::vector<std::string>{"STT", "Quê quán"}));
}

TEST(Roster, UnitsThenMembersAndTheirKinds) {
  const std::string csv =
      "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày thành lập\n"
      "X1,Đảng bộ xã An Bình,Đảng bộ cơ sở,,01/01/1990\n"
      "X1-T1,Chi bộ thôn 1,Chi bộ,X1,\n"
      "X1-T2,Chi bộ thôn 2,cell,X1,\n"
      "\n"
      "Số thẻ đảng viên,Họ và tên,Mã chi bộ,Trạng thái,Cán bộ, công chức, viên chức\n"
      "790123456789,Lê Văn An,X1-T1,Dự bị,x\n";
  auto r = read(csv);
  ASSERT_TRUE(r.problems.empty()) << r.problems.front().reason_en << " row " << r.problems.front().row;
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].kind, "grassroots_committee");
  EXPECT_EQ(r.units[0].established_on, "1990-01-01");
  EXPECT_EQ(r.units[1].kind, "cell");
  EXPECT_EQ(r.units[1].parent_code, "X1");
  EXPECT_EQ(r.units[2].kind, "cell");
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].row, 7u);  // 1 header, 2-4 units, 5 blank, 6 the member header
  EXPECT_EQ(r.members[0].status, "probationary");
  // "Cán bộ, công chức, viên chức" unquoted splits into three headers: the first word is not a known column.
  EXPECT_FALSE(r.members[0].civil_servant);
}

TEST(Roster, EveryProblemHasItsRowAndColumn) {
  const std::string csv =
      "Số thẻ đảng viên,Họ và tên,Ngày sinh,Giới tính,Mã chi bộ\n"
      "790123456789,Lê Văn An,01/01/1980,Nam,C1\n"        // 2: fine
      "790123456789,Lê Văn Bình,01/01/1980,Nam,C1\n"      // 3: duplicate card
      "790123456791,Lê Văn Chi,31/02/1980,Nam,C1\n"       // 4: no such date
      "790123456792,Le\xCC\x82 Va\xCC\x86n Du,,Nam,C1\n"  // 5: not NFC
      "790123456793,Lê Văn Em,,Bê-đê,C1\n"                // 6: gender
      "79,Lê Văn Phong,,,C1\n"                            // 7: card pattern
      "790123456795,,,,\n"                                // 8: name and cell missing
      "790123456796,Lê Văn Giang,,,C1,extra\n"            // 9: a cell outside the columns
      "\n"
      "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\n"
      "C1,Chi bộ 1,Tổ đảng,\n";  // 12: unknown kind
  auto r = read(csv);
  EXPECT_EQ(places(r), (std::set<std::pair<std::size_t, std::string>>{{3, "card_number"},
                                                                      {4, "birth_date"},
                                                                      {5, "full_name"},
                                                                      {6, "gender"},
                                                                      {7, "card_number"},
                                                                      {8, "full_name"},
                                                                      {8, "cell"},
                                                                      {9, "F (6)"},
                                                                      {12, "unit_kind"}}));
  std::set<std::string> codes;
  for (const auto& p : r.problems) codes.insert(p.code);
  EXPECT_EQ(codes, (std::set<std::string>{"duplicate", "invalid_date", "not_nfc", "invalid_value", "pattern",
                                          "required", "unknown_cell", "unknown_kind"}));
  // Rows are listed in file order whatever the section.
  for (std::size_t i = 1; i < r.problems.size(); ++i) EXPECT_LE(r.problems[i - 1].row, r.problems[i].row);
}

TEST(Roster, MissingColumnsAndAMapping) {
  auto r = read("Số thẻ,Tên\n790123456789,Lê Văn An\n");
  EXPECT_EQ(places(r), (std::set<std::pair<std::size_t, std::string>>{{1, "full_name"}, {1, "cell"}}));
  auto mapping = parse_mapping(R"({"Tên": "full_name", "Đơn vị sinh hoạt": "cell"})");
  ASSERT_TRUE(mapping.ok()) << mapping.error().message;
  auto mapped = read("Số thẻ,Tên,Đơn vị sinh hoạt\n790123456789,Lê Văn An,C1\n", *mapping);
  ASSERT_TRUE(mapped.problems.empty()) << mapped.problems.front().reason_en;
  EXPECT_EQ(mapped.members.at(0).full_name, "Lê Văn An");
  EXPECT_EQ(mapped.members.at(0).cell, "C1");

  auto bad = parse_mapping(R"({"A": "no_such_field", "B": 3, "C": "cell", "D": "cell"})");
  ASSERT_FALSE(bad.ok());
  std::set<std::string> paths;
  for (const auto& d : bad.error().details) paths.insert(d.path);
  EXPECT_EQ(paths, (std::set<std::string>{"mapping[\"A\"]", "mapping[\"B\"]", "mapping[\"D\"]"}));
  EXPECT_FALSE(parse_mapping("[1, 2]").ok());
}

TEST(Roster, WrongEncodingIsAProblemWithRowAndByteOffset) {
  const std::string head = "Số thẻ đảng viên,Họ và tên,Mã chi bộ\n790123456789,Tran Van An,C1\n790123456790,Nguy";
  auto r = read(head + "\xEA\xDEn,C1\n790123456791,L\xEA,C1\n");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].code, "encoding");
  EXPECT_EQ(r.problems[0].row, 3u);
  EXPECT_NE(r.problems[0].reason_en.find("byte " + std::to_string(head.size())), std::string::npos)
      << r.problems[0].reason_en;
  EXPECT_EQ(r.problems[1].row, 4u);
  auto utf16 =
      read(std::string("\xFF\xFE"
                       "S\0",
                       4));
  ASSERT_EQ(utf16.problems.size(), 1u);
  EXPECT_EQ(utf16.problems[0].code, "encoding");
}

TEST(Roster, ExportCellsReadBackToTheSameRecords) {
  MemberRecord m;
  m.card_number = "000000000042";
  m.full_name = "Nguyễn Thị Thu Hà";
  m.gender = "female";
  m.birth_date = "1970-01-02";
  m.admitted_on = "1995-05-19";
  m.official_on = "1996-05-19";
  m.cell = "T01.H01.X01.C01";
  m.status = "exempt";
  m.residence = "Thôn Đông, xã Tân Phong";
  m.civil_servant = true;
  m.joined_on = "2001-09-02";
  UnitRecord u;
  u.code = "T01.H01.X01.C01";
  u.name = "Chi bộ thôn \"Đông\"";
  u.kind = "cell";
  u.parent_code = "T01.H01.X01";
  u.established_on = "1980-01-01";
  auto quote = [](const std::vector<std::string>& cells) {
    std::string line;
    for (const auto& c : cells) {
      std::string q = "\"";
      for (char ch : c) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      line += (line.empty() ? "" : ",") + q + "\"";
    }
    return line + "\r\n";
  };
  UnitRecord parent{.code = "T01.H01.X01", .name = "Đảng bộ xã", .kind = "grassroots_committee"};
  auto r = read(quote(member_header()) + quote(member_cells(m)) + quote(unit_header()) + quote(unit_cells(parent)) +
                quote(unit_cells(u)));
  ASSERT_TRUE(r.problems.empty()) << r.problems.front().reason_en << " row " << r.problems.front().row;
  ASSERT_EQ(r.members.size(), 1u);
  const auto& b = r.members[0];
  EXPECT_EQ(std::tie(b.card_number, b.full_name, b.gender, b.birth_date, b.admitted_on, b.official_on, b.cell, b.status,
                     b.residence, b.civil_servant, b.joined_on),
            std::tie(m.card_number, m.full_name, m.gender, m.birth_date, m.admitted_on, m.official_on, m.cell, m.status,
                     m.residence, m.civil_servant, m.joined_on));
  ASSERT_EQ(r.units.size(), 2u);
  const auto& v = r.units[1];
  EXPECT_EQ(std::tie(v.code, v.name, v.kind, v.parent_code, v.established_on),
            std::tie(u.code, u.name, u.kind, u.parent_code, u.established_on));
}

}  // namespace
}  // namespace xeploai::importer::roster
