#pragma once
// The annual (or quarterly) review as stored (issue 4, docs/workflow.md "Stored and exposed"): an upper level opens
// a cycle for its subtree, the roster and the rules decide who is reviewed and graded, members write their
// statements (drafts, then an explicit submission; a cell secretary may write one on a member's behalf) and any
// unit of the cycle follows progress rolled up the tree. The decisions themselves are src/workflow's; this layer
// loads them from SQL rows, stores the outcome, checks scope (auth::authorize) and audits every write.
#include <cstdint>
#include <optional>
#include <string>

#include "service/org/common.hpp"
#include "service/org/units.hpp"

namespace xeploai::service::review {

// {unit_id, year, quarter? (0 the annual review, 1–3), ruleset? (default: the one in force for the year),
//  complaint_days? (30), grading_date? (default: the period's last day), calendar?: [{level, self_review, meeting,
//  proposal, decision, reporting}] (default: workflow::default_calendar or default_quarter_calendar)}.
// Needs open_cycle on unit_id. One transaction: the cycle, its calendar and one subject per review assignment of
// every member active in a cell of the subtree (also those neither reviewed nor graded, with the rule). Refused
// with 409 when an open cycle of the same period already covers part of the subtree.
Result<Json> open_cycle(store::Transaction& tx, const Call& call, const Json& body);

struct CycleQuery {
  std::optional<std::int64_t> unit_id;  // cycles covering this unit (needs read_unit there)
  std::int64_t offset = 0;
  int limit = 50;
};
// The cycles the caller sees: a cycle is visible from every unit of its subtree and every unit above its root
// (every level takes part at once), and to its subjects. Newest first.
Result<org::Page> list_cycles(store::Transaction& tx, const Call& call, const CycleQuery& query);
// 404 when not visible to the caller (existence is not revealed).
Result<Json> get_cycle(store::Transaction& tx, const Call& call, std::int64_t id);

// The caller's own subjects in open cycles ({"items": [...]}), empty for an account without a person.
Result<Json> my_reviews(store::Transaction& tx, const Call& call);

// The statement of a subject with the form it is written on. The subject, or read_reviews on its unit.
Result<Json> get_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id);
// Replaces the draft: {version (0 before the first save), sections?, scores?, ratings?, tasks?, limitations?,
// proposed?}. Checked as a draft (what is there must be right). The subject, or enter_statement on its unit
// (recorded as on_behalf). 409 on a stale version or once submitted.
Result<Json> save_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);
// {version}: submits the saved draft, which must be complete (every problem listed with its path).
Result<Json> submit_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body);

// Progress of a cycle for `unit_id` (default: the cycle's root) and the units directly below it, rolled up, with
// the reviewed subjects of the unit's subtree who have not submitted. Needs read_reviews on the unit.
// `today` ('YYYY-MM-DD', default the current date) is what lateness is judged against.
Result<Json> cycle_progress(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                            std::optional<std::int64_t> unit_id, std::optional<std::string> today = {});

struct SubjectQuery {
  std::optional<std::int64_t> unit_id;  // default: the cycle's root
  std::int64_t offset = 0;
  int limit = 50;
  // Only the unit's own collective subjects (its party organization, its leadership collectives), not its subtree's
  // nor its members: what the unit itself reports on (the cell's own report screen).
  bool own = false;
};
// The subjects of the cycle whose unit lies in unit_id's subtree, each with its state, grades and statement status,
// members first in Vietnamese name order. Needs read_reviews on the unit; 404 when the cycle is not visible.
Result<org::Page> list_subjects(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                const SubjectQuery& query);

}  // namespace xeploai::service::review
