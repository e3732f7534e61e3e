#include "workflow/progress.hpp"

#include <gtest/gtest.h>

#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::UnitKind;
using testing::has_detail;

std::vector<UnitNode> tree() {
  return {{"tinh", UnitKind::province_committee, -1},
          {"xa", UnitKind::grassroots_committee, 0},
          {"cb-1", UnitKind::cell, 1},
          {"cb-2", UnitKind::cell, 1}};
}

Cycle cycle() {
  Cycle c;
  c.year = 2025;
  c.calendar = default_calendar(2025);  // cells: self 05/12, meeting 12/12, proposal 15/12, decision 25/12
  return c;
}

std::vector<SubjectProgress> subjects() {
  return {{"a", 2, ReviewState::draft},    {"b", 2, ReviewState::submitted},
          {"c", 2, ReviewState::reviewed}, {"d", 3, ReviewState::not_started},
          {"e", 3, ReviewState::decided},  {"xa-collective", 1, ReviewState::proposed}};
}

TEST(Progress, CountsPendingStepsAndRollsThemUp) {
  auto r = progress(cycle(), tree(), subjects(), make_date(2025, 12, 1));
  ASSERT_TRUE(r.ok());
  const auto& p = *r;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[2].unit, "cb-1");
  EXPECT_EQ(p[2].total, 3);
  EXPECT_EQ(p[2].pending[0], 1);  // a has not submitted
  EXPECT_EQ(p[2].pending[1], 2);  // a, b not met
  EXPECT_EQ(p[2].pending[2], 3);  // none proposed
  EXPECT_EQ(p[2].pending[3], 3);
  EXPECT_EQ(p[3].total, 2);
  EXPECT_EQ(p[3].pending[0], 1);
  EXPECT_EQ(p[3].pending[3], 1);
  EXPECT_EQ(p[1].total, 6);  // the commune: both cells and its own collective
  EXPECT_EQ(p[1].pending[0], 2);
  EXPECT_EQ(p[1].pending[2], 4);  // a, b, c, d: e is decided and the collective proposed
  EXPECT_EQ(p[0].total, 6);
  for (int k = 0; k < kTrackedSteps; ++k) EXPECT_EQ(p[0].late[k], 0);  // nothing due yet on 01/12
}

TEST(Progress, LateAgainstEachLevelsCalendar) {
  auto r = progress(cycle(), tree(), subjects(), make_date(2025, 12, 13));
  ASSERT_TRUE(r.ok());
  const auto& p = *r;
  EXPECT_EQ(p[2].late[0], 1);  // a: self-review due 05/12
  EXPECT_EQ(p[2].late[1], 2);  // a, b: cell meeting due 12/12
  EXPECT_EQ(p[2].late[2], 0);  // proposal due 15/12
  EXPECT_EQ(p[3].late[0], 1);
  // The commune's own collective follows the grassroots calendar (meeting due 20/12): not late.
  EXPECT_EQ(p[1].late[1], 3);
  EXPECT_EQ(p[0].late[0], 2);
}

TEST(Progress, DoneMeansPastTheStep) {
  EXPECT_FALSE(done(ReviewState::draft, Step::self_review));
  EXPECT_TRUE(done(ReviewState::submitted, Step::self_review));
  EXPECT_FALSE(done(ReviewState::submitted, Step::meeting));
  EXPECT_TRUE(done(ReviewState::reviewed, Step::meeting));
  EXPECT_FALSE(done(ReviewState::reviewed, Step::proposal));
  EXPECT_TRUE(done(ReviewState::proposed, Step::proposal));
  EXPECT_FALSE(done(ReviewState::regrading, Step::decision));  // cancelled: to be decided again
  EXPECT_TRUE(done(ReviewState::complaint_filed, Step::decision));
  EXPECT_TRUE(done(ReviewState::published, Step::reporting));
}

TEST(Progress, BadIndicesAreRefused) {
  auto s = subjects();
  s[1].unit = 9;
  auto r = progress(cycle(), tree(), s, make_date(2025, 12, 1));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "subjects[1].unit"));
  auto t = tree();
  t[0].parent = 3;
  EXPECT_TRUE(has_detail(progress(cycle(), t, subjects(), make_date(2025, 12, 1)).error(), "units[0].parent"));
}

TEST(Progress, RemindersForTheNextStepWithinTheWindow) {
  // 03/12: self-review for cells due 05/12 (2 days), grassroots self-review due 05/12 too.
  auto r = reminders_due(cycle(), tree(), subjects(), make_date(2025, 12, 3), 3);
  ASSERT_TRUE(r.ok());
  std::vector<std::string> who;
  for (const Reminder& m : *r) who.push_back(m.subject + ":" + std::string(code(m.step)));
  EXPECT_EQ(who, (std::vector<std::string>{"a:self_review", "d:self_review"}));
  EXPECT_EQ((*r)[0].to, Recipient::subject);
  EXPECT_EQ((*r)[0].days_left, 2);
  EXPECT_EQ((*r)[0].deadline, make_date(2025, 12, 5));

  // 10/12: b and c wait for the cell (meeting 12/12, proposal 15/12 is 5 days away: outside a 3-day window).
  auto later = reminders_due(cycle(), tree(), subjects(), make_date(2025, 12, 10), 3);
  ASSERT_TRUE(later.ok());
  who.clear();
  for (const Reminder& m : *later)
    who.push_back(m.subject + ":" + std::string(code(m.step)) + ":" + std::to_string(static_cast<int>(m.to)));
  EXPECT_EQ(who, (std::vector<std::string>{"b:meeting:1"}));  // a and d are past their deadline: late, not reminded

  EXPECT_TRUE(
      has_detail(reminders_due(cycle(), tree(), subjects(), make_date(2025, 12, 10), -1).error(), "within_days"));
}

TEST(Progress, DecisionRemindersGoToTheDecidingLevel) {
  std::vector<SubjectProgress> s = {{"p", 2, ReviewState::proposed}};
  auto r = reminders_due(cycle(), tree(), s, make_date(2025, 12, 24), 1);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].step, Step::decision);
  EXPECT_EQ((*r)[0].to, Recipient::deciding_level);
}

}  // namespace
}  // namespace xeploai::workflow
