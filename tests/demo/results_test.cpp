// The demo province's past results (demo/results.hpp): deterministic, plausible, within the quota.
#include "demo/results.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace xeploai::demo {
namespace {

const Province& province() {
  static const Province p = generate_province(Options{.members = 8000, .seed = 11, .year = 2026});
  return p;
}
const std::vector<CycleResults>& results() {
  static const std::vector<CycleResults> r = generate_results(province(), 11);
  return r;
}

bool grassroots(UnitKind k) { return k == UnitKind::grassroots_committee || k == UnitKind::grassroots_cell; }

Index grassroots_of(const Province& p, Index unit) {
  while (unit != kNone && !grassroots(p.units[static_cast<std::size_t>(unit)].kind))
    unit = p.units[static_cast<std::size_t>(unit)].parent;
  return unit;
}

TEST(DemoResults, TwoClosedYearsBeforeTheProvincesYearUnderTheirRules) {
  ASSERT_EQ(results().size(), 2u);
  EXPECT_EQ(results()[0].year, 2024);
  EXPECT_EQ(results()[0].ruleset, "qd124-2023");
  EXPECT_EQ(results()[1].year, 2025);
  EXPECT_EQ(results()[1].ruleset, "qd366-2025");
  EXPECT_EQ(results()[1].grading_date.iso(), "2025-12-31");
  EXPECT_EQ(ruleset_for_year(2020), "qd132-2018");
  EXPECT_EQ(ruleset_for_year(2017), "");
}

TEST(DemoResults, IsDeterministicForASeed) {
  const auto again = generate_results(province(), 11);
  const auto other = generate_results(province(), 12);
  ASSERT_EQ(again.size(), results().size());
  int differences = 0;
  for (std::size_t c = 0; c < again.size(); ++c) {
    ASSERT_EQ(again[c].members.size(), results()[c].members.size());
    for (std::size_t i = 0; i < again[c].members.size(); ++i) {
      EXPECT_EQ(again[c].members[i].grade, results()[c].members[i].grade);
      differences += other[c].members[i].grade != results()[c].members[i].grade;
    }
  }
  EXPECT_GT(differences, 100);  // another seed, other grades
}

TEST(DemoResults, MembersOfTheYearAreGradedUnlessTheRulesExemptThem) {
  for (const auto& cycle : results()) {
    SCOPED_TRACE(cycle.year);
    std::set<Index> seen;
    std::map<std::string_view, int> rules;
    for (const auto& m : cycle.members) {
      const Person& person = province().people[static_cast<std::size_t>(m.person)];
      EXPECT_TRUE(seen.insert(m.person).second) << "one subject per member";
      EXPECT_LE(person.admitted_on, cycle.grading_date);
      if (person.status == Status::exempt) {
        EXPECT_EQ(m.rule, "R-EXEMPT-1");
      }
      if (person.status == Status::suspended) {
        EXPECT_EQ(m.rule, "R-EXEMPT-2");
      }
      EXPECT_EQ(m.graded, m.rule.empty());
      ++rules[m.rule];
    }
    for (std::size_t i = 0; i < province().people.size(); ++i)
      if (province().people[i].admitted_on <= cycle.grading_date) {
        EXPECT_TRUE(seen.count(static_cast<Index>(i))) << "member " << i << " has no subject";
      }
    EXPECT_GT(rules["R-EXEMPT-1"], 0);
    EXPECT_GT(rules[""], static_cast<int>(cycle.members.size()) * 9 / 10);
  }
}

TEST(DemoResults, GradesArePlausibleAndWithinTheQuotaOfEveryGrassrootsOrganization) {
  for (const auto& cycle : results()) {
    SCOPED_TRACE(cycle.year);
    std::map<Grade, int> totals;
    std::map<Index, std::map<Grade, int>> scopes;
    for (const auto& m : cycle.members) {
      if (!m.graded) continue;
      ++totals[m.grade];
      ++scopes[grassroots_of(province(), province().people[static_cast<std::size_t>(m.person)].cell)][m.grade];
    }
    const double graded = totals[Grade::HTXSNV] + totals[Grade::HTTNV] + totals[Grade::HTNV] + totals[Grade::KHTNV];
    EXPECT_GT(totals[Grade::HTTNV] / graded, 0.7);
    EXPECT_GT(totals[Grade::HTXSNV] / graded, 0.05);
    EXPECT_GT(totals[Grade::HTNV], 0);
    EXPECT_GT(totals[Grade::KHTNV], 0);
    EXPECT_LT((totals[Grade::HTNV] + totals[Grade::KHTNV]) / graded, 0.12);
    int all_good = 0;
    for (auto& [scope, g] : scopes) {
      EXPECT_NE(scope, kNone);
      EXPECT_LE(g[Grade::HTXSNV] * 5, g[Grade::HTTNV]) << "quota exceeded in unit " << scope;
      if (g[Grade::HTNV] + g[Grade::KHTNV] == 0 && g[Grade::HTTNV] + g[Grade::HTXSNV] >= 10) ++all_good;
    }
    EXPECT_GE(all_good, 2) << "the outlier view needs a couple of all-good organizations";

    // Every party unit graded once, never an agency; collectives but no cell committees.
    std::set<Index> units;
    for (const auto& o : cycle.organizations) {
      EXPECT_NE(province().units[static_cast<std::size_t>(o.unit)].kind, UnitKind::agency);
      EXPECT_TRUE(units.insert(o.unit).second);
    }
    std::size_t party_units = 0;
    for (const auto& u : province().units) party_units += u.kind != UnitKind::agency;
    EXPECT_EQ(units.size(), party_units);
    std::map<Grade, int> org_grades;
    for (const auto& o : cycle.organizations) ++org_grades[o.grade];
    EXPECT_GT(org_grades[Grade::HTTNV], org_grades[Grade::HTXSNV]);
    for (const auto& c : cycle.collectives)
      EXPECT_NE(province().collectives[static_cast<std::size_t>(c.collective)].kind, CollectiveKind::cell_committee);
    EXPECT_FALSE(cycle.collectives.empty());
  }
}

}  // namespace
}  // namespace xeploai::demo
