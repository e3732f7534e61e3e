// The roster service against the store (records built here; reading files is tested in tests/importer): where
// units go and whether their kind fits, cycles, cells and card numbers in and out of scope, and the derived
// columns of what is written, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <set>

#include "service/roster/roster.hpp"
#include "service_fixture.hpp"
#include "text/text.hpp"

namespace xeploai::service::testing {
namespace {

using importer::roster::MemberRecord;
using importer::roster::Roster;
using importer::roster::UnitRecord;

class RosterImportTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped()) return;
    commune_ = unit("grassroots_committee", "Đảng bộ xã An Bình", "AB", province_);
    cell_ = unit("cell", "Chi bộ thôn 1", "AB-1", commune_);
    other_ = unit("grassroots_committee", "Đảng bộ xã Phú Mỹ", "PM", province_);
    far_cell_ = unit("cell", "Chi bộ thôn Bắc", "PM-B", other_);
    person("Lê Thị Cũ", cell_, "790000000001");
  }
  Result<Json> run(const Roster& file, std::int64_t under, bool dry_run = false, const Principal* who = nullptr) {
    return write([&](store::Transaction& tx) {
      roster::ImportOptions options;
      options.unit_id = under;
      options.dry_run = dry_run;
      options.source = "test.csv";
      return roster::import_roster(tx, who ? who : &admin_, file, options, "test-request");
    });
  }
  static std::set<std::tuple<std::size_t, std::string, std::string>> problems(const Json& report) {
    std::set<std::tuple<std::size_t, std::string, std::string>> out;
    for (const auto& p : report["problems"])
      out.insert({p["row"].get<std::size_t>(), p["column"].get<std::string>(), p["code"].get<std::string>()});
    return out;
  }
  std::int64_t commune_ = 0, cell_ = 0, other_ = 0, far_cell_ = 0;
};

TEST_P(RosterImportTest, EveryUnitAndMemberProblemAgainstTheStoreIsListed) {
  Roster file;
  file.units = {
      {2, "AB-1", "Trùng mã", "cell", "", ""},                        // code taken
      {3, "N1", "Chi bộ mới", "cell", "KHONG", ""},                   // unknown parent
      {4, "N2", "Chi bộ ngoài", "cell", "PM", ""},                    // parent outside AB
      {5, "N3", "Đảng bộ bộ phận", "sectional_committee", "N4", ""},  // cycle N3 -> N4 -> N3
      {6, "N4", "Chi bộ vòng", "sectional_committee", "N3", ""},
      {7, "N5", "Đảng bộ tỉnh con", "province_committee", "", ""},  // a province under a commune
      {9, "N7", "Chi bộ tốt", "cell", "", "2020-01-01"},
  };
  file.members = {
      {11, "790000000001", "Trần Văn Một", "", "", "", "", "AB-1", "", "", false, ""},       // card in store
      {12, "790000000002", "Trần Văn Hai", "", "", "", "", "PM-B", "", "", false, ""},       // cell out of scope
      {13, "790000000003", "Trần Văn Ba", "", "", "", "", "AB", "", "", false, ""},          // not a cell
      {14, "790000000004", "Trần Văn Bốn", "", "", "", "", "Chi bộ lạ", "", "", false, ""},  // unknown cell
      {15, "790000000005", "Trần Văn Năm", "", "1990-01-01", "1989-01-01", "", "N7", "", "", false, ""},
      {16, "790000000006", "Trần Văn Sáu", "", "", "2000-01-01", "1999-01-01", "N7", "", "", false, ""},
      {17, "790000000007", "Trần Văn Bảy", "", "", "", "2000-01-01", "Chi bộ thôn 1", "", "", false, ""},
  };
  const auto units_before = count("SELECT COUNT(*) FROM units");
  auto dry = run(file, commune_, true);
  ASSERT_TRUE(dry.ok()) << describe(dry.error());
  EXPECT_EQ(problems(*dry), (std::set<std::tuple<std::size_t, std::string, std::string>>{
                                {2, "unit_code", "duplicate"},
                                {3, "parent_code", "unknown_parent"},
                                {4, "parent_code", "out_of_scope"},
                                {5, "parent_code", "unit_cycle"},
                                {6, "parent_code", "unit_cycle"},
                                {7, "unit_kind", "kind_not_allowed"},
                                {11, "card_number", "duplicate"},
                                {12, "cell", "out_of_scope"},
                                {13, "cell", "not_a_cell"},
                                {14, "cell", "unknown_cell"},
                                {15, "admitted_on", "date_order"},
                                {16, "official_on", "date_order"},
                                {17, "admitted_on", "required"},
                            }))
      << (*dry)["problems"].dump();
  auto refused = run(file, commune_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().details.size(), 13u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), units_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM people"), 1);
}

TEST_P(RosterImportTest, WritesWhatTheServicesWriteWithOneAuditRow) {
  Roster file;
  // Older than the commune (2010): it keeps its date, its relation to the commune starts with the commune.
  file.units = {{2, "AB-2", "Chi bộ thôn 2", "cell", "", "2005-03-01"}};
  file.members = {
      {4, "790000000010", "Nguyễn Văn Đức", "male", "1980-01-02", "2005-05-19", "2006-05-19", "AB-2", "", "Thôn 2",
       true, "2007-01-01"},
      {5, "", "Phạm Thị Ánh", "female", "", "2025-05-19", "", "Chi bộ thôn 1", "", "", false, ""},
  };
  const auto audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto r = run(file, commune_);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_EQ((*r)["imported"]["units"], 1);
  EXPECT_EQ((*r)["imported"]["members"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before + 1);
  read([&](store::Transaction& tx) {
    auto u = tx.query_one(
        "SELECT u.id, u.path, u.parent_id, p.valid_from, p.parent_id, u.established_on FROM units u JOIN unit_parents "
        "p ON p.unit_id = "
        "u.id AND p.valid_to IS NULL WHERE u.code = 'AB-2'");
    ASSERT_TRUE(u);
    auto commune_path = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(commune_))->get_text(0);
    EXPECT_EQ(u->get_text(1), commune_path + std::to_string(u->get_int(0)) + "/");
    EXPECT_EQ(u->get_int(2), commune_);
    EXPECT_EQ(u->get_text(5), "2005-03-01");
    EXPECT_EQ(u->get_text(3), "2010-01-01");
    EXPECT_EQ(u->get_int(4), commune_);
    auto p = tx.query_one(
        "SELECT p.sort_key, p.search_key, p.status, p.unit_id, m.valid_from, p.is_civil_servant, p.card_number FROM "
        "people p JOIN memberships m ON m.person_id = p.id WHERE p.full_name = 'Nguyễn Văn Đức'");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->get_text(0), text::person_sort_key_hex("Nguyễn Văn Đức"));
    EXPECT_EQ(p->get_text(1), "nguyen van duc");
    EXPECT_EQ(p->get_text(2), "active");  // official, no status given
    EXPECT_EQ(p->get_int(3), u->get_int(0));
    EXPECT_EQ(p->get_text(4), "2007-01-01");
    EXPECT_TRUE(p->get_bool(5));
    auto q = tx.query_one("SELECT status, unit_id, card_number FROM people WHERE full_name = 'Phạm Thị Ánh'");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->get_text(0), "probationary");  // admitted, not yet official
    EXPECT_EQ(q->get_int(1), cell_);            // found by the cell's name
    EXPECT_TRUE(q->is_null(2));
    auto a = tx.query_one("SELECT action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1");
    EXPECT_EQ(a->get_text(0), "roster.import");
    EXPECT_EQ(a->get_int(1), commune_);
  });
  // The listing finds the imported member like any other.
  auto page = read([&](store::Transaction& tx) {
    return people::list_people(tx, call(), {.unit_id = commune_, .q = std::string("nguyen van duc")});
  });
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

TEST_P(RosterImportTest, TheListIsCappedAndTheTotalIsAlwaysGiven) {
  Roster file;
  for (std::size_t i = 0; i < 5; ++i)
    file.members.push_back({i + 2, "", "Trần Văn Mất", "", "", "", "", "KHONG-CO", "", "", false, ""});
  auto dry = write([&](store::Transaction& tx) {
    roster::ImportOptions options{.unit_id = commune_, .dry_run = true, .source = "x.csv", .max_problems = 2};
    return roster::import_roster(tx, &admin_, file, options);
  });
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ((*dry)["problems_total"], 5);
  EXPECT_EQ((*dry)["problems"].size(), 2u);
  auto refused = write([&](store::Transaction& tx) {
    roster::ImportOptions options{.unit_id = commune_, .source = "x.csv", .max_problems = 2};
    return roster::import_roster(tx, &admin_, file, options);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.size(), 2u);
  EXPECT_NE(refused.error().message.find("the file has 5 problems (the first 2 listed)"), std::string::npos)
      << refused.error().message;
}

TEST_P(RosterImportTest, OnlyTheBoardOrAnAdministratorOverTheUnit) {
  Roster file;
  Principal staff{.account_id = 0, .username = "staff", .grants = {{Role::committee_staff, province_}}};
  Principal board{.account_id = 0, .username = "board", .grants = {{Role::organization_board, commune_}}};
  EXPECT_EQ(run(file, commune_, true, &staff).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(file, other_, true, &board).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(run(file, commune_, true, &board).ok());
  EXPECT_EQ(run(file, 999999, true, &board).error().code, ErrorCode::not_found);
  auto exported = read([&](store::Transaction& tx) { return roster::export_roster(tx, &board, other_); });
  EXPECT_EQ(exported.error().code, ErrorCode::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterImportTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
