#pragma once
// Vocabulary shared by the workflow: the regime of a ruleset, the calendar levels of the organization tree, a
// plain unit node (the service fills it from the org tree) and bilingual messages for refusals.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/grade.hpp"
#include "domain/ruleset.hpp"
#include "util/result.hpp"

namespace xeploai::workflow {

using domain::Days;
using domain::kNoDate;

// The procedure differs by regime (forms, who is reviewed, R-DISC-3); rulesets stay data, the regime is read
// from the ruleset's document ("132-QĐ/TW", "124-QĐ/TW", "366-QĐ/TW") so provincial variants keep working.
enum class Regime : std::int8_t { qd132, qd124, qd366 };
std::string_view code(Regime r);
Result<Regime> regime_of(const domain::Ruleset& ruleset);

// Calendar levels: each level of the tree meets and decides on its own deadlines, lower levels first
// (366 Điều 12.2: "lower level before upper level").
enum class Level : std::int8_t { cell = 0, grassroots = 1, upper_grassroots = 2, province = 3 };
inline constexpr int kLevelCount = 4;
std::string_view code(Level l);
std::optional<Level> parse_level(std::string_view s);
// Cells and sectional committees meet at the cell level; agencies follow the grassroots calendar.
Level level_of(domain::UnitKind kind);

// A unit of the organization tree as the workflow needs it; `parent` is an index into the same list, -1 for a
// root. The service builds the list from its tree; order does not matter.
struct UnitNode {
  std::string id;
  domain::UnitKind kind = domain::UnitKind::cell;
  std::int32_t parent = -1;
};

// "vi / en", the convention of every error message in the project.
std::string bilingual(std::string_view vi, std::string_view en);

// The calendar day (year, month, day) as Days; the arguments must name a real day.
Days make_date(int year, int month, int day);
int year_of(Days d);

}  // namespace xeploai::workflow
