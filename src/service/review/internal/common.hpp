#pragma once
// Shared by the review service files: loading a cycle, whether a caller sees it, the workflow's view of it.
#include <cstdint>
#include <optional>
#include <string>

#include "service/review/review.hpp"
#include "workflow/cycle.hpp"
#include "workflow/forms.hpp"

namespace xeploai::service::review::internal {

#define XEPLOAI_REVIEW_TRY(expr)                                     \
  do {                                                               \
    auto xeploai_result_ = (expr);                                   \
    if (!xeploai_result_) return std::move(xeploai_result_).error(); \
  } while (0)

struct CycleRow {
  std::int64_t id = 0;
  int year = 0, quarter = 0;
  std::string ruleset;
  std::int64_t root_unit_id = 0;
  std::string root_path;
  std::string status;
  int complaint_days = 30;
  std::string grading_date;
  std::int64_t version = 1;
};

// A subject's display name in SQL: the member's, else the leadership collective's, else the unit's (a party
// organization is reviewed as itself). Assumes the aliases s (review_subjects), p (people), k (collectives) and
// u (units ON u.id = s.unit_id). kSubjectNameJoins adds p and k, both LEFT (a subject has at most one of them); each
// query joins u itself, where it needs it, because most also read the unit's other columns.
inline constexpr const char* kSubjectName = "COALESCE(p.full_name, k.name, u.name)";
inline constexpr const char* kSubjectNameJoins =
    "LEFT JOIN people p ON p.id = s.person_id LEFT JOIN collectives k ON k.id = s.collective_id";

std::optional<CycleRow> load_cycle(store::Transaction& tx, std::int64_t id);
// The workflow's Cycle (with its calendar) for deadlines and progress.
workflow::Cycle to_workflow(store::Transaction& tx, const CycleRow& c);
// Every level sees the cycle at once: a grant on a unit of its subtree or above its root; and its subjects.
bool cycle_visible(store::Transaction& tx, const Principal& who, const CycleRow& c);
Error cycle_not_found(std::int64_t id);
Json cycle_json(store::Transaction& tx, const CycleRow& c);

// Null for the system principal (account 0) so that foreign keys hold.
std::optional<std::int64_t> account_of(const Principal& who);

std::optional<workflow::Profile> parse_profile(std::string_view s);

// A statement's content (as stored in review_statements.body_json or sent by the API); problems appended with paths.
workflow::Statement parse_statement(const Json& body, std::vector<ErrorDetail>& problems);

}  // namespace xeploai::service::review::internal
