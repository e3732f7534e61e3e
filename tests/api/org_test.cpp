// The units API over the real server on SQLite and PostgreSQL: create, read, update with versions, the tree as of a
// date after restructuring, merge and split, collectives, idempotency, refusals (bad input, stale, out of scope).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {
namespace {

class OrgApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    root_ = app_->root_unit();
    district_ = app_->add_unit(root_, "upper_grassroots_committee", "Huyện Tân Phong", "TP");
    commune_ = app_->add_unit(district_, "grassroots_committee", "Đảng bộ xã An Hòa", "AH");
    cell_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Đông", "AH-D");
    app_->add_account("quantri", "mat-khau-123", root_, {{service::Role::administrator, root_}});
    app_->add_account("huyen", "mat-khau-123", district_, {{service::Role::administrator, district_}});
  }
  std::string units(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/units/" + std::to_string(id) + rest;
  }
  std::unique_ptr<TestApp> app_;
  std::int64_t root_ = 0, district_ = 0, commune_ = 0, cell_ = 0;
};

TEST_P(OrgApiTest, CreateReadUpdateWithVersions) {
  auto admin = app_->login("quantri", "mat-khau-123");
  auto created = admin.post("/api/v1/units", {{"kind", "cell"},
                                              {"name", "Chi bộ thôn Tây"},
                                              {"code", "AH-T"},
                                              {"parent_id", commune_},
                                              {"established_on", "2020-01-01"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json()["id"].get<std::int64_t>();
  auto got = admin.get(units(id));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["name"], "Chi bộ thôn Tây");
  EXPECT_EQ(got.json()["parent_id"], commune_);
  // The units above it, from the root down to its parent.
  const auto& ancestors = got.json()["ancestors"];
  ASSERT_EQ(ancestors.size(), 3u) << got.body;
  EXPECT_EQ(ancestors[0]["id"], root_);
  EXPECT_EQ(ancestors[1]["name"], "Huyện Tân Phong");
  EXPECT_EQ(ancestors[2]["id"], commune_);
  EXPECT_EQ(ancestors[2]["kind"], "grassroots_committee");
  EXPECT_TRUE(admin.get(units(root_)).json()["ancestors"].empty());

  auto renamed = admin.patch(units(id), {{"version", 1}, {"name", "Chi bộ thôn Tây Bắc"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["version"], 2);
  auto stale = admin.patch(units(id), {{"version", 1}, {"name", "Khác"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.error_code(), "conflict");

  auto listed = admin.get("/api/v1/units?parent_id=" + std::to_string(commune_));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["total"], 2);
  EXPECT_EQ(listed.json()["items"][0]["name"], "Chi bộ thôn Đông");  // Đ sorts before T in Vietnamese order
  auto search = admin.get("/api/v1/units?q=tay%20bac");
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(search.json()["total"], 1);
  EXPECT_EQ(search.json()["items"][0]["id"], id);
}

TEST_P(OrgApiTest, BadInputNamesEveryFieldAndChangesNothing) {
  auto admin = app_->login("quantri", "mat-khau-123");
  auto before = app_->table_digest("units");
  auto r = admin.post("/api/v1/units", {{"kind", "ward"}, {"parent_id", cell_}, {"established_on", "2020-02-30"}});
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> paths;
  const auto error = r.json();  // kept: a range-for over a part of a temporary would dangle
  for (auto& d : error["error"]["details"]) paths.insert(d["path"].get<std::string>());
  EXPECT_EQ(paths, (std::set<std::string>{"kind", "name", "code", "established_on"})) << r.body;
  auto under_cell = admin.post("/api/v1/units", {{"kind", "cell"}, {"name", "X"}, {"code", "X"}, {"parent_id", cell_}});
  ASSERT_EQ(under_cell.status, 400);
  EXPECT_EQ(under_cell.json()["error"]["details"][0]["path"], "parent_id");
  auto not_json = admin.request("POST", "/api/v1/units", "{kind:");
  EXPECT_EQ(not_json.status, 400);
  auto bad_query = admin.get("/api/v1/units?parent_id=abc");
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(bad_query.json()["error"]["details"][0]["path"], "query.parent_id");
  auto missing = admin.get(units(99999));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(app_->table_digest("units"), before);
}

TEST_P(OrgApiTest, TreeAsOfShowsThePastAfterAMove) {
  auto other = app_->add_unit(root_, "upper_grassroots_committee", "Huyện Phú Lương", "PL");
  app_->add_person(cell_, "Nguyễn Văn An", "000000000001");
  auto admin = app_->login("quantri", "mat-khau-123");
  auto moved = admin.post(units(commune_, "/move"), {{"parent_id", other}, {"effective", "2025-07-01"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto past = admin.get(units(root_, "/tree?as_of=2024-12-31"));
  ASSERT_EQ(past.status, 200) << past.body;
  auto find = [](const Json& node, const std::string& name) -> Json {
    for (auto& c : node["children"])
      if (c["name"] == name) return c;
    return nullptr;
  };
  auto tan_phong = find(past.json()["unit"], "Huyện Tân Phong");
  ASSERT_FALSE(tan_phong.is_null());
  ASSERT_EQ(tan_phong["children"].size(), 1u);
  EXPECT_EQ(tan_phong["children"][0]["children"][0]["members"], 1);
  auto now = admin.get(units(root_, "/tree?as_of=2025-07-01"));
  EXPECT_TRUE(find(now.json()["unit"], "Huyện Tân Phong")["children"].empty());
  EXPECT_EQ(find(now.json()["unit"], "Huyện Phú Lương")["children"].size(), 1u);
  auto bad = admin.get(units(root_, "/tree?as_of=31/12/2024"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["details"][0]["path"], "as_of");
  // Moving the district under its own commune is a cycle.
  auto cycle = admin.post(units(other, "/move"), {{"parent_id", commune_}});
  EXPECT_EQ(cycle.status, 400) << cycle.body;
}

TEST_P(OrgApiTest, MergeAndSplitKeepHistory) {
  auto west = app_->add_unit(commune_, "cell", "Chi bộ thôn Tây", "AH-T");
  auto a = app_->add_person(cell_, "Nguyễn Văn An", "000000000001");
  auto b = app_->add_person(west, "Trần Thị Bình", "000000000002");
  auto admin = app_->login("quantri", "mat-khau-123");
  auto merged = admin.post("/api/v1/units/merge", {{"sources", {west}}, {"into", cell_}, {"effective", "2025-01-01"}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json()["moved_members"], 1);
  EXPECT_EQ(admin.get(units(west)).json()["dissolved_on"], "2025-01-01");
  // Refused first, nothing changed: a member left out is named, and a day before the members joined is written
  // dd/mm/yyyy in Vietnamese, ISO in English.
  const auto before_refusals = app_->table_digest("units") + app_->table_digest("memberships");
  auto left_out = admin.post(units(cell_, "/split"),
                             {{"parts",
                               {{{"name", "Chi bộ thôn Đông 1"}, {"code", "AH-D1"}, {"members", {a}}},
                                {{"name", "Chi bộ thôn Đông 2"}, {"code", "AH-D2"}, {"members", Json::array()}}}},
                              {"effective", "2025-06-01"}});
  ASSERT_EQ(left_out.status, 400) << left_out.body;
  EXPECT_NE(problem_at(left_out, "parts").find("đảng viên Trần Thị Bình chưa được giao cho phần nào"),
            std::string::npos)
      << left_out.body;
  auto too_early = admin.post(units(cell_, "/split"),
                              {{"parts",
                                {{{"name", "Chi bộ thôn Đông 1"}, {"code", "AH-D1"}, {"members", {a}}},
                                 {{"name", "Chi bộ thôn Đông 2"}, {"code", "AH-D2"}, {"members", {b}}}}},
                               {"effective", "2024-12-31"}});
  ASSERT_EQ(too_early.status, 400) << too_early.body;
  EXPECT_EQ(problem_at(too_early, "effective"), "phải từ ngày 01/01/2025 trở đi / must be on or after 2025-01-01");
  EXPECT_EQ(app_->table_digest("units") + app_->table_digest("memberships"), before_refusals);

  auto split =
      admin.post(units(cell_, "/split"), {{"parts",
                                           {{{"name", "Chi bộ thôn Đông 1"}, {"code", "AH-D1"}, {"members", {a}}},
                                            {{"name", "Chi bộ thôn Đông 2"}, {"code", "AH-D2"}, {"members", {b}}}}},
                                          {"effective", "2025-06-01"}});
  ASSERT_EQ(split.status, 200) << split.body;
  auto tree2024 = admin.get(units(commune_, "/tree?as_of=2024-06-01")).json();
  ASSERT_EQ(tree2024["unit"]["children"].size(), 2u);
  auto tree2025 = admin.get(units(commune_, "/tree?as_of=2025-06-01")).json();
  ASSERT_EQ(tree2025["unit"]["children"].size(), 2u);
  EXPECT_EQ(tree2025["unit"]["children"][0]["name"], "Chi bộ thôn Đông 1");
  auto between = admin.get(units(commune_, "/tree?as_of=2025-03-01")).json();
  ASSERT_EQ(between["unit"]["children"].size(), 1u);
  EXPECT_EQ(between["unit"]["children"][0]["members"], 2);
  EXPECT_GE(app_->count_rows("audit_log"), 5);
}

TEST_P(OrgApiTest, CollectivesAndIdempotentCreate) {
  auto admin = app_->login("quantri", "mat-khau-123");
  Json body = {
      {"kind", "executive_committee"}, {"name", "Ban Chấp hành Đảng bộ xã An Hòa"}, {"valid_from", "2020-09-01"}};
  auto first = admin.post(units(commune_, "/collectives"), body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = admin.post(units(commune_, "/collectives"), body, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.json()["id"], first.json()["id"]);
  auto listed = admin.get(units(commune_, "/collectives"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 1u);
  auto id = first.json()["id"].get<std::int64_t>();
  auto ended = admin.patch("/api/v1/collectives/" + std::to_string(id), {{"version", 1}, {"valid_to", "2025-09-30"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_TRUE(admin.get(units(commune_, "/collectives")).json()["items"].empty());
  EXPECT_EQ(admin.get(units(commune_, "/collectives?include_past=true")).json()["items"].size(), 1u);
}

// The same keyed request sent at once from several connections: the handler's effect happens once and every
// caller gets the first answer (on PostgreSQL the twins run concurrently and all but one roll back on the key).
TEST_P(OrgApiTest, ConcurrentTwinsUnderOneIdempotencyKeyCreateOnce) {
  auto admin = app_->login("quantri", "mat-khau-123");
  Json body = {{"kind", "executive_committee"}, {"name", "Ban Chấp hành Đảng bộ xã An Hòa"}, {"valid_from", "2020-09-01"}};
  constexpr int kTwins = 6;
  std::vector<HttpResponse> answers(kTwins);
  {
    std::vector<std::thread> twins;
    for (int i = 0; i < kTwins; ++i)
      twins.emplace_back([&, i, client = admin]() mutable {
        answers[i] = client.post(units(commune_, "/collectives"), body, {{"Idempotency-Key", "twin"}});
      });
    for (auto& t : twins) t.join();
  }
  for (const auto& a : answers) {
    ASSERT_EQ(a.status, 201) << a.body;
    EXPECT_EQ(a.json()["id"], answers[0].json()["id"]);
  }
  EXPECT_EQ(admin.get(units(commune_, "/collectives")).json()["items"].size(), 1u);
  EXPECT_EQ(app_->count_rows("idempotency_keys"), 1);
}

// A refusal under a key is the answer for good: the same request replays it without running again, and nothing
// the refused handler wrote is kept.
TEST_P(OrgApiTest, ARefusalUnderAnIdempotencyKeyIsReplayed) {
  auto admin = app_->login("quantri", "mat-khau-123");
  Json bad = {{"kind", "executive_committee"}, {"name", ""}, {"valid_from", "2020-09-01"}};
  auto before = app_->table_digest("collectives");
  auto first = admin.post(units(commune_, "/collectives"), bad, {{"Idempotency-Key", "k-bad"}});
  ASSERT_EQ(first.status, 400) << first.body;
  auto again = admin.post(units(commune_, "/collectives"), bad, {{"Idempotency-Key", "k-bad"}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(app_->table_digest("collectives"), before);
  Json other = {{"kind", "executive_committee"}, {"name", "Ban Chấp hành"}, {"valid_from", "2020-09-01"}};
  EXPECT_EQ(admin.post(units(commune_, "/collectives"), other, {{"Idempotency-Key", "k-bad"}}).status, 409);
}

TEST_P(OrgApiTest, OutOfScopeAndAnonymousCallersAreRefused) {
  auto other = app_->add_unit(root_, "upper_grassroots_committee", "Huyện Phú Lương", "PL");
  auto far = app_->add_unit(other, "grassroots_committee", "Đảng bộ xã Phú Mỹ", "PM");
  auto district = app_->login("huyen", "mat-khau-123");
  auto before = app_->table_digest("units");
  EXPECT_EQ(district.get(units(far)).status, 403);
  EXPECT_EQ(district.get(units(far, "/tree")).status, 403);
  EXPECT_EQ(district.get(units(far, "/collectives")).status, 403);
  EXPECT_EQ(district.patch(units(far), {{"version", 1}, {"name", "X"}}).status, 403);
  EXPECT_EQ(district.post(units(far, "/move"), {{"parent_id", district_}}).status, 403);
  EXPECT_EQ(district.post(units(commune_, "/move"), {{"parent_id", other}}).status, 403);
  EXPECT_EQ(district.post("/api/v1/units/merge", {{"sources", {far}}, {"into", commune_}}).status, 403);
  EXPECT_EQ(district.post(units(far, "/split"), {{"parts", Json::array()}}).status, 403);
  EXPECT_EQ(district.post("/api/v1/units", {{"kind", "cell"}, {"name", "X"}, {"code", "X"}, {"parent_id", far}}).status,
            403);
  auto visible = district.get("/api/v1/units");
  ASSERT_EQ(visible.status, 200);
  const auto listed = visible.json();
  for (auto& u : listed["items"]) EXPECT_NE(u["id"], far);
  auto anonymous = app_->client();
  EXPECT_EQ(anonymous.get(units(commune_)).status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/units").status, 401);
  EXPECT_EQ(app_->table_digest("units"), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
