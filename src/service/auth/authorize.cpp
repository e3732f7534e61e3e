#include "service/auth/authorize.hpp"

#include <fmt/format.h>

#include "service/auth/roles.hpp"
#include "service/org/tree.hpp"

namespace xeploai::service::auth {

bool role_allows(Role role, Action action) {
  switch (action) {
    case Action::read_unit:
    case Action::read_people:
      // A member sees only themself (authorize_person_read), not their cell's roster.
      return role != Role::member;
    case Action::manage_units:
      return role == Role::administrator;
    case Action::manage_people:
      return role == Role::administrator || role == Role::committee_staff;
    case Action::manage_accounts:
      return role == Role::administrator;
    case Action::read_audit:
      return role == Role::administrator || role == Role::organization_board || role == Role::inspection;
    // Review actions (service/review): the levels that run the review open cycles; everyone but a plain member
    // follows progress; only the cell secretary writes a statement for a member (43-HD).
    case Action::open_cycle:
      return role == Role::committee || role == Role::organization_board || role == Role::administrator;
    case Action::read_reviews:
      return role != Role::member;
    case Action::enter_statement:
      return role == Role::cell_secretary;
    // A party organization's and a leadership collective's own report is drafted by the organization's committee
    // (for a cell, its secretary) with the committee's office (366 Điều 7, 43-HD Mục 2).
    case Action::write_own_report:
      return role == Role::cell_secretary || role == Role::committee || role == Role::committee_staff;
    // The cell secretary runs the cell's meeting; the committee and its staff run the committee's (43-HD Mục 2)
    // and may record a cell's meeting for it.
    case Action::run_meeting:
      return role == Role::cell_secretary || role == Role::committee || role == Role::committee_staff;
    // The committee's staff appraise (43-HD Mục 3: the organization board/office prepares the appraisal); the
    // committee (and its standing committee, granted as committee) decides; discipline is the inspection
    // commission's or the committee's (Điều lệ Đảng Điều 36, 38).
    case Action::appraise:
      return role == Role::committee_staff || role == Role::committee || role == Role::organization_board;
    case Action::decide_grades:
      return role == Role::committee;
    case Action::record_conclusion:
      return role == Role::inspection || role == Role::committee;
  }
  return false;
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::read_unit:
      return "read_unit";
    case Action::read_people:
      return "read_people";
    case Action::manage_units:
      return "manage_units";
    case Action::manage_people:
      return "manage_people";
    case Action::manage_accounts:
      return "manage_accounts";
    case Action::read_audit:
      return "read_audit";
    case Action::open_cycle:
      return "open_cycle";
    case Action::read_reviews:
      return "read_reviews";
    case Action::enter_statement:
      return "enter_statement";
    case Action::write_own_report:
      return "write_own_report";
    case Action::run_meeting:
      return "run_meeting";
    case Action::appraise:
      return "appraise";
    case Action::decide_grades:
      return "decide_grades";
    case Action::record_conclusion:
      return "record_conclusion";
  }
  return "unknown";
}

Error out_of_scope(Action action, std::int64_t unit_id) {
  return Error::forbidden(fmt::format("Bạn không có quyền {} tại đơn vị {} / you may not {} on unit {}",
                                      to_string(action), unit_id, to_string(action), unit_id));
}

Result<void> authorize(store::Transaction& tx, const Principal& who, Action action, std::int64_t unit_id) {
  // Cheap checks first: most calls are on a grant's own unit.
  bool any_role = false;
  for (const auto& g : who.grants) {
    if (!role_allows(g.role, action)) continue;
    any_role = true;
    if (g.unit_id == unit_id) return {};
  }
  if (any_role) {
    for (const auto& g : who.grants)
      if (role_allows(g.role, action) && org::unit_in_subtree(tx, unit_id, g.unit_id)) return {};
  }
  return out_of_scope(action, unit_id);
}

Result<void> authorize_on_unit(const Principal& who, Action action, std::int64_t unit_id) {
  for (const auto& g : who.grants)
    if (g.unit_id == unit_id && role_allows(g.role, action)) return {};
  return out_of_scope(action, unit_id);
}

Result<void> authorize_person_read(store::Transaction& tx, const Principal& who, std::int64_t person_id) {
  if (who.person_id && *who.person_id == person_id) return {};
  auto row = tx.query_one("SELECT unit_id FROM people WHERE id = $1", store::params(person_id));
  if (!row)
    return Error::not_found(fmt::format("Không tìm thấy đảng viên {} / person {} not found", person_id, person_id));
  if (row->is_null(0)) {
    // Someone without a current cell is visible from a root unit only (the whole province).
    for (const auto& g : who.grants)
      if (role_allows(g.role, Action::read_people) && org::unit_ancestry(tx, g.unit_id).size() == 1) return {};
    return Error::forbidden(
        fmt::format("Bạn không có quyền xem đảng viên {} / you may not read person {}", person_id, person_id));
  }
  return authorize(tx, who, Action::read_people, row->get_int(0));
}

}  // namespace xeploai::service::auth
