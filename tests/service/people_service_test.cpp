// People: Vietnamese order, diacritic-insensitive search, subtree and status filters, membership history, posts,
// conflicts and refusals, on SQLite and PostgreSQL.
#include "service/people/people.hpp"
#include "service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

using PeopleTest = ServiceTest;

std::vector<std::string> names(const org::Page& page) {
  std::vector<std::string> out;
  for (auto& p : page.items) out.push_back(p["full_name"].get<std::string>());
  return out;
}

class PeopleWithCells : public PeopleTest {
 protected:
  void SetUp() override {
    PeopleTest::SetUp();
    if (IsSkipped()) return;
    commune_ = unit("grassroots_committee", "Xã C", "XC", province_);
    other_ = unit("grassroots_committee", "Xã D", "XD", province_);
    cell1_ = unit("cell", "Chi bộ 1", "C1", commune_);
    cell2_ = unit("cell", "Chi bộ 2", "C2", other_);
  }
  std::int64_t commune_ = 0, other_ = 0, cell1_ = 0, cell2_ = 0;
};

TEST_P(PeopleWithCells, ListedInVietnameseOrder) {
  // Given names decide first (An < Anh < Ánh < Bình < Dũng < Đức), then family and middle names.
  for (auto [name, card] : std::vector<std::pair<std::string, std::string>>{{"Nguyễn Văn Đức", "1"},
                                                                            {"Trần Thị Ánh", "2"},
                                                                            {"Lê Văn An", "3"},
                                                                            {"Phạm Dũng", "4"},
                                                                            {"Bùi Thị Anh", "5"},
                                                                            {"Đỗ Văn Bình", "6"},
                                                                            {"Hoàng Văn An", "7"}})
    person(name, name.find("Đỗ") == 0 ? cell2_ : cell1_, card);
  auto all = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {}); });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(names(*all), (std::vector<std::string>{"Hoàng Văn An", "Lê Văn An", "Bùi Thị Anh", "Trần Thị Ánh",
                                                   "Đỗ Văn Bình", "Phạm Dũng", "Nguyễn Văn Đức"}));
  auto page2 = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.offset = 2, .limit = 2}); });
  EXPECT_EQ(page2->total, 7);
  EXPECT_EQ(names(*page2), (std::vector<std::string>{"Bùi Thị Anh", "Trần Thị Ánh"}));
  auto subtree = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.unit_id = other_}); });
  EXPECT_EQ(names(*subtree), (std::vector<std::string>{"Đỗ Văn Bình"}));
}

TEST_P(PeopleWithCells, SearchIgnoresDiacritics) {
  person("Nguyễn Văn Đức", cell1_, "1");
  person("Nguyễn Văn Dục", cell1_, "2", "2015-01-01", "exempt");
  person("Trần Văn Đông", cell1_, "3");
  auto found = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.q = "nguyen van duc"}); });
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 2);
  auto upper = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.q = "ĐỨC"}); });
  EXPECT_EQ(names(*upper), (std::vector<std::string>{"Nguyễn Văn Dục", "Nguyễn Văn Đức"}));
  auto exempt =
      read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.status = "exempt", .q = "duc"}); });
  EXPECT_EQ(names(*exempt), (std::vector<std::string>{"Nguyễn Văn Dục"}));
  auto wildcard = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.q = "%"}); });
  EXPECT_EQ(wildcard->total, 0);
}

TEST_P(PeopleWithCells, NamesAreStoredInNfc) {
  // "Đức" written with combining marks (NFD) is stored composed.
  auto id = person("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81\x63", cell1_, "1");
  auto p = read([&](store::Transaction& tx) { return people::get_person(tx, call(), id); });
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)["full_name"], "Nguyễn Văn Đức");
}

TEST_P(PeopleWithCells, MoveKeepsMembershipHistory) {
  auto id = person("Nguyễn Văn An", cell1_, "1", "2016-02-03");
  auto moved = write([&](store::Transaction& tx) {
    return people::move_person(tx, call(), id, {{"unit_id", cell2_}, {"effective", "2024-06-01"}, {"version", 1}});
  });
  ASSERT_TRUE(moved.ok()) << describe(moved.error());
  auto p = read([&](store::Transaction& tx) { return people::get_person(tx, call(), id); });
  ASSERT_EQ((*p)["memberships"].size(), 2u);
  EXPECT_EQ((*p)["memberships"][0]["unit_id"], cell1_);
  EXPECT_EQ((*p)["memberships"][0]["valid_to"], "2024-06-01");
  EXPECT_EQ((*p)["memberships"][1]["unit_id"], cell2_);
  auto tree2023 = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), province_, "2023-12-31"); });
  auto tree2024 = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), province_, "2024-12-31"); });
  auto members_of = [](const Json& tree, const std::string& name) {
    for (auto& commune : tree["unit"]["children"])
      for (auto& cell : commune["children"])
        if (cell["name"] == name) return cell["members"].get<int>();
    return -1;
  };
  EXPECT_EQ(members_of(*tree2023, "Chi bộ 1"), 1);
  EXPECT_EQ(members_of(*tree2024, "Chi bộ 1"), 0);
  EXPECT_EQ(members_of(*tree2024, "Chi bộ 2"), 1);
  // Moving into a committee, or back before the current membership began, is refused.
  auto into_committee = write([&](store::Transaction& tx) {
    return people::move_person(tx, call(), id, {{"unit_id", commune_}});
  });
  ASSERT_FALSE(into_committee.ok());
  EXPECT_EQ(into_committee.error().details[0].path, "unit_id");
  auto backdated = write([&](store::Transaction& tx) {
    return people::move_person(tx, call(), id, {{"unit_id", cell1_}, {"effective", "2020-01-01"}});
  });
  ASSERT_FALSE(backdated.ok());
  EXPECT_EQ(backdated.error().details[0].path, "effective");
  EXPECT_EQ(count("SELECT COUNT(*) FROM memberships"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.move'"), 1);
}

TEST_P(PeopleWithCells, UpdatesCheckVersionsCardsAndDates) {
  auto a = person("Nguyễn Văn An", cell1_, "A-1");
  person("Lê Văn Bình", cell1_, "B-2");
  auto dup = write([&](store::Transaction& tx) {
    return people::update_person(tx, call(), a, {{"version", 1}, {"card_number", "B-2"}});
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_EQ(dup.error().details[0].path, "card_number");
  auto dates = write([&](store::Transaction& tx) {
    return people::update_person(tx, call(), a,
                                 {{"version", 1}, {"birth_date", "1990-01-01"}, {"admitted_on", "1985-05-05"}});
  });
  ASSERT_FALSE(dates.ok());
  EXPECT_EQ(dates.error().details[0].path, "admitted_on");
  auto ok = write([&](store::Transaction& tx) {
    return people::update_person(tx, call(), a,
                                 {{"version", 1}, {"status", "suspended"}, {"full_name", "Nguyễn Văn Ân"}});
  });
  ASSERT_TRUE(ok.ok()) << describe(ok.error());
  EXPECT_EQ((*ok)["version"], 2);
  auto stale = write([&](store::Transaction& tx) {
    return people::update_person(tx, call(), a, {{"version", 1}, {"status", "active"}});
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto search = read([&](store::Transaction& tx) { return people::list_people(tx, call(), {.q = "van an"}); });
  EXPECT_EQ(names(*search), (std::vector<std::string>{"Nguyễn Văn Ân"}));
  auto audit = read([&](store::Transaction& tx) {
    return tx.query_one("SELECT before_json, after_json, scope_path FROM audit_log WHERE action = 'person.update'")
        .value();
  });
  EXPECT_EQ(Json::parse(audit.get_text(0))["status"], "active");
  EXPECT_EQ(Json::parse(audit.get_text(1))["status"], "suspended");
  EXPECT_EQ(audit.get_text(2),
            "/" + std::to_string(province_) + "/" + std::to_string(commune_) + "/" + std::to_string(cell1_) + "/");
}

TEST_P(PeopleWithCells, PostsMarkLeadersAndHeads) {
  auto a = person("Nguyễn Văn An", cell1_, "1");
  auto post = write([&](store::Transaction& tx) {
    return people::create_post(
        tx, call(), a,
        {{"unit_id", commune_}, {"title", "Bí thư Đảng ủy"}, {"is_head", true}, {"valid_from", "2020-10-01"}});
  });
  ASSERT_TRUE(post.ok()) << describe(post.error());
  auto p = read([&](store::Transaction& tx) { return people::get_person(tx, call(), a); });
  EXPECT_TRUE((*p)["is_head"].get<bool>());
  EXPECT_TRUE((*p)["is_leader"].get<bool>());
  auto ended = write([&](store::Transaction& tx) {
    return people::update_post(tx, call(), (*post)["id"], {{"version", 1}, {"valid_to", "2025-09-30"}});
  });
  ASSERT_TRUE(ended.ok());
  p = read([&](store::Transaction& tx) { return people::get_person(tx, call(), a); });
  EXPECT_FALSE((*p)["is_head"].get<bool>());
  auto bad = write([&](store::Transaction& tx) {
    return people::create_post(tx, call(), a, {{"unit_id", commune_}, {"title", "X"}, {"collective_id", 999}});
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details[0].path, "collective_id");
}

TEST_P(PeopleWithCells, ScopeLimitsWhatACallerSeesAndChanges) {
  person("Nguyễn Văn An", cell1_, "1");
  auto b = person("Lê Văn Bình", cell2_, "2");
  Principal secretary;
  secretary.grants = {{Role::cell_secretary, cell1_}};
  auto seen = read([&](store::Transaction& tx) { return people::list_people(tx, call_as(secretary), {}); });
  EXPECT_EQ(names(*seen), (std::vector<std::string>{"Nguyễn Văn An"}));
  auto other = read([&](store::Transaction& tx) { return people::get_person(tx, call_as(secretary), b); });
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
  auto create = write([&](store::Transaction& tx) {
    return people::create_person(tx, call_as(secretary),
                                 {{"full_name", "X"}, {"unit_id", cell1_}, {"status", "active"}});
  });
  ASSERT_FALSE(create.ok());
  EXPECT_EQ(create.error().code, ErrorCode::forbidden);
  Principal self;
  self.person_id = b;
  self.grants = {{Role::member, cell2_}};
  EXPECT_TRUE(read([&](store::Transaction& tx) { return people::get_person(tx, call_as(self), b); }).ok());
  auto roster = read([&](store::Transaction& tx) { return people::list_people(tx, call_as(self), {}); });
  EXPECT_EQ(roster->total, 0);
}

TEST_P(PeopleWithCells, CreateListsEveryProblem) {
  auto r = write([&](store::Transaction& tx) {
    return people::create_person(tx, call(),
                                 {{"full_name", "   "},
                                  {"unit_id", commune_},
                                  {"status", "retired"},
                                  {"gender", "x"},
                                  {"birth_date", "1990-13-01"}});
  });
  ASSERT_FALSE(r.ok());
  std::set<std::string> paths;
  for (auto& d : r.error().details) paths.insert(d.path);
  EXPECT_EQ(paths, (std::set<std::string>{"full_name", "status", "gender", "birth_date"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM people"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleWithCells, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
