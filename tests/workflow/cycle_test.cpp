#include "workflow/cycle.hpp"

#include <gtest/gtest.h>

#include "batch/ruleset_loader.hpp"
#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using testing::describe;
using testing::has_detail;

const domain::RulesetCatalog& catalog() { return batch::default_catalog(); }

Cycle annual(int year) {
  Cycle c;
  c.id = "cycle-" + std::to_string(year);
  c.year = year;
  c.ruleset = choose_ruleset(catalog(), year).value();
  c.calendar = default_calendar(year);
  c.units = {"tinh"};
  return c;
}

TEST(Cycle, RulesetIsChosenByYear) {
  EXPECT_EQ(choose_ruleset(catalog(), 2020).value(), "qd132-2018");
  EXPECT_EQ(choose_ruleset(catalog(), 2023).value(), "qd124-2023");
  EXPECT_EQ(choose_ruleset(catalog(), 2024).value(), "qd124-2023");
  EXPECT_EQ(choose_ruleset(catalog(), 2025).value(), "qd366-2025");
  auto none = choose_ruleset(catalog(), 2010);
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(has_detail(none.error(), "year"));
}

TEST(Cycle, DefaultCalendarIsValidForEveryRegime) {
  for (int year : {2019, 2023, 2025, 2026}) {
    auto ok = validate(annual(year), catalog());
    EXPECT_TRUE(ok.ok()) << year << ": " << (ok.ok() ? "" : describe(ok.error()));
  }
}

TEST(Cycle, RulesetMustCoverTheYear) {
  Cycle c = annual(2025);
  c.ruleset = "qd124-2023";
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "ruleset", "does not cover"));
  c.ruleset = "qd999";
  EXPECT_TRUE(has_detail(validate(c, catalog()).error(), "ruleset", "unknown"));
}

TEST(Cycle, DeadlinesOutOfOrderAreNamed) {
  Cycle c = annual(2025);
  c.calendar[0].deadlines[1] = make_date(2025, 12, 1);  // meeting before self-review (05/12)
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "calendar[0].meeting", "before the previous step")) << describe(r.error());
}

// The problems reach the committee through the API: Vietnamese first, English after " / ".
TEST(Cycle, ProblemsAreInVietnameseAndEnglish) {
  Cycle c = annual(2025);
  c.year = 1999;
  c.quarter = 4;
  c.complaint_days = 0;
  c.units = {"tinh", "tinh"};
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(testing::all_bilingual(r.error())) << describe(r.error());
  EXPECT_TRUE(has_detail(r.error(), "year", "năm 1999 không hợp lệ (2000–2100) / 1999 is not a plausible"));
  EXPECT_TRUE(has_detail(r.error(), "complaint_days", "0 ngày nằm ngoài khoảng 1–90 ngày / 0 is outside"));
  EXPECT_TRUE(has_detail(r.error(), "units[1]", "được kê hai lần / unit 'tinh' listed twice"));

  Cycle order = annual(2025);
  order.calendar[3].deadlines[0] = make_date(2025, 12, 1);  // the province's statements before the cell's (05/12)
  auto o = validate(order, catalog());
  ASSERT_FALSE(o.ok());
  EXPECT_TRUE(testing::all_bilingual(o.error())) << describe(o.error());
  EXPECT_TRUE(has_detail(o.error(), "calendar[3].self_review",
                         "sớm hơn hạn của cùng bước ở cấp dưới (chi bộ: 05/12/2025) / due before the same step at the "
                         "lower level cell (05/12/2025)"))
      << describe(o.error());
}

TEST(Cycle, DeadlinesOutsideTheYearAndNextAreRefused) {
  Cycle c = annual(2025);
  c.calendar[3].deadlines[4] = make_date(2027, 1, 2);
  c.calendar[0].deadlines[0] = make_date(2024, 12, 31);
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "calendar[3].reporting", "outside"));
  EXPECT_TRUE(has_detail(r.error(), "calendar[0].self_review", "outside"));
}

TEST(Cycle, UpperLevelCannotBeDueBeforeTheLevelBelow) {
  Cycle c = annual(2025);
  c.calendar[1].deadlines[3] = make_date(2025, 12, 24);  // grassroots decides before cells decide (25/12)
  c.calendar[1].deadlines[2] = make_date(2025, 12, 15);
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "calendar[1].decision", "lower level cell")) << describe(r.error());
}

TEST(Cycle, MissingDeadlineAndDuplicateLevel) {
  Cycle c = annual(2025);
  c.calendar[2].level = Level::grassroots;
  c.calendar[0].deadlines[2] = kNoDate;
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "calendar[2].level", "twice"));
  EXPECT_TRUE(has_detail(r.error(), "calendar[0].proposal", "required"));
}

TEST(Cycle, QuartersOnlyUnder366AndNeverTheFourth) {
  Cycle q = annual(2026);
  q.quarter = 2;
  q.calendar = {{Level::cell,
                 {make_date(2026, 6, 5), make_date(2026, 6, 10), make_date(2026, 6, 12), make_date(2026, 6, 15),
                  make_date(2026, 6, 20)}}};
  EXPECT_TRUE(validate(q, catalog()).ok());
  EXPECT_EQ(period_start(q), make_date(2026, 4, 1));
  EXPECT_EQ(period_end(q), make_date(2026, 6, 30));

  q.calendar[0].deadlines[0] = make_date(2026, 3, 31);  // before the quarter
  EXPECT_TRUE(has_detail(validate(q, catalog()).error(), "calendar[0].self_review", "outside"));

  Cycle four = annual(2026);
  four.quarter = 4;
  EXPECT_TRUE(has_detail(validate(four, catalog()).error(), "quarter", "folded into the annual"));

  Cycle old = annual(2024);
  old.quarter = 1;
  EXPECT_TRUE(has_detail(validate(old, catalog()).error(), "quarter", "only under 366"));
}

TEST(Cycle, DefaultQuarterCalendarIsValidAndEndsByThe15th) {
  for (int quarter = 1; quarter <= 3; ++quarter) {
    Cycle q = annual(2026);
    q.quarter = quarter;
    q.calendar = default_quarter_calendar(2026, quarter);
    auto ok = validate(q, catalog());
    EXPECT_TRUE(ok.ok()) << quarter << ": " << (ok.ok() ? "" : describe(ok.error()));
    EXPECT_EQ(deadline(q, Level::province, Step::reporting), make_date(2026, 3 * quarter, 15));
  }
}

TEST(Cycle, ComplaintPeriodAndUnits) {
  Cycle c = annual(2025);
  c.complaint_days = 0;
  c.units = {"a", "a", ""};
  auto r = validate(c, catalog());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "complaint_days"));
  EXPECT_TRUE(has_detail(r.error(), "units[1]", "twice"));
  EXPECT_TRUE(has_detail(r.error(), "units[2]"));
  c.units.clear();
  EXPECT_TRUE(has_detail(validate(c, catalog()).error(), "units"));
}

TEST(Cycle, DeadlineLookupPerLevel) {
  Cycle c = annual(2025);
  EXPECT_EQ(deadline(c, Level::cell, Step::meeting), make_date(2025, 12, 12));
  EXPECT_EQ(deadline(c, Level::province, Step::reporting), make_date(2026, 3, 1));
  c.calendar.pop_back();
  EXPECT_EQ(deadline(c, Level::province, Step::reporting), kNoDate);
}

TEST(Cycle, LevelOfUnitKinds) {
  EXPECT_EQ(level_of(domain::UnitKind::cell), Level::cell);
  EXPECT_EQ(level_of(domain::UnitKind::sectional_committee), Level::cell);
  EXPECT_EQ(level_of(domain::UnitKind::grassroots_cell), Level::grassroots);
  EXPECT_EQ(level_of(domain::UnitKind::grassroots_committee), Level::grassroots);
  EXPECT_EQ(level_of(domain::UnitKind::upper_grassroots_committee), Level::upper_grassroots);
  EXPECT_EQ(level_of(domain::UnitKind::province_committee), Level::province);
  EXPECT_EQ(parse_level("upper_grassroots"), Level::upper_grassroots);
  EXPECT_FALSE(parse_level("district").has_value());
}

}  // namespace
}  // namespace xeploai::workflow
