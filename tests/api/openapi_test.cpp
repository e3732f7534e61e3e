// The OpenAPI document served at /api/v1/openapi.json describes every route the router knows, and covers units,
// people, accounts and sessions.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {
namespace {

class OpenApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
  }
  std::unique_ptr<TestApp> app_;
};

TEST_P(OpenApiTest, EveryRouteIsDocumented) {
  auto r = app_->client().get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = r.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  const auto& paths = doc["paths"];
  ASSERT_FALSE(app_->router().routes().empty());
  for (const auto& route : app_->router().routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    ASSERT_TRUE(paths.contains(route.pattern)) << route.method << " " << route.pattern << " is not in the document";
    ASSERT_TRUE(paths[route.pattern].contains(method)) << route.method << " " << route.pattern;
    const auto& op = paths[route.pattern][method];
    EXPECT_FALSE(op.value("summary", "").empty()) << route.method << " " << route.pattern << " has no summary";
    EXPECT_FALSE(route.doc.tag.empty()) << route.method << " " << route.pattern << " has no tag";
    // A documented body and parameters reach the document.
    if (!route.doc.request_schema.is_null())
      EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"], route.doc.request_schema) << route.pattern;
    if (route.pattern.find('{') != std::string::npos)
      EXPECT_TRUE(op.contains("parameters")) << route.pattern << " documents no path parameters";
    EXPECT_EQ(op["security"].empty(), !route.doc.authenticated) << route.method << " " << route.pattern;
    if (route.method == "GET")
      EXPECT_FALSE(route.doc.response_schema.is_null()) << route.pattern << " documents no response";
  }
  // Nothing in the document that the router does not serve.
  std::size_t operations = 0;
  for (auto it = paths.begin(); it != paths.end(); ++it) operations += it.value().size();
  EXPECT_EQ(operations, app_->router().routes().size());
}

TEST_P(OpenApiTest, CoversUnitsPeopleAccountsAndSessions) {
  auto doc = app_->client().get("/api/v1/openapi.json").json();
  std::set<std::string> tags;
  const auto& tag_list = doc["tags"];
  for (const auto& t : tag_list) tags.insert(t["name"].get<std::string>());
  for (const char* t : {"units", "people", "accounts", "sessions"}) EXPECT_TRUE(tags.count(t)) << "no tag " << t;
  const auto& paths = doc["paths"];
  for (const char* p : {"/api/v1/sessions", "/api/v1/session", "/api/v1/accounts", "/api/v1/accounts/{id}",
                        "/api/v1/audit", "/api/v1/health", "/api/v1/openapi.json"})
    EXPECT_TRUE(paths.contains(p)) << p;
  EXPECT_TRUE(
      paths["/api/v1/sessions"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"].contains(
          "password"));
  EXPECT_TRUE(paths["/api/v1/sessions"]["post"]["security"].empty()) << "login is public";
  EXPECT_FALSE(paths["/api/v1/accounts"]["get"]["security"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
