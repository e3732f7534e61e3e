// POST /api/v1/grading/check through the real server on both backends: the result of a valid batch whether
// ok is true or false (the same bytes `xeploai check` prints), 400 invalid_input naming the rejected fields,
// 401 without a session, and nothing stored.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api/support/test_app.hpp"
#include "batch/check.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

// The batch of a public golden case (../shared/grading/cases), as text.
std::string case_batch(const std::string& file) {
  std::ifstream in(std::string(XEPLOAI_SOURCE_DIR) + "/../shared/grading/cases/" + file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  Json c = Json::parse(ss.str());
  return c.at("batch").dump();
}

class GradingApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    unit_ = app_->add_unit(app_->root_unit(), "grassroots_committee", "Đảng bộ xã An Bình", "XAB");
    // Any role will do: a reviewer far down the tree may try a what-if.
    app_->add_account("thu.ky", "mat-khau-123", unit_, {{Role::committee_staff, unit_}});
  }
  HttpResponse check(HttpClient& client, const std::string& body) {
    return client.request("POST", "/api/v1/grading/check", body, {{"Content-Type", "application/json"}});
  }
  std::unique_ptr<TestApp> app_;
  std::int64_t unit_ = 0;
};

TEST_P(GradingApiTest, AnswersTheResultOfABatchThatIsOk) {
  auto client = app_->login("thu.ky", "mat-khau-123");
  std::string batch = case_batch("01-qd366-score-bands.json");
  auto audit_before = app_->count_rows("audit_log");
  auto r = check(client, batch);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ok"], true);
  EXPECT_EQ(r.json()["ruleset"], "qd366-2025");
  EXPECT_EQ(r.json()["subjects"][0]["id"], "m1");
  EXPECT_EQ(r.json()["subjects"][1]["findings"][0]["rule"], "R-SCORE-1");
  // The same bytes as `xeploai check` writes for the batch.
  auto cli = batch::check(batch);
  ASSERT_TRUE(cli.ok());
  EXPECT_EQ(r.body, cli->json);
  EXPECT_EQ(app_->count_rows("audit_log"), audit_before) << "a what-if stores nothing";
}

TEST_P(GradingApiTest, AnswersTheResultWith200WhenAQuotaIsExceeded) {
  auto client = app_->login("thu.ky", "mat-khau-123");
  auto r = check(client, case_batch("08-qd132-member-quota-exceeded.json"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ok"], false);
  bool over = false;
  for (const auto& q : r.json()["quotas"])
    if (q["ok"] == false) over = q["count"].get<std::int64_t>() > q["limit"].get<std::int64_t>();
  EXPECT_TRUE(over) << r.body;
}

TEST_P(GradingApiTest, RejectsInvalidInputNamingEachPath) {
  auto client = app_->login("thu.ky", "mat-khau-123");
  auto r = check(client, case_batch("09-rejected-completed-greater-than-assigned.json"));
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_code(), "invalid_input");
  const auto& details = r.json()["error"]["details"];
  ASSERT_FALSE(details.empty()) << r.body;
  bool named = false;
  for (const auto& d : details) {
    std::string path = d["path"];
    if (path.starts_with("subjects[") && path.ends_with("].tasks.completed"))
      named = d["problem"] == "greater than assigned";
  }
  EXPECT_TRUE(named) << r.body;

  // Not JSON, and JSON of the wrong shape: the same error shape with a path.
  r = check(client, "{\"format\": 1,");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_code(), "invalid_input");
  EXPECT_EQ(r.json()["error"]["details"][0]["path"], "$");
  r = check(client, "{\"format\":1,\"year\":2025,\"as_of\":\"2025-12-01\",\"units\":[],\"subjects\":[],\"extra\":1}");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["details"][0]["path"], "extra");
}

// The route takes bodies above the server's default limit (8 MB): a province's batch is 26-40 MB.
TEST_P(GradingApiTest, TakesABodyLargerThanTheServerDefault) {
  auto client = app_->login("thu.ky", "mat-khau-123");
  std::string padded = case_batch("01-qd366-score-bands.json");
  padded.insert(padded.size() - 1, std::string(9 * 1024 * 1024, ' '));  // JSON whitespace before the last '}'
  auto r = check(client, padded);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.json()["ok"], true);
  // (The 413 of other routes for the same body is the server's own behaviour; the harness client cannot read a
  // response the server sends before the body it refuses, so it is not repeated here.)
}

TEST_P(GradingApiTest, NeedsASignedInCaller) {
  auto anonymous = app_->client();
  auto r = check(anonymous, case_batch("01-qd366-score-bands.json"));
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.error_code(), "unauthenticated");
}

INSTANTIATE_TEST_SUITE_P(Backends, GradingApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
