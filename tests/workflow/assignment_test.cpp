#include "workflow/assignment.hpp"

#include <gtest/gtest.h>

#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using testing::has_detail;

const Days kStart = make_date(2025, 1, 1), kEnd = make_date(2025, 12, 31), kAsOf = make_date(2025, 12, 15);

MemberFacts member(std::string id = "m1") {
  MemberFacts f;
  f.person = std::move(id);
  f.admitted = make_date(2010, 5, 19);
  f.stints = {{"cb-1", make_date(2010, 5, 19), kNoDate}};
  f.residence_unit = "cb-thon-2";
  return f;
}

const Reason* reason(const ReviewAssignment& a, const std::string& rule) {
  for (const Reason& r : a.reasons)
    if (r.rule == rule) return &r;
  return nullptr;
}

bool asks(const ReviewAssignment& a, CommentSource s, const std::string& unit) {
  for (const CommentRequest& c : a.comments)
    if (c.source == s && c.unit == unit) return true;
  return false;
}

TEST(Assignment, OrdinaryMemberIsReviewedAndGradedAtTheCellWithResidenceComment) {
  auto r = assign_reviews(member(), Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  const ReviewAssignment& a = r->front();
  EXPECT_EQ(a.place, Place::cell);
  EXPECT_EQ(a.unit, "cb-1");
  EXPECT_TRUE(a.reviewed);
  EXPECT_TRUE(a.graded);
  EXPECT_EQ(a.grading_cell, "cb-1");
  EXPECT_EQ(a.profile, Profile::non_leader);
  EXPECT_TRUE(asks(a, CommentSource::residence, "cb-thon-2"));
  EXPECT_FALSE(a.civil_servant_grade_needed);
}

TEST(Assignment, ExemptIsNeitherReviewedNorGradedUnderEveryRegime) {
  MemberFacts f = member();
  f.status = domain::MemberStatus::exempt;
  for (Regime regime : {Regime::qd132, Regime::qd124, Regime::qd366}) {
    auto r = assign_reviews(f, regime, kStart, kEnd, kAsOf);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 1u);
    EXPECT_FALSE(r->front().reviewed);
    EXPECT_FALSE(r->front().graded);
    EXPECT_TRUE(r->front().comments.empty());
    EXPECT_NE(reason(r->front(), "R-EXEMPT-1"), nullptr);
  }
}

TEST(Assignment, SuspendedIsReviewedUnder132Only) {
  MemberFacts f = member();
  f.status = domain::MemberStatus::suspended;
  auto r132 = assign_reviews(f, Regime::qd132, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r132.ok());
  EXPECT_TRUE(r132->front().reviewed);
  EXPECT_FALSE(r132->front().graded);
  EXPECT_NE(reason(r132->front(), "R-EXEMPT-2"), nullptr);
  for (Regime regime : {Regime::qd124, Regime::qd366}) {
    auto r = assign_reviews(f, regime, kStart, kEnd, kAsOf);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->front().reviewed);
    EXPECT_FALSE(r->front().graded);
  }
}

TEST(Assignment, RecentlyAdmittedReviewedNotGradedUnder132AndNotReviewedUnder124And366) {
  MemberFacts f = member();
  f.admitted = make_date(2025, 7, 1);  // 5.5 months before 15/12
  f.stints = {{"cb-1", f.admitted, kNoDate}};
  auto r132 = assign_reviews(f, Regime::qd132, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r132.ok());
  EXPECT_TRUE(r132->front().reviewed);
  EXPECT_FALSE(r132->front().graded);
  EXPECT_NE(reason(r132->front(), "R-EXEMPT-3"), nullptr);
  for (Regime regime : {Regime::qd124, Regime::qd366}) {
    auto r = assign_reviews(f, regime, kStart, kEnd, kAsOf);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->front().reviewed);
    EXPECT_NE(reason(r->front(), "R-EXEMPT-3b"), nullptr);
  }
}

TEST(Assignment, SixMonthsExactlyIsGraded) {
  MemberFacts f = member();
  f.admitted = make_date(2025, 6, 15);  // as_of - 6 months: not "less than 6 months"
  f.stints = {{"cb-1", f.admitted, kNoDate}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->front().graded);
  f.admitted = make_date(2025, 6, 16);
  f.stints.front().from = f.admitted;
  EXPECT_FALSE(assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf)->front().graded);
}

TEST(Assignment, TransferAfterSixMonthsAsksThePreviousCell) {
  MemberFacts f = member();
  f.stints = {{"cb-old", make_date(2020, 1, 1), make_date(2025, 8, 1)}, {"cb-1", make_date(2025, 8, 1), kNoDate}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  const ReviewAssignment& a = r->front();
  EXPECT_EQ(a.grading_cell, "cb-1");  // the receiving cell grades
  EXPECT_TRUE(asks(a, CommentSource::previous_cell, "cb-old"));
  EXPECT_NE(reason(a, "R-XFER-1"), nullptr);
}

TEST(Assignment, ShortStayAtThePreviousCellNeedsNoComment) {
  MemberFacts f = member();
  f.stints = {{"cb-a", make_date(2015, 1, 1), make_date(2025, 3, 1)},
              {"cb-b", make_date(2025, 3, 1), make_date(2025, 7, 1)},  // 4 months
              {"cb-1", make_date(2025, 7, 1), kNoDate}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(asks(r->front(), CommentSource::previous_cell, "cb-b"));
  EXPECT_TRUE(asks(r->front(), CommentSource::previous_cell, "cb-a"));  // 10 years there, left this year
}

TEST(Assignment, TransferInAnEarlierYearNeedsNoComment) {
  MemberFacts f = member();
  f.stints = {{"cb-old", make_date(2015, 1, 1), make_date(2024, 11, 1)}, {"cb-1", make_date(2024, 11, 1), kNoDate}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(asks(r->front(), CommentSource::previous_cell, "cb-old"));
}

TEST(Assignment, TemporaryMemberIsGradedAtTheOfficialCellWithTheTemporaryCellsComments) {
  MemberFacts f = member();
  f.temporary_cell = "cb-tam-tru";
  auto r = assign_reviews(f, Regime::qd124, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->front().unit, "cb-1");
  EXPECT_EQ(r->front().grading_cell, "cb-1");
  EXPECT_TRUE(asks(r->front(), CommentSource::temporary_cell, "cb-tam-tru"));
  EXPECT_NE(reason(r->front(), "R-XFER-2"), nullptr);
}

TEST(Assignment, SeveralPostsAreReviewedInEachButGradedOnce) {
  MemberFacts f = member();
  f.posts = {{"ubnd-xa", "Chủ tịch UBND xã", true}, {"hoi-nong-dan", "Ủy viên", false}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].profile, Profile::leader);
  EXPECT_TRUE((*r)[0].graded);
  EXPECT_EQ((*r)[1].place, Place::post);
  EXPECT_EQ((*r)[1].unit, "ubnd-xa");
  EXPECT_TRUE((*r)[1].reviewed);
  EXPECT_FALSE((*r)[1].graded);
  EXPECT_EQ((*r)[1].profile, Profile::leader);
  EXPECT_EQ((*r)[2].unit, "hoi-nong-dan");
  EXPECT_EQ((*r)[2].profile, Profile::leader);  // the person leads elsewhere: one profile as a person
  int graded = 0;
  for (const auto& a : *r) graded += a.graded;
  EXPECT_EQ(graded, 1);
}

TEST(Assignment, ProfilesAndCivilServant) {
  MemberFacts f = member();
  f.outside_political_system = true;
  EXPECT_EQ(assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf)->front().profile, Profile::member_outside);
  f = member();
  f.posts = {{"tinh-uy", "Bí thư Tỉnh ủy", true}};
  f.central_managed = true;
  EXPECT_EQ(assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf)->front().profile, Profile::leader_central);
  f = member();
  f.civil_servant = true;
  EXPECT_TRUE(assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf)->front().civil_servant_grade_needed);
}

TEST(Assignment, CommitteeSuspensionOnlyStillGraded) {
  MemberFacts f = member();
  f.committee_activity_suspended = true;
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->front().graded);
  EXPECT_NE(reason(r->front(), "R-EXEMPT-2"), nullptr);
}

TEST(Assignment, CommentsOwedByACell) {
  MemberFacts moved = member("m-moved");
  moved.stints = {{"cb-old", make_date(2020, 1, 1), make_date(2025, 8, 1)}, {"cb-1", make_date(2025, 8, 1), kNoDate}};
  MemberFacts temp = member("m-temp");
  temp.temporary_cell = "cb-old";
  MemberFacts local = member("m-local");
  local.residence_unit = "cb-old";
  std::vector<std::pair<std::string, ReviewAssignment>> all;
  MemberFacts other = member("m-other");
  for (const MemberFacts* f : {&moved, &temp, &local, &other}) {
    auto r = assign_reviews(*f, Regime::qd366, kStart, kEnd, kAsOf);
    ASSERT_TRUE(r.ok());
    for (const auto& a : *r) all.emplace_back(f->person, a);
  }
  auto owed = comments_owed(all, "cb-old");
  ASSERT_EQ(owed.size(), 3u);
  EXPECT_EQ(owed[0].person, "m-moved");
  EXPECT_EQ(owed[0].source, CommentSource::previous_cell);
  EXPECT_EQ(owed[0].for_unit, "cb-1");
  EXPECT_EQ(owed[1].source, CommentSource::temporary_cell);
  EXPECT_EQ(owed[2].person, "m-local");
  EXPECT_EQ(owed[2].source, CommentSource::residence);
  EXPECT_TRUE(comments_owed(all, "cb-nobody").empty());
}

TEST(Assignment, InconsistentFactsAreRefusedWithPaths) {
  MemberFacts f = member();
  f.person.clear();
  f.admitted = make_date(2026, 1, 1);
  f.stints = {{"cb-a", make_date(2020, 1, 1), kNoDate}, {"", make_date(2019, 1, 1), make_date(2018, 1, 1)}};
  f.posts = {{"", "x", true}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  EXPECT_TRUE(has_detail(e, "person"));
  EXPECT_TRUE(has_detail(e, "admitted", "after the grading date"));
  EXPECT_TRUE(has_detail(e, "stints[0].to", "only the last"));
  EXPECT_TRUE(has_detail(e, "stints[1].cell"));
  EXPECT_TRUE(has_detail(e, "stints[1].to", "before from"));
  EXPECT_TRUE(has_detail(e, "posts[0].unit"));
}

TEST(Assignment, TransferredOutOfTheTreeHasNoOfficialCell) {
  MemberFacts f = member();
  f.stints = {{"cb-1", make_date(2020, 1, 1), make_date(2025, 9, 1)}};
  auto r = assign_reviews(f, Regime::qd366, kStart, kEnd, kAsOf);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "stints[0].to", "no official cell"));
}

}  // namespace
}  // namespace xeploai::workflow
