#include "api/review_routes.hpp"

#include "api/org_routes.hpp"
#include "service/review/review.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace review = service::review;

Json level_schema() { return enum_of({"cell", "grassroots", "upper_grassroots", "province"}); }
Json steps_schema() {
  return object({{"self_review", integer()}, {"meeting", integer()}, {"proposal", integer()}, {"decision", integer()}});
}
Json calendar_entry() {
  return object({{"level", level_schema()},
                 {"self_review", date_type()},
                 {"meeting", date_type()},
                 {"proposal", date_type()},
                 {"decision", date_type()},
                 {"reporting", date_type()}},
                {"level", "self_review", "meeting", "proposal", "decision", "reporting"});
}
Json reason_schema() { return object({{"rule", string_type()}, {"vi", string_type()}, {"en", string_type()}}); }

Json cycle_schema() {
  return object(
      {{"id", integer()},
       {"year", integer()},
       {"quarter", integer()},
       {"ruleset", string_type()},
       {"root_unit_id", integer()},
       {"root_unit_name", string_type()},
       {"status", enum_of({"open", "closed"})},
       {"complaint_days", integer()},
       {"grading_date", date_type()},
       {"calendar", array_of(calendar_entry())},
       {"subjects",
        object({{"total", integer()}, {"reviewed", integer()}, {"graded", integer()}, {"submitted", integer()}})},
       {"version", integer()}},
      {"id", "year", "quarter", "ruleset", "root_unit_id", "status", "calendar", "version"});
}

Json my_review_schema() {
  return object({{"id", integer()},
                 {"cycle_id", integer()},
                 {"year", integer()},
                 {"quarter", integer()},
                 {"ruleset", string_type()},
                 {"unit_id", integer()},
                 {"unit_name", string_type()},
                 {"place", review_place_schema()},
                 {"post_title", nullable(string_type())},
                 {"profile", enum_of({"collective", "leader_central", "leader", "non_leader", "member_outside"})},
                 {"form", string_type()},
                 {"reviewed", boolean()},
                 {"graded", boolean()},
                 {"reasons", array_of(reason_schema())},
                 {"state", review_state_schema()},
                 {"version", integer()},
                 {"statement_status", nullable(enum_of({"draft", "submitted"}))},
                 {"statement_version", integer()},
                 {"self_review_due", nullable(date_type())}},
                {"id", "cycle_id", "unit_id", "form", "reviewed", "graded", "state"});
}

// The statement's content: the same keys a refusal's details name ("sections.limitations", "tasks[0].evidence[0]").
Json content_properties() {
  return {{"sections", text_map(string_type())},
          {"scores", text_map({{"type", "number"}})},
          {"ratings", text_map(enum_of({"kem", "trung_binh", "tot", "xuat_sac"}))},
          {"tasks", array_of(object(
                        {{"title", string_type()},
                         {"status", enum_of({"in_progress", "completed_on_time", "completed_late", "not_completed"})},
                         {"exceeded", boolean()},
                         {"key", boolean()},
                         {"evidence", array_of(string_type())}},
                        {"title", "status"}))},
          {"limitations", object({{"identified", integer()}, {"remedied", integer()}})},
          {"proposed", nullable(grade_schema())}};
}

Json statement_schema() {
  auto p = content_properties();
  p["subject_id"] = integer();
  p["state"] = review_state_schema();
  p["status"] = enum_of({"not_started", "draft", "submitted"});
  p["entered_by"] = nullable(integer());
  p["on_behalf"] = boolean();
  p["submitted_at"] = nullable(integer());
  p["version"] = integer();
  p["form"] = object({{"code", string_type()},
                      {"title_vi", string_type()},
                      {"title_en", string_type()},
                      {"appendix", string_type()},
                      {"sections", array_of(object({{"key", string_type()},
                                                    {"title_vi", string_type()},
                                                    {"title_en", string_type()},
                                                    {"required", boolean()}}))},
                      {"points", boolean()},
                      {"score_groups", array_of(object({{"key", string_type()},
                                                        {"title_vi", string_type()},
                                                        {"title_en", string_type()},
                                                        {"max", {{"type", "number"}}}}))},
                      {"criteria", array_of(string_type())},
                      {"tasks_required", boolean()},
                      {"evidence_required", boolean()}});
  return object(p, {"subject_id", "state", "status", "form", "version"});
}

Json progress_entry() {
  return object({{"unit_id", integer()},
                 {"name", string_type()},
                 {"kind", string_type()},
                 {"total", integer()},
                 {"pending", steps_schema()},
                 {"late", steps_schema()}});
}

}  // namespace

void register_review_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;

  router.add("POST", "/api/v1/cycles",
             doc("Open the review cycle of a year (or quarter 1–3 under 366) for a unit's subtree: ruleset by year, "
                 "calendar per level (default 43-HD), subjects from the roster; needs committee, organization board "
                 "or administrator on the unit; 409 when an open cycle of the period covers part of the subtree",
                 "review",
                 object({{"unit_id", integer()},
                         {"year", integer()},
                         {"quarter", integer()},
                         {"ruleset", string_type()},
                         {"complaint_days", integer()},
                         {"grading_date", date_type()},
                         {"calendar", array_of(calendar_entry())}},
                        {"unit_id", "year"}),
                 cycle_schema(), {}, true),
             write_body(ctx, 201, review::open_cycle));

  router.add(
      "GET", "/api/v1/cycles",
      doc("Review cycles the caller sees (every level of the subtree and above it at once, and the "
          "subjects), or those covering unit_id; newest first",
          "review", nullptr, page_of(cycle_schema()), {"unit_id", "page", "page_size"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
          auto page = http::page_request(request);
          if (!page) return page.error();
          auto unit = query_int(request, "unit_id");
          if (!unit) return unit.error();
          auto result = review::list_cycles(tx, call_of(who, request), {*unit, page->offset(), page->page_size});
          if (!result) return result.error();
          return http::page_json(std::move(result->items), result->total, *page);
        });
      });

  router.add("GET", "/api/v1/cycles/{id}",
             doc("One review cycle with its calendar and subject counts; 404 when the caller does not see it", "review",
                 nullptr, cycle_schema()),
             read_by_id(ctx, review::get_cycle));

  router.add("GET", "/api/v1/cycles/{id}/progress",
             doc("Progress of the cycle for unit_id (default its root) and the units directly below, rolled up: "
                 "pending and late per step against each level's calendar, and who has not submitted",
                 "review", nullptr,
                 object({{"cycle_id", integer()},
                         {"as_of", date_type()},
                         {"unit", progress_entry()},
                         {"children", array_of(progress_entry())},
                         {"not_submitted", array_of(object({{"subject_id", integer()},
                                                            {"person_id", integer()},
                                                            {"full_name", string_type()},
                                                            {"unit_id", integer()},
                                                            {"state", review_state_schema()}}))},
                         {"not_submitted_total", integer()}}),
                 {"unit_id"}),
             [c](Request& request) {
               return handle_read(*c, request,
                                  [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
                                    auto id = path_id(request, "id");
                                    if (!id) return id.error();
                                    auto unit = query_int(request, "unit_id");
                                    if (!unit) return unit.error();
                                    return review::cycle_progress(tx, call_of(who, request), *id, *unit);
                                  });
             });

  router.add(
      "GET", "/api/v1/cycles/{id}/subjects",
      doc("Subjects of the cycle in unit_id's subtree (default its root), each with its state, the meeting's, "
          "proposed and decided grades and the statement's status; members first in Vietnamese name order. "
          "own=true: only the unit's own collective subjects (its party organization, its leadership collectives). "
          "Needs read_reviews on the unit",
          "review", nullptr,
          page_of(object({{"subject_id", integer()},
                          {"kind", subject_kind_schema()},
                          {"person_id", nullable(integer())},
                          {"collective_id", nullable(integer())},
                          {"full_name", nullable(string_type())},
                          {"unit_id", integer()},
                          {"unit_name", string_type()},
                          {"place", review_place_schema()},
                          {"post_title", nullable(string_type())},
                          {"reviewed", boolean()},
                          {"graded", boolean()},
                          {"state", review_state_schema()},
                          {"meeting_grade", nullable(grade_schema())},
                          {"proposed_grade", nullable(grade_schema())},
                          {"grade", nullable(grade_schema())},
                          {"statement_status", nullable(enum_of({"draft", "submitted"}))}},
                         {"subject_id", "kind", "unit_id", "state"})),
          {"unit_id", "own", "page", "page_size"}),
      read_by_id_query(
          ctx, [](store::Transaction& tx, const Call& call, std::int64_t id, const Request& request) -> Result<Json> {
            auto page = http::page_request(request);
            if (!page) return page.error();
            auto unit = query_int(request, "unit_id");
            if (!unit) return unit.error();
            auto own = query_enum(request, "own", {"true", "false"});
            if (!own) return own.error();
            auto result = review::list_subjects(
                tx, call, id, {*unit, page->offset(), page->page_size, own->value_or("false") == "true"});
            if (!result) return result.error();
            return http::page_json(std::move(result->items), result->total, *page);
          }));

  router.add("GET", "/api/v1/me/reviews",
             doc("The caller's own reviews in open cycles (with the rule when not reviewed or not graded)", "review",
                 nullptr, object({{"items", array_of(my_review_schema())}})),
             read_plain(ctx, review::my_reviews));

  router.add("GET", "/api/v1/reviews/{id}/statement",
             doc("A review's statement and the form it is written on (the member, or read access to the unit)",
                 "review", nullptr, statement_schema()),
             read_by_id(ctx, review::get_statement));

  {
    auto props = content_properties();
    props["version"] = integer();
    router.add("PUT", "/api/v1/reviews/{id}/statement",
               doc("Save the statement as a draft (may be incomplete; what is there is checked, problems with their "
                   "paths). The member, or the cell secretary on their behalf (recorded). version 0 before the "
                   "first save; 409 when stale or submitted",
                   "review", object(props, {"version"}), statement_schema(), {}, true),
               write_by_id(ctx, 200, review::save_statement));
  }

  router.add("POST", "/api/v1/reviews/{id}/statement/submit",
             doc("Submit the saved statement: it must be complete for its form (every problem listed with its "
                 "path, nothing changed); 409 when version is stale",
                 "review", version_only(), statement_schema(), {}, true),
             write_by_id(ctx, 200, review::submit_statement));
}

}  // namespace xeploai::api
