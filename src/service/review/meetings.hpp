#pragma once
// The review meeting as stored (issue 4 step 2; docs/workflow.md "Stored and exposed", "Quorum and vote"): a unit
// (a cell, or a committee for the posts reviewed there) meets once per cycle; its attendance comes from the roster;
// for each subject the meeting records the comments raised, the comments received, the civil-servant grade and the
// vote (a show of hands, a secret ballot cast by each voter with their own account, or paper ballots counted by the
// counting committee); concluding a subject moves it submitted -> reviewed with the vote's outcome in
// review_subjects.meeting_grade; closing the meeting freezes its minutes. The decisions are src/workflow's
// (meeting.hpp, review.hpp); this layer stores them, checks scope (auth::Action::run_meeting) and audits writes.
//
// Secret ballots keep only who has voted and the counts: no row links a voter to a choice, and no row keeps the
// order or the time of casting. The counts are shown only once the ballot is closed (a running tally read between
// two ballots would tell what the second voter chose). A ballot is not an audit entry of its own (an entry per
// ballot would keep the order and time of casting); opening and closing the ballot are, the closing one with the
// voters and the frozen tally.
#include <cstdint>
#include <optional>
#include <string>

#include "service/org/common.hpp"
#include "service/org/units.hpp"

namespace xeploai::service::review {

// {cycle_id, unit_id, date, place, chair_id, secretary_id, rules?: {quorum?: {numerator, denominator, strict},
//  approval?: {...}, cumulative?}, vote_method?: show_of_hands|secret_ballot}. run_meeting on unit_id; the cycle
// open and covering the unit, with review subjects there; chair and secretary on the unit's roster. The attendance
// is filled from the roster (everyone present) and one record per reviewed subject of the unit. 409 when the unit
// already has its meeting in the cycle.
Result<Json> create_meeting(store::Transaction& tx, const Call& call, const Json& body);

struct MeetingQuery {
  std::optional<std::int64_t> cycle_id;
  std::optional<std::int64_t> unit_id;  // needs read_reviews there
  std::int64_t offset = 0;
  int limit = 50;
};
// Meetings in the caller's read_reviews scope and those the caller attends; newest first.
Result<org::Page> list_meetings(store::Transaction& tx, const Call& call, const MeetingQuery& query);
// The meeting with its attendance, quorum (computed on every read) and subjects. read_reviews on its unit, or an
// attendee (who needs it to find the open ballots). 404 otherwise.
Result<Json> get_meeting(store::Transaction& tx, const Call& call, std::int64_t id);
// {version, date?, place?, chair_id?, secretary_id?, rules?, vote_method?}. Rules are fixed once a subject is
// concluded or a ballot is open.
Result<Json> update_meeting(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// {version, attendees: [{person_id, presence, absence_reason?, absence_approved?, temporarily_elsewhere?}]}:
// updates the listed attendees; checked whole (workflow::validate_attendance). Refused while a ballot is open.
Result<Json> record_attendance(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// {version}: freezes the minutes; refused while a ballot is open. Read-only afterwards.
Result<Json> close_meeting(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// {meeting_id, text, frozen, closed_at}: workflow::minutes with the names of people and units.
Result<Json> meeting_minutes(store::Transaction& tx, const Call& call, std::int64_t id);

// Per subject (review id); the subject's meeting is its unit's in its cycle.
// {version, comments?: [{speaker_id, text, criticism?}], received?: [{source, unit_id?, text}],
//  civil_servant_grade?, vote_method?}: replaces what the meeting holds for the subject.
Result<Json> record_subject(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {version, method: show_of_hands|paper_ballot, tally: {HTXSNV, HTTNV, HTNV, KHTNV, blank}}: the secretary's count
// of hands, or the counting committee's count of paper ballots.
Result<Json> record_tally(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {version}: opens the electronic secret ballot (quorum needed; a new ballot clears an earlier one).
Result<Json> open_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {grade: "HTTNV" | null}: the caller casts their own ballot (a present voting member); a second one is 409.
// Answers {subject_id, voted: true, ballots_cast}: never the choice.
Result<Json> cast_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {version}: closes the ballot and freezes the tally.
Result<Json> close_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {version}: workflow::conclude_subject; the review order gate (collective, head, deputies, members); then
// submitted -> reviewed (workflow::apply, history) with meeting_grade = the outcome (null when not graded).
Result<Json> conclude_subject(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);

// In-app reminders, computed on read (workflow::reminders_due): the caller's own statements due, and for the units
// where the caller runs meetings or decides, the meetings, proposals and decisions due within `within_days`.
Result<Json> my_reminders(store::Transaction& tx, const Call& call, int within_days,
                          std::optional<std::string> today = {});

}  // namespace xeploai::service::review
