#include "http/api.hpp"

#include <gtest/gtest.h>

namespace xeploai::http {
namespace {

TEST(Api, StatusForEveryErrorCode) {
  EXPECT_EQ(status_for(ErrorCode::invalid_input), 400);
  EXPECT_EQ(status_for(ErrorCode::unauthenticated), 401);
  EXPECT_EQ(status_for(ErrorCode::forbidden), 403);
  EXPECT_EQ(status_for(ErrorCode::not_found), 404);
  EXPECT_EQ(status_for(ErrorCode::conflict), 409);
  EXPECT_EQ(status_for(ErrorCode::payload_too_large), 413);
  EXPECT_EQ(status_for(ErrorCode::rate_limited), 429);
  EXPECT_EQ(status_for(ErrorCode::unavailable), 503);
  EXPECT_EQ(status_for(ErrorCode::internal), 500);
}

TEST(Api, ErrorShape) {
  auto r = Response::error(Error::invalid("bad", {{"subjects[3].name", "required"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(Json::parse(r.body), Json::parse(R"({"error": {"code": "invalid_input", "message": "bad",
      "details": [{"path": "subjects[3].name", "problem": "required"}]}})"));
  EXPECT_EQ(Response::error(Error::conflict("stale"), 422).status, 422);
}

TEST(Api, CookieParsing) {
  Request r;
  r.headers["cookie"] = "theme=dark;  xeploai_session=abc123 ; quoted=\"q v\"; empty=";
  EXPECT_EQ(r.cookie("xeploai_session"), "abc123");
  EXPECT_EQ(r.cookie("theme"), "dark");
  EXPECT_EQ(r.cookie("quoted"), "q v");
  EXPECT_EQ(r.cookie("empty"), "");
  EXPECT_EQ(r.cookie("missing"), std::nullopt);
  EXPECT_EQ(r.cookie("xeploai"), std::nullopt);
  Request none;
  EXPECT_EQ(none.cookie("a"), std::nullopt);
}

TEST(Api, QueryDecoding) {
  auto q = parse_query("q=nguy%E1%BB%85n+v%C4%83n&page=2&flag&page=9&x=a%26b");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->at("q"), "nguyễn văn");
  EXPECT_EQ(q->at("page"), "2");  // the first of a repeated key wins
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_EQ(q->at("x"), "a&b");

  auto bad = parse_query("ok=1&q=%E1%BB");  // truncated UTF-8
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(bad.error().details.at(0).path, "query.q");
  EXPECT_FALSE(parse_query("a=%zz").ok());
  EXPECT_FALSE(parse_query("a=%4").ok());
  EXPECT_FALSE(parse_query("a=%00").ok());
  EXPECT_FALSE(parse_query("a=%C0%AF").ok());  // overlong '/'

  EXPECT_EQ(percent_decode("/a+b%2F", false), "/a+b/");
}

TEST(Api, JsonBodyErrorsNameThePosition) {
  Request r;
  r.body = R"({"name": "Chi bộ 1", "x": })";
  auto j = parse_json_body(r);
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(j.error().details.at(0).path, "body");
  EXPECT_NE(j.error().details.at(0).problem.find("byte 29"), std::string::npos) << j.error().details.at(0).problem;

  r.body = "";
  EXPECT_FALSE(parse_json_body(r).ok());
  r.body = R"({"name": "Chi bộ 1"})";
  auto ok = parse_json_body(r);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["name"], "Chi bộ 1");
}

TEST(Api, Pagination) {
  Request r;
  auto p = page_request(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->page, 1);
  EXPECT_EQ(p->page_size, 50);
  r.query = {{"page", "3"}, {"page_size", "20"}};
  p = page_request(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->offset(), 40);
  EXPECT_EQ(page_json(Json::array({1}), 41, *p), (Json{{"items", {1}}, {"page", 3}, {"page_size", 20}, {"total", 41}}));

  r.query = {{"page", "0"}, {"page_size", "100000"}};
  p = page_request(r, 500);
  ASSERT_FALSE(p.ok());
  ASSERT_EQ(p.error().details.size(), 2u);
  EXPECT_EQ(p.error().details[0].path, "query.page");
  EXPECT_EQ(p.error().details[1].path, "query.page_size");
  r.query = {{"page", "2x"}};
  EXPECT_FALSE(page_request(r).ok());
}

}  // namespace
}  // namespace xeploai::http
