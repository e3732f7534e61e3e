#pragma once
// Who is reviewed and who is graded, and where, from a member's roster facts (regulations.md §4 "Eligibility"
// and "Transfers", qd366.md §5). A pure function: the service reads the facts from the roster and stores the
// assignments it returns.
#include <string>
#include <utility>
#include <vector>

#include "workflow/common.hpp"

namespace xeploai::workflow {

// A time the member was an official member of a cell. `to` is kNoDate while it lasts.
struct CellStint {
  std::string cell;
  Days from = kNoDate;
  Days to = kNoDate;
};

// A leadership or management post held in a collective or agency (a leader reviews in each post: 366 Điều 7,
// 43-HD Mục 2).
struct Post {
  std::string unit;        // the leadership collective or agency unit where the post is held
  std::string title;       // "Phó Chủ tịch UBND xã"
  bool leadership = true;  // a leadership/management post (Mẫu 2A under 43-HD, 02B under 124)
};

struct MemberFacts {
  std::string person;
  domain::MemberStatus status = domain::MemberStatus::active;
  bool committee_activity_suspended = false;  // đình chỉ sinh hoạt cấp ủy only: still reviewed and graded
  Days admitted = kNoDate;
  std::vector<CellStint> stints;  // official membership, oldest first; the one open at the period end grades
  std::string temporary_cell;     // sinh hoạt tạm thời: where the member is active temporarily, empty if none
  std::string residence_unit;     // the cell or committee where the member lives (residence-place comment)
  std::vector<Post> posts;
  bool civil_servant = false;  // cán bộ, công chức, viên chức: the state grade comes first (R-LINK-2)
  bool outside_political_system = false;  // retirees, students, private sector (Mẫu 2C, PL5)
  bool central_managed = false;           // cadre managed by the Politburo/Secretariat (PL2)
};

// The statement form family a subject writes (qd366.md §9.1).
enum class Profile : std::int8_t { collective, leader_central, leader, non_leader, member_outside };
std::string_view code(Profile p);

enum class CommentSource : std::int8_t { previous_cell, temporary_cell, residence };
std::string_view code(CommentSource s);

struct CommentRequest {
  CommentSource source = CommentSource::residence;
  std::string unit;  // who writes it (may be empty when the residence is unknown: the secretary must find it)
  std::string rule;  // R-XFER-1, R-XFER-2, R-RESIDENCE
};

struct Reason {
  std::string rule;  // R-EXEMPT-1 …
  std::string vi, en;
};

enum class Place : std::int8_t { cell, post };

struct ReviewAssignment {
  Place place = Place::cell;
  std::string unit;        // where the review takes place
  std::string post_title;  // for Place::post
  bool reviewed = true;
  bool graded = true;        // the party-member grade is given here
  std::string grading_cell;  // the cell whose meeting proposes the grade (the official cell), when graded
  Profile profile = Profile::non_leader;
  bool civil_servant_grade_needed = false;
  std::vector<CommentRequest> comments;
  std::vector<Reason> reasons;
};

// Who is reviewed and graded under `regime` at `as_of` (the grading date) for a period [start, end]:
// - exempt (R-EXEMPT-1): neither reviewed nor graded;
// - suspended from party activity (R-EXEMPT-2): under 132 reviewed, not graded; under 124/366 neither;
// - admitted less than 6 months before as_of: under 132 reviewed for the time since admission, not graded
//   (R-EXEMPT-3); under 124 and 366 neither (R-EXEMPT-3b; 366 Điều 5.2.1);
// - graded at the official cell open at the period end; a cell left during the period after 6 months or more
//   there owes written comments (R-XFER-1); a temporary cell always does (R-XFER-2);
// - every post is a further review place, not a further grade (graded once, at the cell: 366 Điều 3);
// - a residence-place comment for every member graded at a cell (366 Điều 17, Quy định 213-QĐ/TW).
// The first assignment is always the cell's. Inconsistent facts are refused with their paths.
Result<std::vector<ReviewAssignment>> assign_reviews(const MemberFacts& facts, Regime regime, Days period_start,
                                                     Days period_end, Days as_of);

// The comments a unit owes to other cells' meetings (R-XFER-1, R-XFER-2, residence place): for each assignment of
// each person, the requests whose writer is `unit`. The service lists them on the unit's progress page.
struct OwedComment {
  std::string person;
  std::string for_unit;  // the cell whose meeting needs it
  CommentSource source = CommentSource::residence;
  std::string rule;
};
std::vector<OwedComment> comments_owed(const std::vector<std::pair<std::string, ReviewAssignment>>& assignments,
                                       const std::string& unit);

}  // namespace xeploai::workflow
