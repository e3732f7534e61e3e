#include "workflow/cycle.hpp"

#include <fmt/format.h>

#include <set>

namespace xeploai::workflow {

std::string_view code(Step s) {
  switch (s) {
    case Step::self_review:
      return "self_review";
    case Step::meeting:
      return "meeting";
    case Step::proposal:
      return "proposal";
    case Step::decision:
      return "decision";
    case Step::reporting:
      return "reporting";
  }
  return "?";
}

namespace {

// The level as a Vietnamese reader names it, for the Vietnamese half of a problem.
std::string_view level_vi(Level l) {
  switch (l) {
    case Level::cell:
      return "chi bộ";
    case Level::grassroots:
      return "cơ sở";
    case Level::upper_grassroots:
      return "cấp trên cơ sở";
    case Level::province:
      return "tỉnh";
  }
  return "?";
}

}  // namespace

Result<std::string> choose_ruleset(const domain::RulesetCatalog& catalog, int year) {
  if (const domain::Ruleset* rs = catalog.for_year(year)) return rs->id;
  return Error::invalid(
      bilingual("Không có bộ quy tắc cho năm đánh giá", "no ruleset covers the evaluation year"),
      {{"year", fmt::format("không có quy định nào áp dụng cho năm {0} / no ruleset in force for {0}", year)}});
}

Days period_start(const Cycle& c) {
  return c.quarter == 0 ? make_date(c.year, 1, 1) : make_date(c.year, 3 * (c.quarter - 1) + 1, 1);
}

Days period_end(const Cycle& c) {
  if (c.quarter == 0) return make_date(c.year, 12, 31);
  return make_date(c.year, 3 * c.quarter + 1, 1) - 1;  // the day before the next quarter starts
}

Result<void> validate(const Cycle& c, const domain::RulesetCatalog& catalog) {
  std::vector<ErrorDetail> p;
  if (c.id.empty()) p.push_back({"id", "bắt buộc / required"});
  const bool year_ok = c.year >= 2000 && c.year <= 2100;
  if (!year_ok)
    p.push_back(
        {"year",
         fmt::format("năm {0} không hợp lệ (2000–2100) / {0} is not a plausible evaluation year (2000–2100)", c.year)});

  const domain::Ruleset* rs = catalog.find(c.ruleset);
  if (c.ruleset.empty()) {
    p.push_back({"ruleset", "bắt buộc / required"});
  } else if (!rs) {
    p.push_back({"ruleset", "không có bộ quy tắc '" + c.ruleset + "' / unknown ruleset '" + c.ruleset + "'"});
  } else if (year_ok && (c.year < rs->year_from || (rs->year_to != 0 && c.year > rs->year_to))) {
    p.push_back(
        {"ruleset",
         fmt::format("quy định {0} không áp dụng cho năm {1} ({2}–{3}) / {0} does not cover the year {1} ({2}–{3})",
                     rs->id, c.year, rs->year_from, rs->year_to == 0 ? std::string("") : std::to_string(rs->year_to))});
  }

  if (c.quarter < 0 || c.quarter > 4) {
    p.push_back({"quarter", "phải là 0 (cả năm) hoặc 1–3 / must be 0 (the year) or 1–3"});
  } else if (c.quarter == 4) {
    p.push_back({"quarter",
                 "quý IV được gộp vào kiểm điểm cả năm (43-HD): hãy mở đợt cả năm / the fourth quarter is folded into "
                 "the annual review (43-HD): open the year instead"});
  } else if (c.quarter != 0 && rs) {
    auto regime = regime_of(*rs);
    if (!regime || *regime != Regime::qd366)
      p.push_back({"quarter",
                   "chỉ Quy định 366-QĐ/TW có đánh giá theo quý (Kết luận 198, 43-HD) / quarterly evaluation exists "
                   "only under 366-QĐ/TW (Conclusion 198, 43-HD)"});
  }

  if (c.calendar.empty())
    p.push_back({"calendar", "cần thời hạn của ít nhất một cấp / at least one level's deadlines are required"});
  std::array<int, kLevelCount> index_of{-1, -1, -1, -1};
  const bool period_ok = year_ok && c.quarter >= 0 && c.quarter <= 3;
  const Days lo = period_ok ? period_start(c) : kNoDate;
  const Days hi = year_ok ? make_date(c.year + 1, 12, 31) : kNoDate;
  for (std::size_t i = 0; i < c.calendar.size(); ++i) {
    const LevelCalendar& lc = c.calendar[i];
    const std::string at = fmt::format("calendar[{}]", i);
    int& seen = index_of[static_cast<int>(lc.level)];
    if (seen >= 0)
      p.push_back({at + ".level", fmt::format("cấp {0} xuất hiện hai lần / level {0} appears twice", code(lc.level))});
    seen = static_cast<int>(i);
    Days previous = kNoDate;
    for (int s = 0; s < kStepCount; ++s) {
      const Days d = lc.deadlines[s];
      const std::string path = at + "." + std::string(code(static_cast<Step>(s)));
      if (d == kNoDate) {
        p.push_back({path, "bắt buộc / required"});
        continue;
      }
      if (period_ok && year_ok && (d < lo || d > hi))
        p.push_back({path, fmt::format("ngày {0} nằm ngoài khoảng {1} – {2} / {0} is outside {1} – {2}",
                                       domain::format_dmy(d), domain::format_dmy(lo), domain::format_dmy(hi))});
      if (previous != kNoDate && d < previous)
        p.push_back(
            {path,
             fmt::format("ngày {0} sớm hơn hạn của bước trước ({1}) / {0} is before the previous step's deadline {1}",
                         domain::format_dmy(d), domain::format_dmy(previous))});
      previous = d;
    }
  }
  // A level's step may not be due before the same step of any level below it.
  for (int upper = 1; upper < kLevelCount; ++upper) {
    if (index_of[upper] < 0) continue;
    const LevelCalendar& u = c.calendar[index_of[upper]];
    for (int lower = 0; lower < upper; ++lower) {
      if (index_of[lower] < 0) continue;
      const LevelCalendar& l = c.calendar[index_of[lower]];
      for (int s = 0; s < kStepCount; ++s) {
        if (u.deadlines[s] == kNoDate || l.deadlines[s] == kNoDate || u.deadlines[s] >= l.deadlines[s]) continue;
        p.push_back({fmt::format("calendar[{}].{}", index_of[upper], code(static_cast<Step>(s))),
                     fmt::format("sớm hơn hạn của cùng bước ở cấp dưới ({0}: {1}) / due before the same step at the "
                                 "lower level {2} ({1})",
                                 level_vi(l.level), domain::format_dmy(l.deadlines[s]), code(l.level))});
      }
    }
  }

  if (c.complaint_days < 1 || c.complaint_days > 90)
    p.push_back({"complaint_days",
                 fmt::format("{0} ngày nằm ngoài khoảng 1–90 ngày / {0} is outside 1–90 days", c.complaint_days)});
  if (c.units.empty())
    p.push_back({"units", "cần ít nhất một đơn vị tham gia / at least one participating unit is required"});
  std::set<std::string> units;
  for (std::size_t i = 0; i < c.units.size(); ++i) {
    if (c.units[i].empty())
      p.push_back({fmt::format("units[{}]", i), "thiếu mã đơn vị / empty unit id"});
    else if (!units.insert(c.units[i]).second)
      p.push_back({fmt::format("units[{}]", i),
                   "đơn vị '" + c.units[i] + "' được kê hai lần / unit '" + c.units[i] + "' listed twice"});
  }
  if (!p.empty()) return Error::invalid(bilingual("Kỳ đánh giá không hợp lệ", "the review cycle is invalid"), p);
  return {};
}

Days deadline(const Cycle& c, Level level, Step step) {
  for (const LevelCalendar& lc : c.calendar)
    if (lc.level == level) return lc.deadline(step);
  return kNoDate;
}

std::vector<LevelCalendar> default_calendar(int y) {
  auto d = [](int year, int m, int day) { return make_date(year, m, day); };
  return {
      {Level::cell, {d(y, 12, 5), d(y, 12, 12), d(y, 12, 15), d(y, 12, 25), d(y, 12, 31)}},
      {Level::grassroots, {d(y, 12, 5), d(y, 12, 20), d(y, 12, 25), d(y, 12, 31), d(y + 1, 1, 15)}},
      {Level::upper_grassroots, {d(y, 12, 10), d(y, 12, 25), d(y, 12, 31), d(y + 1, 1, 15), d(y + 1, 2, 1)}},
      {Level::province, {d(y, 12, 15), d(y, 12, 31), d(y + 1, 1, 15), d(y + 1, 2, 1), d(y + 1, 3, 1)}},
  };
}

std::vector<LevelCalendar> default_quarter_calendar(int y, int quarter) {
  const int m = 3 * quarter;  // the quarter's last month
  auto d = [&](int day) { return make_date(y, m, day); };
  return {
      {Level::cell, {d(1), d(5), d(7), d(10), d(12)}},
      {Level::grassroots, {d(1), d(7), d(9), d(12), d(14)}},
      {Level::upper_grassroots, {d(3), d(9), d(11), d(13), d(14)}},
      {Level::province, {d(5), d(10), d(12), d(14), d(15)}},
  };
}

}  // namespace xeploai::workflow
