#include "api/meeting_routes.hpp"

#include "api/route_support.hpp"
#include "service/review/meetings.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace review = service::review;

Json threshold_schema() {
  return object({{"numerator", integer()}, {"denominator", integer()}, {"strict", boolean()}});
}
Json rules_schema() {
  return object({{"quorum", threshold_schema()}, {"approval", threshold_schema()}, {"cumulative", boolean()}});
}
Json method_schema() { return enum_of({"show_of_hands", "secret_ballot"}); }
Json tally_schema() {
  return object({{"HTXSNV", integer()},
                 {"HTTNV", integer()},
                 {"HTNV", integer()},
                 {"KHTNV", integer()},
                 {"blank", integer()},
                 {"total", integer()}});
}
Json source_schema() { return enum_of({"previous_cell", "temporary_cell", "residence"}); }

Json comment_input() {
  return object({{"speaker_id", integer()}, {"text", string_type()}, {"criticism", boolean()}}, {"speaker_id", "text"});
}
Json received_input() {
  return object({{"source", source_schema()}, {"unit_id", integer()}, {"text", string_type()}}, {"source", "text"});
}

Json subject_schema() {
  return object(
      {{"subject_id", integer()},
       {"person_id", nullable(integer())},
       {"name", string_type()},
       {"kind", string_type()},
       {"place", review_place_schema()},
       {"post_title", nullable(string_type())},
       {"rank", enum_of({"collective", "head", "deputy", "member"})},
       {"state", review_state_schema()},
       {"reviewed", boolean()},
       {"graded", boolean()},
       {"self_proposed", nullable(grade_schema())},
       {"required_comments",
        array_of(object({{"source", source_schema()}, {"unit_id", nullable(integer())}, {"rule", string_type()}}))},
       {"civil_servant_grade_needed", boolean()},
       {"comments", array_of(object({{"speaker_id", integer()},
                                     {"speaker_name", string_type()},
                                     {"text", string_type()},
                                     {"criticism", boolean()}}))},
       {"received", array_of(object({{"source", source_schema()},
                                     {"unit_id", nullable(integer())},
                                     {"unit_name", string_type()},
                                     {"text", string_type()}}))},
       {"civil_servant_grade", nullable(grade_schema())},
       {"vote_method", method_schema()},
       {"ballot", enum_of({"none", "open", "closed"})},
       {"tally_source", nullable(enum_of({"show_of_hands", "secret_ballot", "paper_ballot"}))},
       {"tally", nullable(tally_schema())},
       {"outcome", nullable(grade_schema())},
       {"meeting_grade", nullable(grade_schema())},
       {"concluded", boolean()},
       {"ballots_cast", integer()},
       {"you_voted", boolean()},
       {"version", integer()}},
      {"subject_id", "state", "vote_method", "ballot", "tally", "concluded", "version"});
}

Json meeting_schema() {
  return object(
      {{"id", integer()},
       {"cycle_id", integer()},
       {"unit_id", integer()},
       {"unit_name", string_type()},
       {"date", date_type()},
       {"place", string_type()},
       {"chair_id", integer()},
       {"secretary_id", integer()},
       {"rules", rules_schema()},
       {"vote_method", method_schema()},
       {"status", enum_of({"open", "closed"})},
       {"closed_at", nullable(integer())},
       {"attendees", array_of(object({{"person_id", integer()},
                                      {"full_name", string_type()},
                                      {"official", boolean()},
                                      {"exempt", boolean()},
                                      {"suspended", boolean()},
                                      {"temporarily_elsewhere", boolean()},
                                      {"presence", enum_of({"present", "absent_with_reason", "absent_without_reason"})},
                                      {"absence_reason", string_type()},
                                      {"absence_approved", boolean()},
                                      {"voter", boolean()}}))},
       {"quorum", object({{"base", integer()}, {"present", integer()}, {"met", boolean()}})},
       {"subjects", array_of(subject_schema())},
       {"version", integer()}},
      {"id", "cycle_id", "unit_id", "date", "status", "attendees", "quorum", "subjects", "version"});
}

Json meeting_summary_schema() {
  return object({{"id", integer()},
                 {"cycle_id", integer()},
                 {"unit_id", integer()},
                 {"unit_name", string_type()},
                 {"date", date_type()},
                 {"place", string_type()},
                 {"vote_method", method_schema()},
                 {"status", enum_of({"open", "closed"})},
                 {"subjects", integer()},
                 {"concluded", integer()},
                 {"open_ballots", integer()},
                 {"version", integer()}});
}

Json reminder_schema() {
  return object({{"cycle_id", integer()},
                 {"year", integer()},
                 {"quarter", integer()},
                 {"step", enum_of({"self_review", "meeting", "proposal", "decision"})},
                 {"recipient", enum_of({"subject", "unit_secretary", "deciding_level"})},
                 {"unit_id", integer()},
                 {"unit_name", string_type()},
                 {"deadline", date_type()},
                 {"days_left", integer()},
                 {"count", integer()},
                 {"subjects", array_of(object({{"subject_id", integer()}, {"name", string_type()}}))}});
}

}  // namespace

void register_meeting_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;

  router.add("POST", "/api/v1/meetings",
             doc("Create the review meeting of a unit in a cycle (a cell, or a committee for the posts reviewed "
                 "there): date, place, chair, secretary, voting rules (default: quorum and approval more than half of "
                 "the members counted, QĐ 24 point 9.3.2), default vote method; the attendance is filled from the "
                 "roster. run_meeting on the unit (cell secretary, committee, committee staff); 409 when the unit "
                 "already has its meeting in the cycle",
                 "meetings",
                 object({{"cycle_id", integer()},
                         {"unit_id", integer()},
                         {"date", date_type()},
                         {"place", string_type()},
                         {"chair_id", integer()},
                         {"secretary_id", integer()},
                         {"rules", rules_schema()},
                         {"vote_method", method_schema()}},
                        {"cycle_id", "unit_id", "date", "place", "chair_id", "secretary_id"}),
                 meeting_schema(), {}, true),
             write_body(ctx, 201, review::create_meeting));

  router.add(
      "GET", "/api/v1/meetings",
      doc("Meetings the caller follows (read access to the unit) or attends; with unit_id those of its "
          "subtree, with cycle_id those of a cycle; newest first",
          "meetings", nullptr, page_of(meeting_summary_schema()), {"cycle_id", "unit_id", "page", "page_size"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
          auto page = http::page_request(request);
          if (!page) return page.error();
          auto unit = query_int(request, "unit_id");
          if (!unit) return unit.error();
          auto cycle = query_int(request, "cycle_id");
          if (!cycle) return cycle.error();
          auto result =
              review::list_meetings(tx, call_of(who, request), {*cycle, *unit, page->offset(), page->page_size});
          if (!result) return result.error();
          return http::page_json(std::move(result->items), result->total, *page);
        });
      });

  router.add("GET", "/api/v1/meetings/{id}",
             doc("A meeting with its attendance, quorum (computed on every read) and subjects: comments, received "
                 "comments, civil-servant grade, vote (tallies only, shown once a secret ballot is closed), outcome. "
                 "Read access to the unit, or an attendee; 404 otherwise",
                 "meetings", nullptr, meeting_schema()),
             read_by_id(ctx, review::get_meeting));

  router.add("PATCH", "/api/v1/meetings/{id}",
             doc("Change the meeting's date, place, chair, secretary, rules (not after a conclusion) or default vote "
                 "method; 409 when stale or closed",
                 "meetings",
                 object({{"version", integer()},
                         {"date", date_type()},
                         {"place", string_type()},
                         {"chair_id", integer()},
                         {"secretary_id", integer()},
                         {"rules", rules_schema()},
                         {"vote_method", method_schema()}},
                        {"version"}),
                 meeting_schema(), {}, true),
             write_by_id(ctx, 200, review::update_meeting));

  router.add(
      "PUT", "/api/v1/meetings/{id}/attendance",
      doc("Record presence and absences (with the reason and whether the convener approved it) for the listed "
          "members of the roster; the quorum is recomputed. Refused while a secret ballot is open",
          "meetings",
          object({{"version", integer()},
                  {"attendees",
                   array_of(object({{"person_id", integer()},
                                    {"presence", enum_of({"present", "absent_with_reason", "absent_without_reason"})},
                                    {"absence_reason", string_type()},
                                    {"absence_approved", boolean()},
                                    {"temporarily_elsewhere", boolean()}},
                                   {"person_id"}))}},
                 {"version", "attendees"}),
          meeting_schema(), {}, true),
      write_by_id(ctx, 200, review::record_attendance));

  router.add("POST", "/api/v1/meetings/{id}/close",
             doc("Close the meeting: the minutes are frozen and everything becomes read-only. Refused while a secret "
                 "ballot is open",
                 "meetings", version_only(), meeting_schema(), {}, true),
             write_by_id(ctx, 200, review::close_meeting));

  router.add("GET", "/api/v1/meetings/{id}/minutes",
             doc("The minutes (biên bản) as text: generated on read while the meeting is open, frozen once closed",
                 "meetings", nullptr,
                 object({{"meeting_id", integer()},
                         {"text", string_type()},
                         {"frozen", boolean()},
                         {"closed_at", nullable(integer())},
                         {"version", integer()}})),
             read_by_id(ctx, review::meeting_minutes));

  router.add("PUT", "/api/v1/reviews/{id}/meeting",
             doc("What the meeting holds for a review: the comments raised (speaker, text, criticism), the comments "
                 "received (residence place, previous cell, temporary cell), the civil-servant grade, the vote "
                 "method; each key given replaces that part. run_meeting on the unit",
                 "meetings",
                 object({{"version", integer()},
                         {"comments", array_of(comment_input())},
                         {"received", array_of(received_input())},
                         {"civil_servant_grade", nullable(grade_schema())},
                         {"vote_method", method_schema()}},
                        {"version"}),
                 subject_schema(), {}, true),
             write_by_id(ctx, 200, review::record_subject));

  router.add("PUT", "/api/v1/reviews/{id}/meeting/tally",
             doc("The count of a show of hands (by the secretary) or of paper ballots (by the counting committee): "
                 "votes per grade and blank, at most the voters present",
                 "meetings",
                 object({{"version", integer()},
                         {"method", enum_of({"show_of_hands", "paper_ballot"})},
                         {"tally", object({{"HTXSNV", integer()},
                                           {"HTTNV", integer()},
                                           {"HTNV", integer()},
                                           {"KHTNV", integer()},
                                           {"blank", integer()}})}},
                        {"version", "method", "tally"}),
                 subject_schema(), {}, true),
             write_by_id(ctx, 200, review::record_tally));

  router.add("POST", "/api/v1/reviews/{id}/meeting/ballot/open",
             doc("Open the electronic secret ballot on a review (quorum needed; one ballot at a time per meeting)",
                 "meetings", version_only(), subject_schema(), {}, true),
             write_by_id(ctx, 200, review::open_ballot));

  {
    // No Idempotency-Key here: the key's stored request would tie the voter's account to the ballot's content.
    auto cast = write_by_id(ctx, 200, review::cast_ballot);
    router.add("POST", "/api/v1/reviews/{id}/meeting/ballot",
               doc("Cast your own secret ballot: a grade, or null for a blank ballot. Only a present voting member of "
                   "the meeting, once; nothing links the ballot to the voter, the answer says only that you voted. "
                   "An Idempotency-Key is refused on this route",
                   "meetings", object({{"grade", nullable(grade_schema())}}, {"grade"}),
                   object({{"subject_id", integer()}, {"voted", boolean()}, {"ballots_cast", integer()}})),
               [cast](Request& request) {
                 if (request.header("idempotency-key"))
                   return http::Response::error(Error::invalid(
                       "Không dùng Idempotency-Key khi bỏ phiếu kín / no Idempotency-Key on a secret ballot",
                       {{"header.Idempotency-Key",
                         "không lưu gì gắn tài khoản với lá phiếu / nothing may tie an account to its ballot"}}));
                 return cast(request);
               });
  }

  router.add("POST", "/api/v1/reviews/{id}/meeting/ballot/close",
             doc("Close the secret ballot: the tally is frozen and shown from now on", "meetings", version_only(),
                 subject_schema(), {}, true),
             write_by_id(ctx, 200, review::close_ballot));

  router.add("POST", "/api/v1/reviews/{id}/meeting/conclude",
             doc("Conclude a review at the meeting: the comments its assignment requires, the civil-servant grade "
                 "where needed, the quorum and a vote reaching the majority (every problem listed with its path); the "
                 "order collective, head, deputies, members (409); then submitted -> reviewed with the meeting's grade",
                 "meetings", version_only(), subject_schema(), {}, true),
             write_by_id(ctx, 200, review::conclude_subject));

  router.add("GET", "/api/v1/me/reminders",
             doc("In-app reminders computed on read: your statement when due, and for the units where you run "
                 "meetings or decide, the meetings, proposals and decisions due within within_days (default 7, at most "
                 "90) of today (or of the day given as today=YYYY-MM-DD)",
                 "meetings", nullptr,
                 object({{"as_of", date_type()}, {"within_days", integer()}, {"items", array_of(reminder_schema())}}),
                 {"within_days", "today"}),
             [c](Request& request) {
               return handle_read(
                   *c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
                     int days = 7;
                     if (auto text = query_text(request, "within_days")) {
                       if (text->size() > 2 || text->find_first_not_of("0123456789") != std::string::npos)
                         return Error::invalid("Tham số within_days không hợp lệ / invalid parameter within_days",
                                               {{"query.within_days", "số ngày từ 0 đến 90 / days from 0 to 90"}});
                       days = std::stoi(*text);
                     }
                     // today: plan as of another day (YYYY-MM-DD); the service checks it.
                     return review::my_reminders(tx, call_of(who, request), days, query_text(request, "today"));
                   });
             });
}

}  // namespace xeploai::api
