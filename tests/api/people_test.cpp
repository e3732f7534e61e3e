// The people API over the real server on SQLite and PostgreSQL: Vietnamese order and pagination, diacritic-free
// search, filters, create/update with versions, moves with history, posts, and refusals.
#include <gtest/gtest.h>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {
namespace {

class PeopleApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    root_ = app_->root_unit();
    commune_ = app_->add_unit(root_, "grassroots_committee", "Đảng bộ xã An Hòa", "AH");
    other_ = app_->add_unit(root_, "grassroots_committee", "Đảng bộ xã Phú Mỹ", "PM");
    cell_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Đông", "AH-D");
    far_cell_ = app_->add_unit(other_, "cell", "Chi bộ thôn Bắc", "PM-B");
    app_->add_account("quantri", "mat-khau-123", root_, {{service::Role::administrator, root_}});
    app_->add_account("vanphong", "mat-khau-123", commune_, {{service::Role::committee_staff, commune_}});
  }
  static std::vector<std::string> names(const Json& page) {
    std::vector<std::string> out;
    for (auto& p : page["items"]) out.push_back(p["full_name"].get<std::string>());
    return out;
  }
  std::unique_ptr<TestApp> app_;
  std::int64_t root_ = 0, commune_ = 0, other_ = 0, cell_ = 0, far_cell_ = 0;
};

TEST_P(PeopleApiTest, ListsInVietnameseOrderWithSearchAndPages) {
  app_->add_person(cell_, "Nguyễn Văn Đức", "000000000001");
  app_->add_person(cell_, "Trần Thị Ánh", "000000000002");
  app_->add_person(cell_, "Lê Văn An", "000000000003");
  app_->add_person(far_cell_, "Phạm Văn Dũng", "000000000004");
  auto admin = app_->login("quantri", "mat-khau-123");
  auto all = admin.get("/api/v1/people");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(names(all.json()),
            (std::vector<std::string>{"Lê Văn An", "Trần Thị Ánh", "Phạm Văn Dũng", "Nguyễn Văn Đức"}));
  auto page = admin.get("/api/v1/people?page=2&page_size=3");
  EXPECT_EQ(names(page.json()), (std::vector<std::string>{"Nguyễn Văn Đức"}));
  EXPECT_EQ(page.json()["total"], 4);
  auto search = admin.get("/api/v1/people?q=nguyen%20van%20duc");
  EXPECT_EQ(names(search.json()), (std::vector<std::string>{"Nguyễn Văn Đức"}));
  auto subtree = admin.get("/api/v1/people?unit_id=" + std::to_string(other_));
  EXPECT_EQ(names(subtree.json()), (std::vector<std::string>{"Phạm Văn Dũng"}));
  auto bad = admin.get("/api/v1/people?status=retired");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["details"][0]["path"], "query.status");
}

TEST_P(PeopleApiTest, CreateUpdateMoveAndPosts) {
  auto staff = app_->login("vanphong", "mat-khau-123");
  auto created = staff.post("/api/v1/people", {{"full_name", "Hoàng  Thị   Lan"},
                                               {"unit_id", cell_},
                                               {"status", "probationary"},
                                               {"card_number", "000000000099"},
                                               {"gender", "female"},
                                               {"birth_date", "1995-03-04"},
                                               {"admitted_on", "2025-05-19"},
                                               {"joined_on", "2025-05-19"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["full_name"], "Hoàng Thị Lan");
  auto id = std::to_string(created.json()["id"].get<std::int64_t>());
  auto dup =
      staff.post("/api/v1/people",
                 {{"full_name", "X"}, {"unit_id", cell_}, {"status", "active"}, {"card_number", "000000000099"}});
  EXPECT_EQ(dup.status, 409);
  auto updated =
      staff.patch("/api/v1/people/" + id, {{"version", 1}, {"status", "active"}, {"official_on", "2026-05-19"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(staff.patch("/api/v1/people/" + id, {{"version", 1}, {"status", "exempt"}}).status, 409);

  auto admin = app_->login("quantri", "mat-khau-123");
  auto moved = admin.post("/api/v1/people/" + id + "/move", {{"unit_id", far_cell_}, {"effective", "2026-01-01"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto post =
      admin.post("/api/v1/people/" + id + "/posts",
                 {{"unit_id", far_cell_}, {"title", "Bí thư Chi bộ"}, {"is_head", true}, {"valid_from", "2026-01-01"}});
  ASSERT_EQ(post.status, 201) << post.body;
  auto person = admin.get("/api/v1/people/" + id);
  ASSERT_EQ(person.status, 200);
  EXPECT_EQ(person.json()["memberships"].size(), 2u);
  EXPECT_TRUE(person.json()["is_head"].get<bool>());
  auto post_id = std::to_string(post.json()["id"].get<std::int64_t>());
  auto ended = admin.patch("/api/v1/posts/" + post_id, {{"version", 1}, {"valid_to", "2026-06-30"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_TRUE(admin.get("/api/v1/people/" + id + "/posts").json()["items"].empty());
  EXPECT_EQ(admin.get("/api/v1/people/" + id + "/posts?include_past=true").json()["items"].size(), 1u);
  // The commune's staff no longer manages a member who moved out of the commune.
  EXPECT_EQ(staff.patch("/api/v1/people/" + id, {{"version", 3}, {"status", "exempt"}}).status, 403);
}

TEST_P(PeopleApiTest, OutOfScopeCallersAreRefusedAndNothingChanges) {
  auto far = std::to_string(app_->add_person(far_cell_, "Phạm Văn Dũng", "000000000004"));
  app_->add_person(cell_, "Lê Văn An", "000000000003");
  auto staff = app_->login("vanphong", "mat-khau-123");
  auto before = app_->table_digest("people");
  EXPECT_EQ(staff.get("/api/v1/people/" + far).status, 403);
  EXPECT_EQ(staff.get("/api/v1/people/" + far + "/posts").status, 403);
  EXPECT_EQ(staff.get("/api/v1/people?unit_id=" + std::to_string(other_)).status, 403);
  EXPECT_EQ(staff.patch("/api/v1/people/" + far, {{"version", 1}, {"status", "exempt"}}).status, 403);
  EXPECT_EQ(staff.post("/api/v1/people/" + far + "/move", {{"unit_id", cell_}}).status, 403);
  EXPECT_EQ(staff.post("/api/v1/people/" + far + "/posts", {{"unit_id", far_cell_}, {"title", "X"}}).status, 403);
  EXPECT_EQ(staff.post("/api/v1/people", {{"full_name", "X"}, {"unit_id", far_cell_}, {"status", "active"}}).status,
            403);
  auto mine = staff.get("/api/v1/people");
  EXPECT_EQ(names(mine.json()), (std::vector<std::string>{"Lê Văn An"}));
  auto bad = staff.post("/api/v1/people", {{"full_name", "X"}, {"unit_id", commune_}, {"status", "active"}});
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["details"][0]["path"], "unit_id");
  EXPECT_EQ(app_->client().get("/api/v1/people").status, 401);
  EXPECT_EQ(app_->table_digest("people"), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
