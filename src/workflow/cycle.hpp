#pragma once
// The review cycle of a year (or of a quarter under 366/43-HD): the ruleset, the calendar per level, the
// complaint period and the units taking part. Opened by an upper level; every level below sees it at once.
#include <array>
#include <string>
#include <vector>

#include "domain/catalog.hpp"
#include "workflow/common.hpp"

namespace xeploai::workflow {

// The deadlines of a level, in the order they fall (each step is done by that date, inclusive).
enum class Step : std::int8_t { self_review = 0, meeting = 1, proposal = 2, decision = 3, reporting = 4 };
inline constexpr int kStepCount = 5;
std::string_view code(Step s);

struct LevelCalendar {
  Level level = Level::cell;
  std::array<Days, kStepCount> deadlines{kNoDate, kNoDate, kNoDate, kNoDate, kNoDate};
  Days deadline(Step s) const { return deadlines[static_cast<int>(s)]; }
};

struct Cycle {
  std::string id;
  int year = 0;
  int quarter = 0;      // 0: the annual review; 1–3: a quarterly evaluation (43-HD; the 4th is folded into the year)
  std::string ruleset;  // ruleset id, from the catalog (chosen by year unless given)
  std::vector<LevelCalendar> calendar;
  int complaint_days = 30;         // a complaint may be filed until publication + complaint_days (inclusive)
  std::vector<std::string> units;  // the roots of the participating subtrees (unit ids)
};

// The ruleset in force for the year, as the engine's catalog says; refused when none covers it.
Result<std::string> choose_ruleset(const domain::RulesetCatalog& catalog, int year);

// Every problem at once, each with its path ("calendar[1].meeting"): year and ruleset (the ruleset must cover the
// year), quarter (1–3 only under 366/43-HD, 4 is the annual review), calendar (one entry per level, every deadline
// set, in step order, inside [period start, 31/12 of the next year], and no level's step before the same step
// of a level below it), complaint period (1–90 days), participating units (at least one, no duplicate).
Result<void> validate(const Cycle& cycle, const domain::RulesetCatalog& catalog);

// The deadline of a step for a level, kNoDate when the cycle has no calendar for that level.
Days deadline(const Cycle& cycle, Level level, Step step);

// Deadlines following 43-HD Mục 4 for an annual review (reviews done by 31/12; special bodies 15/01; dossiers to
// the Central Organization Commission by 01/02; its report by 01/03), lower levels first. A starting point the
// opening level edits; a documented choice, not a rule.
std::vector<LevelCalendar> default_calendar(int year);
// Deadlines for a quarterly evaluation (quarter 1–3): everything done by the 15th of the quarter's last month, when
// the results are reported (Kết luận 198, qd366.md §6.5), lower levels first.
std::vector<LevelCalendar> default_quarter_calendar(int year, int quarter);

// First and last day of the evaluated period (the year, or the quarter).
Days period_start(const Cycle& cycle);
Days period_end(const Cycle& cycle);

}  // namespace xeploai::workflow
