#pragma once
// The state of one subject's review in a cycle, its transitions and their history (who, when, from, to, why).
//
//   not_started -> draft -> submitted -> reviewed (meeting: comments, vote) -> proposed (appraisal)
//     -> decided -> published -> complaint_filed -> published (rejected) | regrading (upheld)
//   decided|published -> regrading  (cancelled by the superior level, R-REGRADE-1/2; or a later discipline for
//                                    this year's violation, R-DISC-3, 124/132 only)
//   regrading -> decided (re-graded through the same checks as a decision)
//   submitted -> draft (returned by the cell for completion, before the meeting)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/grade.hpp"
#include "workflow/common.hpp"

namespace xeploai::workflow {

enum class ReviewState : std::int8_t {
  not_started,
  draft,
  submitted,
  reviewed,
  proposed,
  decided,
  published,
  complaint_filed,
  regrading,
};
std::string_view code(ReviewState s);
std::optional<ReviewState> parse_review_state(std::string_view s);

enum class Action : std::int8_t {
  save_draft,
  submit,
  return_for_revision,
  record_meeting,
  propose,
  decide,
  publish,
  file_complaint,
  reject_complaint,
  uphold_complaint,
  cancel,
  reopen_for_discipline,
};
std::string_view code(Action a);

// The part the actor plays for this subject; the service derives it from the account's role and scope.
enum class Actor : std::int8_t {
  subject,          // the member, or the collective's head writing Mẫu 01
  secretary,        // the cell secretary / committee running the meeting
  appraiser,        // the committee's organization staff (thẩm định)
  competent_level,  // the level that decides this subject's grade
  superior_level,   // the level above the competent one (cancel and re-grade)
};
std::string_view code(Actor a);

struct Transition {
  ReviewState from = ReviewState::not_started, to = ReviewState::not_started;
  Action action = Action::save_draft;
  Actor actor = Actor::subject;
  std::string account;  // who
  std::int64_t at = 0;  // when: seconds since the epoch (UTC)
  std::string reason;
  std::optional<domain::Grade> grade;  // the grade set by a decide transition
};

struct Review {
  std::string subject;
  ReviewState state = ReviewState::not_started;
  std::optional<domain::Grade> grade;  // the decided grade (kept through publication; cleared on cancellation)
  std::int64_t version = 0;            // bumped by every transition (optimistic locking in the store)
  std::vector<Transition> history;
};

struct Request {
  Action action = Action::save_draft;
  Actor actor = Actor::subject;
  std::string account;
  std::int64_t at = 0;
  std::string reason;                  // required for return, cancel, reopen and complaint answers
  std::optional<domain::Grade> grade;  // required for decide
};

// The state an action leads to from `from`, or a conflict naming the state and the action. Pure: no role check.
Result<ReviewState> next_state(ReviewState from, Action action);
// Which actors may take an action (a secretary may also save and submit on a member's behalf).
bool allowed(Action action, Actor actor);
// Applies the request to the review or changes nothing: state, role, reason and grade are checked; the history
// gets one entry and the version is bumped. Publication makes the result read-only: only complaint, cancel and
// reopen leave `published`.
Result<void> apply(Review& review, const Request& request);

// R-DISC-3: a discipline decided later for a violation of `violation_year` reopens that year's grade under 124
// (and 132, where a violation counts once, in its own year); 366 grades the current period instead (qd366.md
// §3.4 "special cases"), so the earlier year stays as decided. Returns why when it does not reopen.
Result<void> discipline_reopens(Regime cycle_regime, int cycle_year, int violation_year, int decided_year);

// The order of reviews in one unit (366 Điều 7, 43-HD Mục 2): the collective first, then the head, then the
// deputies, then the other members. A subject may be reviewed at the meeting only once everyone of an earlier
// rank in the same unit has been (state at or past `reviewed`).
enum class Rank : std::int8_t { collective = 0, head = 1, deputy = 2, member = 3 };
struct OrderEntry {
  std::string subject;
  Rank rank = Rank::member;
  ReviewState state = ReviewState::not_started;
};
Result<void> review_order_gate(const std::vector<OrderEntry>& unit_subjects, const std::string& subject);

bool at_or_past_review(ReviewState s);

}  // namespace xeploai::workflow
