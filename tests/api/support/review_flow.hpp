#pragma once
// Steps of the review cycle as a test drives them through the JSON API only (no UPDATE behind the server's back):
// statements written and submitted, a unit's meeting held through the meeting routes. Used by decision_test,
// whole_cycle_test, meeting_test and document_test (the commune they start from: support/commune.hpp).
//
//   auto secretary = app_->login("bithu", kPassword);
//   ASSERT_EQ(submit_statement(secretary, review, "HTTNV").status, 200);
//   MeetingSession meeting(secretary, {cycle, cell, "2026-12-10", "Nhà văn hóa thôn", chair, clerk});
//   meeting.review_by_show_of_hands(review, "HTTNV");   // records what the review needs, votes, concludes
#include <cstdint>
#include <map>
#include <string>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {

// How strong a statement is: `strong` (29 + 66 points, the key task done on time and exceeded; under 124/132 every
// criterion "xuat_sac") puts HTXSNV within reach; otherwise 27 + 62 points ("tot"), HTTNV at most.
enum class Strength { ordinary, strong };

// A complete statement for the form GET /reviews/{id}/statement returns: every section, the 366 scores or the
// 124/132 ratings, one task with a product, the limitations and the proposal.
Json complete_statement(const Json& form, std::int64_t version, const std::string& proposed,
                        Strength strength = Strength::ordinary);

// PUT /reviews/{id}/statement (a draft, version 0) then POST …/submit as `who` (the member, or a secretary on the
// member's behalf). Returns the first refused response, or the submission's.
HttpResponse submit_statement(HttpClient& who, std::int64_t review, const std::string& proposed,
                              Strength strength = Strength::ordinary);

// POST /decisions/{id}/publish.
HttpResponse publish_decision(HttpClient& committee, std::int64_t decision);
// The same for the decision a POST /cycles/{id}/decisions answered with.
HttpResponse publish_decision(HttpClient& committee, const HttpResponse& decided);

// POST /reviews/{id}/propose with the review's current version (read through GET /reviews/{id}).
HttpResponse propose(HttpClient& appraiser, std::int64_t review, const Json& extra = Json::object());

// The entry for `review` in a meeting as GET /meetings/{id} (or POST /meetings) returns it, or null.
Json meeting_subject(const Json& meeting, std::int64_t review);

struct MeetingSetup {
  std::int64_t cycle_id = 0, unit_id = 0;
  std::string date, place;
  std::int64_t chair_id = 0, secretary_id = 0;
};

// A unit's meeting held through the meeting routes by `secretary` (who needs run_meeting on the unit). The
// constructor creates it (POST /meetings) or, when the unit has it already, finds it (GET /meetings). Every write
// sends the subject's current meeting-record version, read from GET /meetings/{id}.
class MeetingSession {
 public:
  MeetingSession(HttpClient& secretary, const MeetingSetup& setup);

  std::int64_t id() const { return id_; }
  const std::string& path() const { return path_; }
  // GET /meetings/{id} (the meeting with its attendees, quorum and subjects in review order).
  Json get();
  // The meeting's entry for `review`, or null.
  Json subject(std::int64_t review);
  // The present members who may vote.
  int voters();

  // PUT /reviews/{id}/meeting, POST …/meeting/{action} and PUT …/meeting/tally, each with the current version.
  HttpResponse record(std::int64_t review, Json body);
  HttpResponse act(std::int64_t review, const std::string& action, Json body = Json::object());
  HttpResponse tally(std::int64_t review, const Json& counts, const std::string& method = "show_of_hands");
  // PUT /meetings/{id}/attendance and POST /meetings/{id}/close with the meeting's version.
  HttpResponse attendance(const Json& attendees);
  HttpResponse close();

  // What the review's assignment requires (a residence comment for a graded member, the previous or temporary
  // cell's comment, the civil-servant grade, `civil_servant_grade` or HTTNV) plus `extra` keys of the record body,
  // then every voter's hand for `grade` when the review is graded, then the conclusion. Fails the test (and
  // returns the refused response) at the first refusal; returns the conclusion.
  HttpResponse review_by_show_of_hands(std::int64_t review, const std::string& grade,
                                       const Json& extra = Json::object(),
                                       const std::string& civil_servant_grade = "HTTNV");
  // The same record, then a secret ballot: opened, one ballot per client in `ballots` cast by that client as
  // itself, closed, concluded. Returns the conclusion (or the first refusal).
  HttpResponse review_by_secret_ballot(std::int64_t review, const std::vector<std::pair<HttpClient*, Json>>& ballots,
                                       const Json& extra = Json::object());

 private:
  HttpResponse record_requirements(std::int64_t review, const Json& extra, const std::string& civil_servant_grade);

  HttpClient& secretary_;
  std::int64_t id_ = 0;
  std::string path_;
};

}  // namespace xeploai::api::testing
