#include "api/grading_routes.hpp"

#include "api/org_routes.hpp"
#include "batch/check.hpp"
#include "domain/grade.hpp"

namespace xeploai::api {
namespace {

using namespace detail;
using http::Json;

// FORMAT.md "Input", in outline: the parser checks every field and names each problem's JSON path.
Json request_schema() {
  Json unit_kinds = Json::array();
  for (int k = 0; k <= static_cast<int>(domain::UnitKind::agency); ++k)
    unit_kinds.push_back(std::string(domain::code(static_cast<domain::UnitKind>(k))));
  Json unit = object({{"id", string_type()},
                      {"kind", {{"type", "string"}, {"enum", unit_kinds}}},
                      {"parent", nullable(string_type())},
                      {"name", string_type()}},
                     {"id", "kind"});
  Json subject = object({{"id", string_type()},
                         {"kind", enum_of({"member", "party_organization", "leadership_collective"})},
                         {"unit", string_type()},
                         {"proposed", nullable(grade_schema())},
                         {"score", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}},
                         {"ratings", {{"type", "object"}, {"additionalProperties", string_type()}}},
                         {"tasks", {{"type", "object"}}},
                         {"limitations", {{"type", "object"}}},
                         {"discipline", array_of({{"type", "object"}})}},
                        {"id", "kind", "unit"});
  subject["additionalProperties"] = true;  // the kind-specific facts of FORMAT.md
  return object({{"format", {{"type", "integer"}, {"enum", {1}}}},
                 {"ruleset", string_type()},
                 {"year", integer()},
                 {"as_of", string_type("date")},
                 {"options", {{"type", "object"}}},
                 {"units", array_of(unit)},
                 {"subjects", array_of(subject)}},
                {"format", "year", "as_of", "units", "subjects"});
}

// FORMAT.md "Output".
Json response_schema() {
  Json finding = object({{"rule", string_type()},
                         {"cap", nullable(grade_schema())},
                         {"source", string_type()},
                         {"message_vi", string_type()},
                         {"message_en", string_type()}},
                        {"rule", "cap", "source", "message_vi", "message_en"});
  Json subject = object({{"id", string_type()},
                         {"graded", boolean()},
                         {"max", nullable(grade_schema())},
                         {"grade", nullable(grade_schema())},
                         {"findings", array_of(finding)}},
                        {"id", "graded", "max", "grade", "findings"});
  Json quota = object({{"rule", string_type()},
                       {"scope", string_type()},
                       {"grade", grade_schema()},
                       {"base", integer()},
                       {"limit", integer()},
                       {"count", integer()},
                       {"ok", boolean()},
                       {"source", string_type()}},
                      {"rule", "scope", "grade", "base", "limit", "count", "ok", "source"});
  return object({{"format", integer()},
                 {"ruleset", string_type()},
                 {"ok", boolean()},
                 {"subjects", array_of(subject)},
                 {"quotas", array_of(quota)}},
                {"format", "ruleset", "ok", "subjects", "quotas"});
}

// A province's batch (100,000 members, ~26-40 MB: docs/performance-engine.md) with room to spare. Only this
// route takes it; every other route keeps the server's body limit (8 MB by default).
constexpr std::size_t kCheckBodyLimit = 64 * 1024 * 1024;

http::RouteDoc check_doc() {
  auto d =
      doc("What-if: grade a FORMAT.md batch with the rules and quotas of its ruleset and answer the result "
          "(200 whether ok is true or false; 400 invalid_input naming each rejected field's JSON path). "
          "Stores nothing",
          "grading", request_schema(), response_schema());
  d.body_limit = kCheckBodyLimit;
  return d;
}

}  // namespace

void register_grading_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;
  router.add("POST", "/api/v1/grading/check", check_doc(), [c](http::Request& request) {
    {
      // Any signed-in user may ask: the answer depends only on the body, it reads no stored data.
      auto tx = c->db.begin(store::Access::read);
      auto who = authenticate(*c, *tx, request);
      if (!who) return http::Response::error(who.error());
    }
    // The result is written straight to the body (a province's result is ~100 MB; no JSON DOM).
    auto result = batch::check(request.body);
    if (!result) return http::Response::error(result.error());
    http::Response response;
    response.body = std::move(result->json);
    return response;
  });
}

}  // namespace xeploai::api
