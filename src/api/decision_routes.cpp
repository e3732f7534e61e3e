#include "api/decision_routes.hpp"

#include "api/route_support.hpp"
#include "service/review/decisions.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
namespace review = service::review;

Json finding_schema() {
  return object({{"rule", string_type()},
                 {"source", string_type()},
                 {"message_vi", string_type()},
                 {"message_en", string_type()},
                 {"cap", nullable(grade_schema())}});
}

Json quota_schema() {
  return object({{"rule", string_type()},
                 {"unit_id", integer()},
                 {"unit_name", string_type()},
                 {"part", nullable(enum_of({"leaders", "members"}))},
                 {"grade", grade_schema()},
                 {"base", integer()},
                 {"limit", integer()},
                 {"percent", integer()},
                 {"count", integer()},
                 {"ok", boolean()}});
}

Json appraisal_schema() {
  return object({{"cycle_id", integer()},
                 {"unit_id", integer()},
                 {"ruleset", string_type()},
                 {"ok", boolean()},
                 {"subjects", array_of(object({{"subject_id", integer()},
                                               {"kind", subject_kind_schema()},
                                               {"name", string_type()},
                                               {"person_id", nullable(integer())},
                                               {"unit_id", integer()},
                                               {"state", review_state_schema()},
                                               {"version", integer()},
                                               {"in_scope", boolean()},
                                               {"graded", boolean()},
                                               {"max", nullable(grade_schema())},
                                               {"grade", nullable(grade_schema())},
                                               {"proposed", nullable(grade_schema())},
                                               {"civil_servant_grade", nullable(grade_schema())},
                                               {"proposal_above_max", boolean()},
                                               {"findings", array_of(finding_schema())}}))},
                 {"quotas", array_of(quota_schema())},
                 {"pending", array_of(object({{"subject_id", integer()},
                                              {"kind", subject_kind_schema()},
                                              {"name", string_type()},
                                              {"state", review_state_schema()},
                                              {"version", integer()}}))}});
}

// What a decision and a row of a cycle's decisions both carry.
Json decision_head_properties() {
  return {{"id", integer()},
          {"cycle_id", integer()},
          {"unit_id", integer()},
          {"unit_name", string_type()},
          {"organ", enum_of({"committee", "standing_committee", "politburo"})},
          {"kind", enum_of({"decision", "regrade", "complaint"})},
          {"number", string_type()},
          {"date", date_type()},
          {"signer", string_type()},
          {"complaint_id", nullable(integer())},
          {"published_at", nullable(integer())}};
}

Json decision_schema() {
  Json properties = decision_head_properties();
  properties["body"] = string_type();
  properties["version"] = integer();
  properties["grades"] = array_of(object({{"subject_id", integer()},
                                          {"kind", subject_kind_schema()},
                                          {"name", string_type()},
                                          {"unit_id", integer()},
                                          {"grade", nullable(grade_schema())},
                                          {"previous_grade", nullable(grade_schema())},
                                          {"state", review_state_schema()}}));
  properties["quotas"] = array_of(quota_schema());
  return object(std::move(properties), {"id", "cycle_id", "unit_id", "number", "date", "signer", "grades", "version"});
}

Json notification_schema() {
  return object({{"id", integer()},
                 {"kind", enum_of({"grade_published", "complaint_answered", "grade_cancelled", "grade_reopened"})},
                 {"unit_id", integer()},
                 {"subject_id", nullable(integer())},
                 {"person_id", nullable(integer())},
                 {"text_vi", string_type()},
                 {"text_en", string_type()},
                 {"created_at", integer()},
                 {"read_at", nullable(integer())}});
}

Json complaint_schema() {
  return object({{"id", integer()},
                 {"subject_id", integer()},
                 {"decision_id", integer()},
                 {"filed_on", date_type()},
                 {"text", string_type()},
                 {"requested", nullable(grade_schema())},
                 {"outcome", enum_of({"pending", "upheld", "rejected"})},
                 {"answered_on", nullable(date_type())},
                 {"reasons", string_type()},
                 {"state", review_state_schema()},
                 {"version", integer()}});
}

// A row of GET /cycles/{id}/complaints: the complaint's own JSON and what the committee reads beside it.
Json complaint_list_item_schema() {
  Json item = complaint_schema();
  auto& props = item["properties"];
  props["status"] = enum_of({"open", "answered"});
  props["review_id"] = integer();
  props["review_version"] = integer();
  props["subject_kind"] = subject_kind_schema();
  props["subject_name"] = string_type();
  props["unit_id"] = integer();
  props["unit_name"] = string_type();
  props["decision_number"] = string_type();
  props["decision_date"] = date_type();
  props["contested_grade"] = nullable(grade_schema());
  props["decision_unit_id"] = integer();
  props["filed_at"] = integer();
  item["required"] = {"id", "subject_id", "decision_id", "outcome", "status", "state", "version", "review_version"};
  return item;
}

// A row of GET /cycles/{id}/decisions.
Json decision_list_item_schema() {
  Json properties = decision_head_properties();
  properties["subject_count"] = integer();
  return object(std::move(properties), {"id", "unit_id", "number", "date", "kind", "subject_count"});
}

Json state_change_schema() {
  return object({{"subject_id", integer()},
                 {"state", review_state_schema()},
                 {"meeting_grade", nullable(grade_schema())},
                 {"proposed_grade", nullable(grade_schema())},
                 {"conclusion_id", integer()},
                 {"reason", string_type()},
                 {"version", integer()}});
}

Json history_schema() {
  return object({{"id", integer()},
                 {"cycle_id", integer()},
                 {"year", integer()},
                 {"quarter", integer()},
                 {"ruleset", string_type()},
                 {"kind", subject_kind_schema()},
                 {"name", string_type()},
                 {"person_id", nullable(integer())},
                 {"unit_id", integer()},
                 {"state", review_state_schema()},
                 {"graded", boolean()},
                 {"meeting_grade", nullable(grade_schema())},
                 {"proposed_grade", nullable(grade_schema())},
                 {"grade", nullable(grade_schema())},
                 {"version", integer()},
                 {"transitions", array_of(object({{"from", review_state_schema()},
                                                  {"to", review_state_schema()},
                                                  {"action", string_type()},
                                                  {"actor", string_type()},
                                                  {"account", nullable(string_type())},
                                                  {"at", integer()},
                                                  {"reason", string_type()},
                                                  {"grade", nullable(grade_schema())}}))},
                 {"decisions", array_of(object({{"id", integer()},
                                                {"number", string_type()},
                                                {"date", date_type()},
                                                {"signer", string_type()},
                                                {"unit_id", integer()},
                                                {"unit_name", string_type()},
                                                {"kind", enum_of({"decision", "regrade", "complaint"})},
                                                {"grade", nullable(grade_schema())},
                                                {"previous_grade", nullable(grade_schema())},
                                                {"published_at", nullable(integer())},
                                                {"complaint_id", nullable(integer())}}))},
                 {"complaints", array_of(complaint_schema())}});
}

Json results_schema() {
  return object({{"items", array_of(object({{"review_id", integer()},
                                            {"cycle_id", integer()},
                                            {"year", integer()},
                                            {"quarter", integer()},
                                            {"ruleset", string_type()},
                                            {"unit_id", integer()},
                                            {"unit_name", string_type()},
                                            {"state", review_state_schema()},
                                            {"graded", boolean()},
                                            {"grade", nullable(grade_schema())},
                                            {"decisions", array_of(object({{"id", integer()},
                                                                           {"number", string_type()},
                                                                           {"date", date_type()},
                                                                           {"kind", string_type()},
                                                                           {"grade", nullable(grade_schema())},
                                                                           {"published_at", integer()}}))}}))}});
}

}  // namespace

void register_decision_routes(http::Router& router, ApiContext& ctx) {
  router.add("POST", "/api/v1/cycles/{id}/appraisal",
             doc("Appraisal (thẩm định), a what-if that stores nothing: the engine's result for the subjects unit_id "
                 "decides in the cycle (from the meeting on, with the grades already standing below it), every "
                 "finding (rule, source, vi/en) and the quota meters; overrides {subject id: grade} replace "
                 "proposals so the quota meter follows the committee's changes. Committee staff, committee or "
                 "organization board over unit_id",
                 "review", object({{"unit_id", integer()}, {"overrides", text_map(grade_schema())}}, {"unit_id"}),
                 appraisal_schema()),
             write_by_id(ctx, 200, review::appraise_scope));

  router.add(
      "POST", "/api/v1/reviews/{id}/propose",
      doc("The appraiser confirms the proposal: reviewed -> proposed (or a revised proposal); grade defaults "
          "to the meeting's, a different grade needs a reason kept in the history; 409 when version is stale "
          "or the state forbids it",
          "review", object({{"version", integer()}, {"grade", grade_schema()}, {"reason", string_type()}}, {"version"}),
          state_change_schema(), {}, true),
      write_by_id(ctx, 200, review::propose));

  router.add("POST", "/api/v1/cycles/{id}/decisions",
             doc("The competent level (or a level above it: R-REGRADE-2) decides a batch in one transaction: the "
                 "record (number, date, signer, body), a grade per subject (grades, default the proposal); or "
                 "nothing at all: 400 with every reason and path in Vietnamese and English when a grade is above its "
                 "max, a quota is exceeded or the record is incomplete, 409 for the order of grading or a state that "
                 "forbids it. complaint_id re-decides after an upheld complaint. The committee over unit_id",
                 "review",
                 object({{"unit_id", integer()},
                         {"number", string_type()},
                         {"date", date_type()},
                         {"signer", string_type()},
                         {"body", string_type()},
                         {"subject_ids", array_of(integer())},
                         {"grades", text_map(grade_schema())},
                         {"complaint_id", integer()}},
                        {"unit_id", "number", "date", "signer", "subject_ids"}),
                 decision_schema(), {}, true),
             write_by_id(ctx, 201, review::decide));

  router.add(
      "GET", "/api/v1/cycles/{id}/decisions",
      doc("The decisions of the cycle taken by unit_id (default the cycle's root; a unit of its subtree or "
          "above its root) and the units of its subtree, newest first (by date): number, date, kind, deciding "
          "unit, how many subjects, published or not. Read access to the unit's reviews",
          "review", nullptr, page_of(decision_list_item_schema()), {"unit_id", "page", "page_size"}),
      read_by_id_query(
          ctx,
          [](store::Transaction& tx, const Call& call, std::int64_t id, const http::Request& request) -> Result<Json> {
            auto page = http::page_request(request);
            if (!page) return page.error();
            auto unit = query_int(request, "unit_id");
            if (!unit) return unit.error();
            auto result = review::list_decisions(tx, call, id, {*unit, page->offset(), page->page_size});
            if (!result) return result.error();
            return http::page_json(std::move(result->items), result->total, *page);
          }));

  router.add("GET", "/api/v1/decisions/{id}",
             doc("A decision with its grades and the quota meters it was decided with (read access to the deciding "
                 "unit)",
                 "review", nullptr, decision_schema()),
             read_by_id(ctx, review::get_decision));

  router.add("POST", "/api/v1/decisions/{id}/publish",
             doc("Publish a decision: its subjects go decided -> published and each is notified (the member, and the "
                 "unit's list); the results are read-only afterwards (later writes 409). The deciding committee",
                 "review", object(http::Json::object()), decision_schema(), {}, true),
             write_by_id(ctx, 200, review::publish));

  router.add("GET", "/api/v1/me/notifications",
             doc("The caller's in-app notifications, newest first (the first 200)", "review", nullptr,
                 object({{"items", array_of(notification_schema())}})),
             read_plain(ctx, review::my_notifications));

  router.add("POST", "/api/v1/me/notifications/{id}/read",
             doc("Mark one of the caller's notifications read (404 for anyone else's)", "review",
                 object(http::Json::object()), notification_schema(), {}, true),
             write_by_id(ctx, 200, review::read_notification));

  router.add("GET", "/api/v1/units/{id}/notifications",
             doc("The notifications of a unit's subtree (what its subjects were told), newest first, the first 500; "
                 "read access to the unit's reviews",
                 "review", nullptr, object({{"items", array_of(notification_schema())}})),
             read_by_id(ctx, review::unit_notifications));

  router.add("POST", "/api/v1/reviews/{id}/complaints",
             doc("The subject files a complaint about their published grade within the cycle's complaint period "
                 "(published -> complaint_filed)",
                 "review", object({{"text", string_type()}, {"requested", grade_schema()}}, {"text"}),
                 complaint_schema(), {}, true),
             write_by_id(ctx, 201, review::file_complaint));

  router.add(
      "POST", "/api/v1/complaints/{id}/answer",
      doc("The deciding level answers a complaint once, with reasons: rejected -> published, upheld -> "
          "regrading (then re-decided with complaint_id through the same checks)",
          "review",
          object({{"outcome", enum_of({"upheld", "rejected"})}, {"reasons", string_type()}}, {"outcome", "reasons"}),
          complaint_schema(), {}, true),
      write_by_id(ctx, 200, review::answer_complaint));

  router.add(
      "GET", "/api/v1/cycles/{id}/complaints",
      doc("The complaints filed in the cycle about subjects of unit_id's subtree (default the cycle's root), "
          "newest first, status open (not answered) or answered: each complaint as filing and answering "
          "return it, with the subject's name and unit, the contested decision and grade and the review's "
          "state and version. Read access to the unit's reviews",
          "review", nullptr, page_of(complaint_list_item_schema()), {"unit_id", "status", "page", "page_size"}),
      read_by_id_query(
          ctx,
          [](store::Transaction& tx, const Call& call, std::int64_t id, const http::Request& request) -> Result<Json> {
            auto page = http::page_request(request);
            if (!page) return page.error();
            auto unit = query_int(request, "unit_id");
            if (!unit) return unit.error();
            auto status = query_enum(request, "status", {"open", "answered"});
            if (!status) return status.error();
            auto result = review::list_complaints(tx, call, id, {*unit, *status, page->offset(), page->page_size});
            if (!result) return result.error();
            return http::page_json(std::move(result->items), result->total, *page);
          }));

  router.add("POST", "/api/v1/reviews/{id}/cancel",
             doc("The level above the competent one cancels a decided or published grade for re-grading "
                 "(R-REGRADE-1/2): -> regrading, the history and the earlier decisions kept",
                 "review", object({{"reason", string_type()}}, {"reason"}), state_change_schema(), {}, true),
             write_by_id(ctx, 200, review::cancel_grade));

  router.add(
      "POST", "/api/v1/reviews/{id}/reopen",
      doc("A discipline decided later for this year's violation reopens the year's grade (R-DISC-3: 124 and "
          "132; refused with the reason under 366). The level above the competent one",
          "review", object({{"conclusion_id", integer()}, {"reason", string_type()}}, {"conclusion_id", "reason"}),
          state_change_schema(), {}, true),
      write_by_id(ctx, 200, review::reopen_grade));

  router.add("POST", "/api/v1/people/{id}/conclusions",
             doc("Record a conclusion about a member that the engine weighs: a discipline (form, violation year), a "
                 "degradation or a must-not-do violation. Inspection commission or committee over the member's cell",
                 "review",
                 object({{"kind", enum_of({"discipline", "degradation", "must_not_do_violation"})},
                         {"decided_on", date_type()},
                         {"violation_year", integer()},
                         {"form", enum_of({"khien_trach", "canh_cao", "cach_chuc", "khai_tru"})},
                         {"self_detected_remedied", boolean()},
                         {"note", string_type()}},
                        {"kind", "decided_on", "violation_year"}),
                 object({{"id", integer()},
                         {"person_id", integer()},
                         {"kind", string_type()},
                         {"decided_on", date_type()},
                         {"form", nullable(string_type())},
                         {"violation_year", integer()},
                         {"self_detected_remedied", boolean()},
                         {"note", string_type()}}),
                 {}, true),
             write_by_id(ctx, 201, review::record_conclusion));

  router.add("GET", "/api/v1/reviews/{id}",
             doc("A review with its full history: transitions, decisions (with the grades they replaced) and "
                 "complaints. The subject, or read access to the unit's reviews",
                 "review", nullptr, history_schema()),
             read_by_id(ctx, review::get_review));

  router.add("GET", "/api/v1/me/results",
             doc("The caller's results across years: each cycle's review, the published grade and the published "
                 "decisions",
                 "review", nullptr, results_schema()),
             read_plain(ctx, review::my_results));
}

}  // namespace xeploai::api
