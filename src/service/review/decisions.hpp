#pragma once
// Step 2–3 of the review as stored (issue 4; docs/workflow.md "Stored and exposed"): the appraisal (what-if),
// the proposal, the decision of a competent level over a batch (all or nothing, within the quota), publication with
// notifications, complaints, cancellation and re-grading by the superior level, reopening for a later discipline
// (R-DISC-3), and the history a member reads. The decisions themselves are src/workflow's (decision.hpp,
// review.hpp, complaint.hpp); this layer loads the facts, stores the outcome, checks scope and audits every write.
#include <cstdint>

#include "service/org/common.hpp"
#include "service/org/units.hpp"

namespace xeploai::service::review {

// {unit_id, overrides?: {"<subject id>": grade}}: the engine's result for the subjects unit_id decides (from
// `reviewed` on; with the grades that already stand below it for the roll-ups), every finding and the quota
// meters; overrides replace proposals for a what-if. Nothing is stored. Needs appraise on unit_id.
Result<Json> appraise_scope(store::Transaction& tx, const Call& call, std::int64_t cycle_id, const Json& body);

// {version, grade?, reason?}: the appraiser confirms the proposal (reviewed -> proposed, or a revised proposal):
// grade defaults to the meeting's; a different grade needs a reason (kept in the history). Needs appraise on
// the subject's competent level.
Result<Json> propose(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);

// {unit_id, number, date, signer, body?, subject_ids, grades?: {"<id>": grade}, complaint_id?}: one decision of the
// deciding unit over the batch, or nothing (the engine's refusal: a grade above its max, a quota exceeded; the
// order of grading; an incomplete record), with every reason and path in Vietnamese and English. Needs
// decide_grades on unit_id.
Result<Json> decide(store::Transaction& tx, const Call& call, std::int64_t cycle_id, const Json& body);
Result<Json> get_decision(store::Transaction& tx, const Call& call, std::int64_t decision_id);
// {}: decided -> published for the decision's subjects, who are notified; the results are read-only after.
Result<Json> publish(store::Transaction& tx, const Call& call, std::int64_t decision_id, const Json& body);

// The caller's notifications, newest first; marking one read (404 for another's).
Result<Json> my_notifications(store::Transaction& tx, const Call& call);
Result<Json> read_notification(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// The notifications of a unit's subtree (read_reviews there), newest first, the first 500.
Result<Json> unit_notifications(store::Transaction& tx, const Call& call, std::int64_t unit_id);

// {text, requested?}: the subject files a complaint about the published grade within the cycle's period.
Result<Json> file_complaint(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {outcome: upheld|rejected, reasons}: the deciding level answers; upheld -> regrading.
Result<Json> answer_complaint(store::Transaction& tx, const Call& call, std::int64_t complaint_id, const Json& body);

// The lists the committee's screens read in one request (GET /cycles/{id}/complaints and /cycles/{id}/decisions).
// unit_id defaults to the cycle's root and may be any unit of the cycle's tree (its subtree, or a level above its
// root: those decide some of its grades); read_reviews there (403), 404 when the cycle is not visible.
struct ComplaintQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> status;  // "open" (not answered yet) or "answered"; all when absent
  std::int64_t offset = 0;
  int limit = 50;
};
// The complaints filed in the cycle about subjects of unit_id's subtree, newest first: each the complaint's own JSON
// (as filing and answering return it, with the review's state) and what the committee reads beside it (the
// subject's name and unit, the contested decision and grade, the review's version, status open/answered).
Result<org::Page> list_complaints(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                  const ComplaintQuery& query);
struct DecisionQuery {
  std::optional<std::int64_t> unit_id;
  std::int64_t offset = 0;
  int limit = 50;
};
// The decisions of the cycle taken by unit_id or a unit of its subtree, newest first (by date, then as stored), each
// with its deciding unit and how many subjects it grades.
Result<org::Page> list_decisions(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                 const DecisionQuery& query);

// {reason}: the level above the competent one cancels a decided or published grade (R-REGRADE-1/2) -> regrading.
Result<Json> cancel_grade(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {conclusion_id, reason}: a discipline decided later for this year's violation reopens the grade (R-DISC-3,
// workflow::discipline_reopens; refused with the reason under 366). The level above the competent one.
Result<Json> reopen_grade(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {kind: discipline|degradation|must_not_do_violation, decided_on, violation_year, form?, self_detected_remedied?,
//  note?}: a conclusion about a member the engine weighs. Needs record_conclusion on the member's cell.
Result<Json> record_conclusion(store::Transaction& tx, const Call& call, std::int64_t person_id, const Json& body);

// A subject's review with its full history: transitions, decisions, complaints. The subject, or read_reviews.
Result<Json> get_review(store::Transaction& tx, const Call& call, std::int64_t subject_id);
// The caller's results across years: every cycle's review with the published grade and its decisions.
Result<Json> my_results(store::Transaction& tx, const Call& call);

}  // namespace xeploai::service::review
