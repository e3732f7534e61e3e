// The account's e-mail address (where e-mail reminders go, service/mail) over the real server on both backends:
// accepted and normalized on create and update, cleared with null, refused with its path and nothing changed.
#include <gtest/gtest.h>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

class AccountEmailApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    commune_ = app_->add_unit(app_->root_unit(), "grassroots_committee", "Đảng bộ xã An Bình", "XAB");
    app_->add_account("admin.a", "mat-khau-A1", commune_, {{Role::administrator, commune_}});
  }
  void TearDown() override { app_.reset(); }
  std::unique_ptr<TestApp> app_;
  std::int64_t commune_ = 0;
};

TEST_P(AccountEmailApiTest, AddressIsAcceptedNormalizedClearedAndCheckedWithItsPath) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  auto created = c.post("/api/v1/accounts", {{"username", "bi.thu"},
                                             {"display_name", "Bí thư"},
                                             {"password", "mat-khau-123"},
                                             {"home_unit_id", commune_},
                                             {"email", " BiThu@XaAnBinh.Gov.VN "}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["email"], "BiThu@xaanbinh.gov.vn");
  const auto id = std::to_string(created.json()["id"].get<std::int64_t>());

  const auto digest = app_->table_digest("accounts");
  auto bad = c.post("/api/v1/accounts", {{"username", "van.phong"},
                                         {"display_name", "Văn phòng"},
                                         {"password", "mat-khau-123"},
                                         {"home_unit_id", commune_},
                                         {"email", "văn.phòng@xa"}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json()["error"]["details"][0]["path"], "email") << bad.body;
  auto bad_patch = c.patch("/api/v1/accounts/" + id, {{"version", 1}, {"email", 42}});
  ASSERT_EQ(bad_patch.status, 400) << bad_patch.body;
  EXPECT_EQ(bad_patch.json()["error"]["details"][0]["path"], "email");
  EXPECT_EQ(app_->table_digest("accounts"), digest) << "refused input changes nothing";

  auto changed = c.patch("/api/v1/accounts/" + id, {{"version", 1}, {"email", "thu.ky@example.vn"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["email"], "thu.ky@example.vn");
  auto cleared = c.patch("/api/v1/accounts/" + id, {{"version", 2}, {"email", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json()["email"].is_null());
  EXPECT_TRUE(c.get("/api/v1/accounts/" + id).json()["email"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountEmailApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
