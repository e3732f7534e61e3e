#pragma once
// Scope and role checks. A role granted on a unit holds for that unit and everything below it. Every service
// call checks here before reading or writing; a refusal is ErrorCode::forbidden (or not_found where revealing
// existence would leak, decided per endpoint and documented).
#include <cstdint>

#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service::auth {

enum class Action {
  read_unit,        // see a unit, its subtree, its collectives
  read_people,      // see the people of a unit's subtree
  manage_units,     // create/rename/restructure units and collectives
  manage_people,    // create/update people, memberships, posts
  manage_accounts,  // create accounts, grant and revoke roles
  read_audit,       // read the audit log of a subtree
  // The review (issue 4; service/review):
  open_cycle,       // open a review cycle for a subtree (an upper level)
  read_reviews,     // see the cycle's progress and the statements of the subtree's members
  enter_statement,  // write a member's statement on their behalf (the cell secretary)
  write_own_report,  // write a unit's own collective reports (Mẫu 01): its committee, staff or cell secretary
  run_meeting,      // hold the unit's review meeting: attendance, comments, tallies, conclusions, minutes
  // Step 3 (service/review decisions): the committee's staff appraise and propose, the committee decides.
  appraise,           // the what-if appraisal of a scope and confirming proposals (thẩm định)
  decide_grades,      // decide, publish, answer complaints; on a level above: cancel, reopen, re-grade
  record_conclusion,  // record a discipline or a degradation conclusion about a member
};

// Ok when some grant of `who` allows `action` on `unit_id` (the grant's unit is `unit_id` or an ancestor of it).
Result<void> authorize(store::Transaction& tx, const Principal& who, Action action, std::int64_t unit_id);

// Ok when some grant of `who` on `unit_id` itself allows `action`: for what a unit does for itself, which a level
// above does not do for it.
Result<void> authorize_on_unit(const Principal& who, Action action, std::int64_t unit_id);

// Ok for a member reading their own person record, else as authorize(read_people, unit of that person).
Result<void> authorize_person_read(store::Transaction& tx, const Principal& who, std::int64_t person_id);

}  // namespace xeploai::service::auth
