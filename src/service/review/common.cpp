#include "service/review/internal/common.hpp"

#include <fmt/format.h>

#include "service/org/tree.hpp"

namespace xeploai::service::review::internal {

std::optional<CycleRow> load_cycle(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(
      "SELECT c.id, c.year, c.quarter, c.ruleset, c.root_unit_id, u.path, c.status, c.complaint_days, c.grading_date, "
      "c.version FROM review_cycles c JOIN units u ON u.id = c.root_unit_id WHERE c.id = $1",
      store::params(id));
  if (!r) return std::nullopt;
  return CycleRow{r->get_int(0),
                  static_cast<int>(r->get_int(1)),
                  static_cast<int>(r->get_int(2)),
                  r->get_text(3),
                  r->get_int(4),
                  r->get_text(5),
                  r->get_text(6),
                  static_cast<int>(r->get_int(7)),
                  r->get_text(8),
                  r->get_int(9)};
}

workflow::Cycle to_workflow(store::Transaction& tx, const CycleRow& c) {
  workflow::Cycle wc;
  wc.id = std::to_string(c.id);
  wc.year = c.year;
  wc.quarter = c.quarter;
  wc.ruleset = c.ruleset;
  wc.complaint_days = c.complaint_days;
  wc.units = {std::to_string(c.root_unit_id)};
  for (auto& r : tx.query("SELECT level, self_review, meeting, proposal, decision, reporting FROM "
                          "review_cycle_calendar WHERE cycle_id = $1",
                          store::params(c.id))) {
    workflow::LevelCalendar lc;
    lc.level = *workflow::parse_level(r.get_text(0));
    for (int s = 0; s < workflow::kStepCount; ++s) lc.deadlines[s] = *domain::parse_iso_date(r.get_text(1 + s));
    wc.calendar.push_back(lc);
  }
  return wc;
}

bool cycle_visible(store::Transaction& tx, const Principal& who, const CycleRow& c) {
  for (const auto& g : who.grants)
    if (org::unit_in_subtree(tx, g.unit_id, c.root_unit_id) || org::unit_in_subtree(tx, c.root_unit_id, g.unit_id))
      return true;
  return who.person_id && tx.query_one("SELECT 1 FROM review_subjects WHERE cycle_id = $1 AND person_id = $2",
                                       store::params(c.id, *who.person_id));
}

Error cycle_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy đợt kiểm điểm {} / Review cycle {} not found", id, id));
}

Json cycle_json(store::Transaction& tx, const CycleRow& c) {
  Json calendar = Json::array();
  for (auto& r : tx.query("SELECT level, self_review, meeting, proposal, decision, reporting FROM "
                          "review_cycle_calendar WHERE cycle_id = $1",
                          store::params(c.id)))
    calendar.push_back({{"level", r.get_text(0)},
                        {"self_review", r.get_text(1)},
                        {"meeting", r.get_text(2)},
                        {"proposal", r.get_text(3)},
                        {"decision", r.get_text(4)},
                        {"reporting", r.get_text(5)}});
  // Lower levels first, as the calendar reads.
  std::sort(calendar.begin(), calendar.end(), [](const Json& a, const Json& b) {
    return *workflow::parse_level(a["level"].get<std::string>()) <
           *workflow::parse_level(b["level"].get<std::string>());
  });
  auto counts = tx.query_one(
      "SELECT COUNT(*), COALESCE(SUM(reviewed), 0), COALESCE(SUM(graded), 0), "
      "COALESCE(SUM(CASE WHEN state <> 'not_started' AND state <> 'draft' THEN 1 ELSE 0 END), 0) "
      "FROM review_subjects WHERE cycle_id = $1",
      store::params(c.id));
  auto name = tx.query_one("SELECT name FROM units WHERE id = $1", store::params(c.root_unit_id));
  return {{"id", c.id},
          {"year", c.year},
          {"quarter", c.quarter},
          {"ruleset", c.ruleset},
          {"root_unit_id", c.root_unit_id},
          {"root_unit_name", name ? name->get_text(0) : std::string()},
          {"status", c.status},
          {"complaint_days", c.complaint_days},
          {"grading_date", c.grading_date},
          {"calendar", calendar},
          {"subjects",
           {{"total", counts->get_int(0)},
            {"reviewed", counts->get_int(1)},
            {"graded", counts->get_int(2)},
            {"submitted", counts->get_int(3)}}},
          {"version", c.version}};
}

std::optional<std::int64_t> account_of(const Principal& who) {
  if (who.account_id <= 0) return std::nullopt;
  return who.account_id;
}

std::optional<workflow::Profile> parse_profile(std::string_view s) {
  for (auto p : {workflow::Profile::collective, workflow::Profile::leader_central, workflow::Profile::leader,
                 workflow::Profile::non_leader, workflow::Profile::member_outside})
    if (workflow::code(p) == s) return p;
  return std::nullopt;
}

}  // namespace xeploai::service::review::internal
