#include "workflow/common.hpp"

#include <cassert>
#include <chrono>

namespace xeploai::workflow {

std::string_view code(Regime r) {
  switch (r) {
    case Regime::qd132:
      return "qd132";
    case Regime::qd124:
      return "qd124";
    case Regime::qd366:
      return "qd366";
  }
  return "?";
}

Result<Regime> regime_of(const domain::Ruleset& ruleset) {
  const std::string& d = ruleset.document;
  if (d.starts_with("132-")) return Regime::qd132;
  if (d.starts_with("124-")) return Regime::qd124;
  if (d.starts_with("366-")) return Regime::qd366;
  return Error::invalid(bilingual("Bộ quy tắc không thuộc quy định nào đã biết", "the ruleset's regulation is unknown"),
                        {{"ruleset.document", "expected 132-QĐ/TW, 124-QĐ/TW or 366-QĐ/TW, got '" + d + "'"}});
}

std::string_view code(Level l) {
  switch (l) {
    case Level::cell:
      return "cell";
    case Level::grassroots:
      return "grassroots";
    case Level::upper_grassroots:
      return "upper_grassroots";
    case Level::province:
      return "province";
  }
  return "?";
}

std::optional<Level> parse_level(std::string_view s) {
  for (int i = 0; i < kLevelCount; ++i)
    if (code(static_cast<Level>(i)) == s) return static_cast<Level>(i);
  return std::nullopt;
}

Level level_of(domain::UnitKind kind) {
  using domain::UnitKind;
  switch (kind) {
    case UnitKind::cell:
    case UnitKind::sectional_committee:
      return Level::cell;
    case UnitKind::grassroots_cell:
    case UnitKind::grassroots_committee:
    case UnitKind::agency:
      return Level::grassroots;
    case UnitKind::upper_grassroots_committee:
      return Level::upper_grassroots;
    case UnitKind::province_committee:
      return Level::province;
  }
  return Level::cell;
}

std::string bilingual(std::string_view vi, std::string_view en) {
  std::string s(vi);
  s += " / ";
  s += en;
  return s;
}

Days make_date(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  assert(ymd.ok());
  return static_cast<Days>(sys_days{ymd}.time_since_epoch().count());
}

int year_of(Days d) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{d}}};
  return static_cast<int>(ymd.year());
}

}  // namespace xeploai::workflow
