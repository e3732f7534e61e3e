#pragma once
// The review and grading meeting of a cell (or of a committee for its collectives): attendance, quorum, the
// comments raised for each subject, the vote on the proposed grade and the minutes.
//
// Sources (docs/workflow.md "Quorum and vote"): Điều lệ Đảng Điều 9 khoản 5 — a party body's resolution stands when
// more than half of its members approve; Quy định 24-QĐ/TW (2021) point 9.3.2 — the members of a party-member
// meeting are the official members called, minus those temporarily active elsewhere, exempt members who are absent,
// suspended members, and those absent for the whole meeting with an approved reason. The regulations say nothing
// specific about the grading vote's quorum or method; both are parameters.
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/grade.hpp"
#include "workflow/assignment.hpp"

namespace xeploai::workflow {

enum class Presence : std::int8_t { present, absent_with_reason, absent_without_reason };

struct Attendee {
  std::string person;
  bool official = true;  // official member (probationary members attend but do not vote)
  bool exempt = false;   // exempt from party activities (counted only when present)
  bool suspended = false;
  bool temporarily_elsewhere = false;  // official here, temporarily active at another cell
  Presence presence = Presence::present;
  bool absence_approved = false;  // the reason was accepted by the meeting's convener
  std::string absence_reason;
};

// A fraction "more than n/d" (strict) or "at least n/d".
struct Threshold {
  int numerator = 1, denominator = 2;
  bool strict = true;
  bool met(std::int64_t count, std::int64_t base) const {
    return strict ? count * denominator > base * numerator : count * denominator >= base * numerator;
  }
};

struct MeetingRules {
  Threshold quorum{1, 2, true};    // voting members present over the base
  Threshold approval{1, 2, true};  // votes for a grade over the base
  bool cumulative = true;          // a vote for a grade also approves every lower grade
};

enum class VoteMethod : std::int8_t { show_of_hands, secret_ballot };

// Votes per grade (index = domain::Grade) and blank/abstentions; never a voter.
struct Tally {
  std::array<std::int32_t, 4> per_grade{0, 0, 0, 0};
  std::int32_t blank = 0;
  std::int32_t total() const { return per_grade[0] + per_grade[1] + per_grade[2] + per_grade[3] + blank; }
};

// A secret ballot: who has voted (to refuse a second ballot) and the counts — no ballot keeps its voter, and no
// order of casting survives.
class BallotBox {
 public:
  explicit BallotBox(std::set<std::string> eligible) : eligible_(std::move(eligible)) {}
  Result<void> cast(const std::string& voter, std::optional<domain::Grade> choice);
  const Tally& tally() const { return tally_; }
  const std::set<std::string>& voted() const { return voted_; }

 private:
  std::set<std::string> eligible_, voted_;
  Tally tally_;
};

struct Comment {
  std::string speaker;  // person id
  std::string text;
  bool criticism = false;
};

struct ReceivedComment {
  CommentSource source = CommentSource::residence;
  std::string unit;
  std::string text;
};

struct SubjectReview {
  std::string subject;
  std::vector<Comment> comments;
  std::vector<ReceivedComment> received;  // residence place, previous cell, temporary cell
  std::optional<domain::Grade> civil_servant_grade;
  std::optional<domain::Grade> self_proposed;  // from the statement
  VoteMethod method = VoteMethod::show_of_hands;
  Tally tally;
};

struct Meeting {
  std::string unit;
  Days date = kNoDate;
  std::string place, chair, secretary;
  std::vector<Attendee> attendees;
  MeetingRules rules;
  std::vector<SubjectReview> subjects;
};

struct Quorum {
  std::int32_t base = 0;     // the members counted (QĐ 24 point 9.3.2)
  std::int32_t present = 0;  // of them, present and voting
  bool met = false;
};

// Who votes: the present members counted in the base (so the voters are exactly Quorum::present).
std::set<std::string> voters(const Meeting& meeting);
Quorum quorum(const Meeting& meeting);

// Attendance and meeting facts: date, chair and secretary present, no duplicate, a reason for each absence.
Result<void> validate_attendance(const Meeting& meeting);

// The outcome of a subject's vote: the best grade approved by more than the threshold of the base (cumulative
// by default); refused when the quorum is not met, the tally exceeds the voters present, or no grade passes.
Result<domain::Grade> vote_outcome(const Meeting& meeting, const Tally& tally);

// What the meeting must hold for a subject before it counts as reviewed: the comments its assignment requires
// (previous cell, temporary cell, residence place), the civil-servant grade where needed, a valid vote.
// Paths: "subjects[i].received.previous_cell", "subjects[i].civil_servant_grade", "subjects[i].tally".
// The grade the meeting proposes; nullopt for a subject reviewed but not graded here (a post, or a member under
// 132 who is suspended or admitted less than 6 months ago), for whom no vote is taken.
// The refusal for a missing required comment, naming `writer` (the unit's name) or, when it is unknown, the source.
std::string required_comment_problem(const CommentRequest& request, const std::string& writer);

Result<std::optional<domain::Grade>> conclude_subject(const Meeting& meeting, std::size_t index,
                                                      const ReviewAssignment& assignment);

// The minutes (biên bản) in Vietnamese: time, place, chair, secretary, attendance with absentees and reasons,
// quorum, and for each subject the comments, the received comments, the tally and the outcome. `names` maps
// person ids to display names (ids are printed where a name is missing). Only tallies appear.
std::string minutes(const Meeting& meeting, const std::map<std::string, std::string>& names);

}  // namespace xeploai::workflow
