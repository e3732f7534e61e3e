// The organization tree: creation rules, scope questions (tree.hpp), history through restructuring, refusals that
// change nothing, version conflicts and audit rows, on SQLite and PostgreSQL.
#include "service/org/tree.hpp"
#include "service/org/units.hpp"
#include "service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

using OrgTest = ServiceTest;

// The names of a tree's children, depth first ("name(members)").
std::string outline(const Json& node) {
  std::string s = node["name"].get<std::string>() + "(" + std::to_string(node["members"].get<int>()) + ")";
  if (!node["children"].empty()) {
    s += "[";
    bool first = true;
    for (auto& c : node["children"]) {
      if (!first) s += ",";
      first = false;
      s += outline(c);
    }
    s += "]";
  }
  return s;
}

TEST_P(OrgTest, SubtreeAndAncestryFollowTheCurrentTree) {
  auto district = unit("upper_grassroots_committee", "Huyện A", "HA", province_);
  auto commune = unit("grassroots_committee", "Xã B", "XB", district);
  auto cell = unit("cell", "Chi bộ thôn 1", "C1", commune);
  read([&](store::Transaction& tx) {
    EXPECT_TRUE(org::unit_in_subtree(tx, cell, province_));
    EXPECT_TRUE(org::unit_in_subtree(tx, cell, cell));
    EXPECT_FALSE(org::unit_in_subtree(tx, district, cell));
    EXPECT_EQ(org::unit_ancestry(tx, cell), (std::vector<std::int64_t>{cell, commune, district, province_}));
    return 0;
  });
}

TEST_P(OrgTest, KindsMustFitTheirParent) {
  auto commune = unit("grassroots_committee", "Xã B", "XB", province_);
  auto cell = unit("cell", "Chi bộ thôn 1", "C1", commune);
  auto under_cell = write([&](store::Transaction& tx) {
    return org::create_unit(tx, call(), {{"kind", "cell"}, {"name", "X"}, {"code", "X"}, {"parent_id", cell}});
  });
  ASSERT_FALSE(under_cell.ok());
  EXPECT_EQ(under_cell.error().code, ErrorCode::invalid_input);
  ASSERT_EQ(under_cell.error().details.size(), 1u);
  EXPECT_EQ(under_cell.error().details[0].path, "parent_id");
  EXPECT_NE(under_cell.error().details[0].problem.find("cannot be placed under a cell"), std::string::npos);

  auto bad = write([&](store::Transaction& tx) {
    return org::create_unit(tx, call(), {{"kind", "ward"}, {"name", ""}, {"parent_id", province_}, {"colour", 1}});
  });
  ASSERT_FALSE(bad.ok());
  std::set<std::string> paths;
  for (auto& d : bad.error().details) paths.insert(d.path);
  EXPECT_EQ(paths, (std::set<std::string>{"kind", "name", "code", "colour"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 3);

  auto dup = write([&](store::Transaction& tx) {
    return org::create_unit(tx, call(), {{"kind", "cell"}, {"name", "Y"}, {"code", "C1"}, {"parent_id", commune}});
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
}

TEST_P(OrgTest, MoveKeepsThePastTree) {
  auto d1 = unit("upper_grassroots_committee", "Huyện A", "HA", province_);
  auto d2 = unit("upper_grassroots_committee", "Huyện B", "HB", province_);
  auto commune = unit("grassroots_committee", "Xã C", "XC", d1);
  auto cell = unit("cell", "Chi bộ 1", "C1", commune);
  person("Nguyễn Văn An", cell, "001");
  auto moved = write([&](store::Transaction& tx) {
    return org::move_unit(tx, call(), commune, {{"parent_id", d2}, {"effective", "2025-07-01"}});
  });
  ASSERT_TRUE(moved.ok()) << describe(moved.error());
  EXPECT_EQ((*moved)["parent_id"], d2);

  auto past = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), province_, "2024-12-31"); });
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(outline((*past)["unit"]), "Đảng bộ tỉnh Thử Nghiệm(0)[Huyện A(0)[Xã C(0)[Chi bộ 1(1)]],Huyện B(0)]");
  auto now = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), province_, "2025-07-01"); });
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(outline((*now)["unit"]), "Đảng bộ tỉnh Thử Nghiệm(0)[Huyện A(0),Huyện B(0)[Xã C(0)[Chi bộ 1(1)]]]");
  read([&](store::Transaction& tx) {
    EXPECT_TRUE(org::unit_in_subtree(tx, cell, d2));
    EXPECT_FALSE(org::unit_in_subtree(tx, cell, d1));
    return 0;
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit.move'"), 1);
}

TEST_P(OrgTest, InvalidMovesAreRefusedAndChangeNothing) {
  auto d1 = unit("upper_grassroots_committee", "Huyện A", "HA", province_);
  auto commune = unit("grassroots_committee", "Xã C", "XC", d1);
  auto cell = unit("cell", "Chi bộ 1", "C1", commune);
  auto commune2 = unit("grassroots_committee", "Xã D", "XD", province_);
  auto audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto relations_before = count("SELECT COUNT(*) FROM unit_parents");
  struct Case {
    std::int64_t unit;
    Json body;
    std::string field, problem;
  };
  std::vector<Case> cases = {
      {d1, {{"parent_id", commune}}, "parent_id", "under itself"},
      {d1, {{"parent_id", d1}}, "parent_id", "under itself"},
      {commune, {{"parent_id", cell}}, "parent_id", "under itself"},
      {commune2, {{"parent_id", cell}}, "parent_id", "under a cell"},
      {cell, {{"parent_id", d1}}, "parent_id", "cannot be under"},
      {commune, {{"parent_id", province_}, {"effective", "2001-01-01"}}, "effective", "on or after"},
      {commune, {{"parent_id", 9999}}, "parent_id", "no unit"},
      {commune, {{"parent_id", province_}, {"effective", "2025-02-30"}}, "effective", "valid date"},
  };
  for (auto& c : cases) {
    auto r = write([&](store::Transaction& tx) { return org::move_unit(tx, call(), c.unit, c.body); });
    ASSERT_FALSE(r.ok()) << c.body.dump();
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << c.body.dump();
    ASSERT_FALSE(r.error().details.empty());
    EXPECT_EQ(r.error().details[0].path, c.field) << c.body.dump();
    EXPECT_NE(r.error().details[0].problem.find(c.problem), std::string::npos) << r.error().details[0].problem;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM unit_parents"), relations_before);
  read([&](store::Transaction& tx) {
    EXPECT_EQ(org::unit_ancestry(tx, cell), (std::vector<std::int64_t>{cell, commune, d1, province_}));
    return 0;
  });
}

TEST_P(OrgTest, MergeMovesMembersAndKeepsHistory) {
  auto commune = unit("grassroots_committee", "Xã C", "XC", province_);
  auto c1 = unit("cell", "Chi bộ thôn 1", "C1", commune);
  auto c2 = unit("cell", "Chi bộ thôn 2", "C2", commune);
  auto a = person("Trần Văn Bình", c1, "001");
  person("Lê Thị Hoa", c1, "002");
  person("Phạm Văn Cường", c2, "003");
  auto merged = write([&](store::Transaction& tx) {
    return org::merge_units(
        tx, call(),
        {{"sources", {c1, c2}},
         {"new_unit", {{"kind", "cell"}, {"name", "Chi bộ thôn Mới"}, {"code", "CM"}, {"parent_id", commune}}},
         {"effective", "2025-03-01"}});
  });
  ASSERT_TRUE(merged.ok()) << describe(merged.error());
  auto target = (*merged)["unit"]["id"].get<std::int64_t>();
  EXPECT_EQ((*merged)["moved_members"], 3);

  auto before = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), commune, "2024-12-31"); });
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(outline((*before)["unit"]), "Xã C(0)[Chi bộ thôn 1(2),Chi bộ thôn 2(1)]");
  auto after = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), commune, "2025-03-01"); });
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(outline((*after)["unit"]), "Xã C(0)[Chi bộ thôn Mới(3)]");

  auto p = read([&](store::Transaction& tx) { return people::get_person(tx, call(), a); });
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)["unit_id"], target);
  ASSERT_EQ((*p)["memberships"].size(), 2u);
  EXPECT_EQ((*p)["memberships"][0]["valid_to"], "2025-03-01");
  auto c1_now = read([&](store::Transaction& tx) { return org::get_unit(tx, call(), c1); });
  EXPECT_EQ((*c1_now)["dissolved_on"], "2025-03-01");
  // A dissolved unit's code may be reused; the merged-away units are no longer listed.
  auto listed =
      read([&](store::Transaction& tx) { return org::list_units(tx, call(), org::UnitQuery{.parent_id = commune}); });
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->total, 1);
  EXPECT_EQ(listed->items[0]["code"], "CM");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit.merge'"), 3);
}

TEST_P(OrgTest, MergeIntoCommitteeRefusesMembersWithoutChange) {
  auto commune = unit("grassroots_committee", "Xã C", "XC", province_);
  auto other = unit("grassroots_committee", "Xã D", "XD", province_);
  auto c1 = unit("cell", "Chi bộ thôn 1", "C1", commune);
  person("Trần Văn Bình", c1, "001");
  auto audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto r = write([&](store::Transaction& tx) {
    return org::merge_units(tx, call(), {{"sources", {c1}}, {"into", other}});
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().details[0].path, "sources[0]");
  EXPECT_NE(r.error().details[0].problem.find("only be moved into a cell"), std::string::npos);
  auto cycle = write([&](store::Transaction& tx) {
    return org::merge_units(tx, call(), {{"sources", {commune}}, {"into", c1}});
  });
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM units WHERE dissolved_on IS NOT NULL"), 0);
}

TEST_P(OrgTest, SplitAssignsEverythingOnce) {
  auto commune = unit("grassroots_committee", "Xã C", "XC", province_);
  auto cell = unit("cell", "Chi bộ lớn", "CL", commune);
  auto a = person("Trần Văn Bình", cell, "001");
  auto b = person("Lê Thị Hoa", cell, "002");
  auto c = person("Phạm Văn Cường", cell, "003");
  auto incomplete = write([&](store::Transaction& tx) {
    return org::split_unit(tx, call(), cell,
                           {{"parts",
                             {{{"name", "Chi bộ Đông"}, {"code", "CD"}, {"members", {a, b}}},
                              {{"name", "Chi bộ Tây"}, {"code", "CT"}, {"members", {b}}}}},
                            {"effective", "2025-05-01"}});
  });
  ASSERT_FALSE(incomplete.ok());
  std::vector<std::string> paths;
  for (auto& d : incomplete.error().details) paths.push_back(d.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"parts[1].members[0]", "parts"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 3);

  auto ok = write([&](store::Transaction& tx) {
    return org::split_unit(tx, call(), cell,
                           {{"parts",
                             {{{"name", "Chi bộ Đông"}, {"code", "CD"}, {"members", {a, b}}},
                              {{"name", "Chi bộ Tây"}, {"code", "CT"}, {"members", {c}}}}},
                            {"effective", "2025-05-01"}});
  });
  ASSERT_TRUE(ok.ok()) << describe(ok.error());
  auto past = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), commune, "2025-04-30"); });
  EXPECT_EQ(outline((*past)["unit"]), "Xã C(0)[Chi bộ lớn(3)]");
  auto now = read([&](store::Transaction& tx) { return org::unit_tree(tx, call(), commune, "2025-05-01"); });
  EXPECT_EQ(outline((*now)["unit"]), "Xã C(0)[Chi bộ Đông(2),Chi bộ Tây(1)]");
}

TEST_P(OrgTest, StaleVersionIsAConflict) {
  auto commune = unit("grassroots_committee", "Xã C", "XC", province_);
  auto first = write([&](store::Transaction& tx) {
    return org::update_unit(tx, call(), commune, {{"version", 1}, {"name", "Xã C mới"}});
  });
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)["version"], 2);
  auto stale = write([&](store::Transaction& tx) {
    return org::update_unit(tx, call(), commune, {{"version", 1}, {"name", "Xã C khác"}});
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto now = read([&](store::Transaction& tx) { return org::get_unit(tx, call(), commune); });
  EXPECT_EQ((*now)["name"], "Xã C mới");
  auto audit = read([&](store::Transaction& tx) {
    return tx.query_one("SELECT before_json, after_json FROM audit_log WHERE action = 'unit.update'").value();
  });
  EXPECT_EQ(Json::parse(audit.get_text(0))["name"], "Xã C");
  EXPECT_EQ(Json::parse(audit.get_text(1))["name"], "Xã C mới");
}

TEST_P(OrgTest, OutOfScopeCallersAreRefused) {
  auto d1 = unit("upper_grassroots_committee", "Huyện A", "HA", province_);
  auto d2 = unit("upper_grassroots_committee", "Huyện B", "HB", province_);
  auto commune = unit("grassroots_committee", "Xã C", "XC", d2);
  Principal local;
  local.username = "local";
  local.grants = {{Role::administrator, d1}};
  auto c = call_as(local);
  auto get = read([&](store::Transaction& tx) { return org::get_unit(tx, c, commune); });
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().code, ErrorCode::forbidden);
  auto move = write([&](store::Transaction& tx) { return org::move_unit(tx, c, commune, {{"parent_id", d1}}); });
  ASSERT_FALSE(move.ok());
  EXPECT_EQ(move.error().code, ErrorCode::forbidden);
  auto listed = read([&](store::Transaction& tx) { return org::list_units(tx, c, {}); });
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->total, 1);
  EXPECT_EQ(listed->items[0]["id"], d1);
  Principal staff;
  staff.grants = {{Role::committee_staff, province_}};
  auto create = write([&](store::Transaction& tx) {
    return org::create_unit(tx, call_as(staff),
                            {{"kind", "cell"}, {"name", "X"}, {"code", "X"}, {"parent_id", commune}});
  });
  ASSERT_FALSE(create.ok());
  EXPECT_EQ(create.error().code, ErrorCode::forbidden);
}

TEST_P(OrgTest, CollectivesBelongToTheUnitTheyLead) {
  auto commune = unit("grassroots_committee", "Xã C", "XC", province_);
  auto created = write([&](store::Transaction& tx) {
    return org::create_collective(
        tx, call(), commune,
        {{"kind", "standing_committee"}, {"name", "Ban Thường vụ Đảng ủy xã C"}, {"valid_from", "2020-10-01"}});
  });
  ASSERT_TRUE(created.ok()) << describe(created.error());
  auto bad = write([&](store::Transaction& tx) {
    return org::create_collective(tx, call(), commune, {{"kind", "club"}, {"name", "X"}});
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details[0].path, "kind");
  auto ended = write([&](store::Transaction& tx) {
    return org::update_collective(tx, call(), (*created)["id"], {{"version", 1}, {"valid_to", "2025-10-01"}});
  });
  ASSERT_TRUE(ended.ok());
  auto current = read([&](store::Transaction& tx) { return org::list_collectives(tx, call(), commune, false); });
  EXPECT_TRUE((*current)["items"].empty());
  auto all = read([&](store::Transaction& tx) { return org::list_collectives(tx, call(), commune, true); });
  ASSERT_EQ((*all)["items"].size(), 1u);
  EXPECT_EQ((*all)["items"][0]["valid_to"], "2025-10-01");
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
