#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace xeploai::http {
namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = r.target = std::move(path);
  r.request_id = "rid-1";
  return r;
}

RouteDoc doc(std::string summary) {
  RouteDoc d;
  d.summary = std::move(summary);
  d.tag = "things";
  return d;
}

TEST(Router, MatchesParamsAndPrefersLiteralSegments) {
  Router router;
  router.add("GET", "/api/v1/units/{id}", doc("one"), [](Request& r) {
    return Response::json({{"route", "one"}, {"id", r.path_params.at("id")}});
  });
  router.add("GET", "/api/v1/units/tree", doc("tree"), [](Request&) { return Response::json({{"route", "tree"}}); });
  router.add("GET", "/api/v1/units/{id}/people/{person}", doc("p"), [](Request& r) {
    return Response::json({{"id", r.path_params.at("id")}, {"person", r.path_params.at("person")}});
  });

  auto req = make("GET", "/api/v1/units/42");
  auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(Json::parse(res.body), (Json{{"route", "one"}, {"id", "42"}}));

  req = make("GET", "/api/v1/units/tree");
  EXPECT_EQ(Json::parse(router.dispatch(req).body)["route"], "tree");

  req = make("GET", "/api/v1/units/7/people/Nguyễn");
  EXPECT_EQ(Json::parse(router.dispatch(req).body), (Json{{"id", "7"}, {"person", "Nguyễn"}}));

  // A parameter never matches an empty segment, and extra segments do not match.
  req = make("GET", "/api/v1/units/");
  EXPECT_EQ(router.dispatch(req).status, 404);
  req = make("GET", "/api/v1/units/1/2");
  EXPECT_EQ(router.dispatch(req).status, 404);
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Router router;
  router.add("GET", "/api/v1/units", doc("list"), [](Request&) { return Response::json(Json::array()); });
  router.add("POST", "/api/v1/units", doc("create"), [](Request&) { return Response::json({}, 201); });

  auto req = make("GET", "/api/v1/nothing");
  auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(Json::parse(res.body)["error"]["code"], "not_found");

  req = make("DELETE", "/api/v1/units");
  res = router.dispatch(req);
  EXPECT_EQ(res.status, 405);
  ASSERT_EQ(res.headers.size(), 1u);
  EXPECT_EQ(res.headers[0].first, "Allow");
  EXPECT_EQ(res.headers[0].second, "GET, POST");
  auto body = Json::parse(res.body);
  EXPECT_TRUE(body["error"].contains("message"));
  EXPECT_TRUE(body["error"]["details"].is_array());
}

TEST(Router, HandlerExceptionBecomes500WithoutLeakingTheMessage) {
  Router router;
  router.add("GET", "/boom", doc("boom"),
             [](Request&) -> Response { throw std::runtime_error("secret stack detail at db.cpp:12"); });
  auto req = make("GET", "/boom");
  auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 500);
  auto body = Json::parse(res.body);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body["error"]["details"], Json::array());
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("rid-1"), std::string::npos);
}

TEST(Router, RejectsMalformedAndDuplicateRoutes) {
  Router router;
  auto h = [](Request&) { return Response::json({}); };
  router.add("GET", "/a/{id}", doc("a"), h);
  EXPECT_THROW(router.add("GET", "/a/{id}", doc("again"), h), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "no-slash", doc("x"), h), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{id", doc("x"), h), std::invalid_argument);
  EXPECT_THROW(router.add("BREW", "/coffee", doc("x"), h), std::invalid_argument);
  EXPECT_EQ(router.routes().size(), 1u);
}

TEST(Router, OpenApiDocumentsEveryRoute) {
  Router router;
  auto h = [](Request&) { return Response::json({}); };
  RouteDoc list = doc("List units");
  list.query_params = {"page", "page_size", "q"};
  list.response_schema = {{"type", "object"}};
  router.add("GET", "/api/v1/units", list, h);
  RouteDoc create = doc("Create a unit");
  create.request_schema = {{"type", "object"}, {"required", {"name"}}};
  create.idempotency_key = true;
  router.add("POST", "/api/v1/units", create, h);
  RouteDoc login = doc("Log in");
  login.tag = "sessions";
  login.authenticated = false;
  router.add("POST", "/api/v1/sessions", login, h);
  router.add("PATCH", "/api/v1/units/{id}", doc("Update a unit"), h);

  Json api = router.openapi("xeploai API", "0.1.0");
  EXPECT_EQ(api["openapi"], "3.0.3");
  for (const auto& r : router.routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(api["paths"].contains(r.pattern)) << r.pattern;
    ASSERT_TRUE(api["paths"][r.pattern].contains(m)) << r.method << " " << r.pattern;
    EXPECT_EQ(api["paths"][r.pattern][m]["summary"], r.doc.summary);
  }
  const auto& get_units = api["paths"]["/api/v1/units"]["get"];
  EXPECT_EQ(get_units["parameters"].size(), 3u);
  EXPECT_EQ(get_units["security"][0].begin().key(), "cookieAuth");
  const auto& post_units = api["paths"]["/api/v1/units"]["post"];
  EXPECT_EQ(post_units["requestBody"]["content"]["application/json"]["schema"]["required"][0], "name");
  EXPECT_EQ(post_units["parameters"][0]["$ref"], "#/components/parameters/IdempotencyKey");
  EXPECT_EQ(api["paths"]["/api/v1/sessions"]["post"]["security"], Json::array());
  const auto& patch = api["paths"]["/api/v1/units/{id}"]["patch"];
  EXPECT_EQ(patch["parameters"][0]["name"], "id");
  EXPECT_EQ(patch["parameters"][0]["in"], "path");
  EXPECT_TRUE(api["components"]["schemas"].contains("Error"));
  EXPECT_EQ(api["components"]["securitySchemes"]["cookieAuth"]["in"], "cookie");
}

}  // namespace
}  // namespace xeploai::http
