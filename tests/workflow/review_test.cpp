#include "workflow/review.hpp"

#include <gtest/gtest.h>

#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::Grade;
using testing::has_detail;

Request req(Action a, Actor who, std::int64_t at, std::string reason = {}, std::optional<Grade> g = {}) {
  return {a, who, "acc-" + std::string(code(who)), at, std::move(reason), g};
}

Review through_decision() {
  Review r;
  r.subject = "m1";
  EXPECT_TRUE(apply(r, req(Action::save_draft, Actor::subject, 1)).ok());
  EXPECT_TRUE(apply(r, req(Action::submit, Actor::subject, 2)).ok());
  EXPECT_TRUE(apply(r, req(Action::record_meeting, Actor::secretary, 3)).ok());
  EXPECT_TRUE(apply(r, req(Action::propose, Actor::appraiser, 4)).ok());
  EXPECT_TRUE(apply(r, req(Action::decide, Actor::competent_level, 5, {}, Grade::HTTNV)).ok());
  return r;
}

TEST(Review, TheWholePathKeepsHistory) {
  Review r = through_decision();
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 6)).ok());
  EXPECT_EQ(r.state, ReviewState::published);
  EXPECT_EQ(r.grade, Grade::HTTNV);
  EXPECT_EQ(r.version, 6);
  ASSERT_EQ(r.history.size(), 6u);
  EXPECT_EQ(r.history[0].from, ReviewState::not_started);
  EXPECT_EQ(r.history[0].to, ReviewState::draft);
  EXPECT_EQ(r.history[4].action, Action::decide);
  EXPECT_EQ(r.history[4].grade, Grade::HTTNV);
  EXPECT_EQ(r.history[4].account, "acc-competent_level");
  EXPECT_EQ(r.history[5].to, ReviewState::published);
}

TEST(Review, PublishedIsReadOnly) {
  Review r = through_decision();
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 6)).ok());
  for (Action a : {Action::save_draft, Action::submit, Action::record_meeting, Action::propose, Action::publish}) {
    Request q = req(a,
                    a == Action::propose          ? Actor::appraiser
                    : a == Action::record_meeting ? Actor::secretary
                    : a == Action::publish        ? Actor::competent_level
                                                  : Actor::subject,
                    7);
    auto res = apply(r, q);
    ASSERT_FALSE(res.ok()) << code(a);
    EXPECT_EQ(res.error().code, ErrorCode::conflict) << code(a);
  }
  auto decide_again = apply(r, req(Action::decide, Actor::competent_level, 7, {}, Grade::HTXSNV));
  ASSERT_FALSE(decide_again.ok());
  EXPECT_EQ(r.grade, Grade::HTTNV);
  EXPECT_EQ(r.version, 6);  // refusals change nothing
  EXPECT_EQ(r.history.size(), 6u);
}

TEST(Review, ComplaintRejectedReturnsToPublished) {
  Review r = through_decision();
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 6)).ok());
  ASSERT_TRUE(apply(r, req(Action::file_complaint, Actor::subject, 7, "Tôi đã vượt 40% nhiệm vụ")).ok());
  EXPECT_EQ(r.state, ReviewState::complaint_filed);
  ASSERT_TRUE(apply(r, req(Action::reject_complaint, Actor::competent_level, 8, "Không có sản phẩm chứng minh")).ok());
  EXPECT_EQ(r.state, ReviewState::published);
  EXPECT_EQ(r.grade, Grade::HTTNV);
}

TEST(Review, ComplaintUpheldRegradesThroughADecision) {
  Review r = through_decision();
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 6)).ok());
  ASSERT_TRUE(apply(r, req(Action::file_complaint, Actor::subject, 7, "…")).ok());
  ASSERT_TRUE(apply(r, req(Action::uphold_complaint, Actor::competent_level, 8, "Có căn cứ")).ok());
  EXPECT_EQ(r.state, ReviewState::regrading);
  EXPECT_FALSE(r.grade.has_value());
  EXPECT_FALSE(apply(r, req(Action::publish, Actor::competent_level, 9)).ok());
  ASSERT_TRUE(apply(r, req(Action::decide, Actor::competent_level, 9, {}, Grade::HTXSNV)).ok());
  EXPECT_EQ(r.grade, Grade::HTXSNV);
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 10)).ok());
}

TEST(Review, CancelAndReopenAreForTheSuperiorLevelWithAReason) {
  Review r = through_decision();
  auto by_competent = apply(r, req(Action::cancel, Actor::competent_level, 6, "sai"));
  ASSERT_FALSE(by_competent.ok());
  EXPECT_EQ(by_competent.error().code, ErrorCode::forbidden);
  auto no_reason = apply(r, req(Action::cancel, Actor::superior_level, 6));
  ASSERT_FALSE(no_reason.ok());
  EXPECT_TRUE(has_detail(no_reason.error(), "reason"));
  ASSERT_TRUE(apply(r, req(Action::cancel, Actor::superior_level, 6, "Kê khai không trung thực (R-REGRADE-1)")).ok());
  EXPECT_EQ(r.state, ReviewState::regrading);
  EXPECT_EQ(r.history.back().reason, "Kê khai không trung thực (R-REGRADE-1)");
  ASSERT_TRUE(apply(r, req(Action::decide, Actor::competent_level, 7, {}, Grade::HTNV)).ok());
  ASSERT_TRUE(apply(r, req(Action::publish, Actor::competent_level, 8)).ok());
  ASSERT_TRUE(apply(r, req(Action::reopen_for_discipline, Actor::superior_level, 9, "Kỷ luật cảnh cáo 2026")).ok());
  EXPECT_EQ(r.state, ReviewState::regrading);
}

TEST(Review, RolesAreChecked) {
  EXPECT_TRUE(allowed(Action::submit, Actor::secretary));  // on behalf of a member
  EXPECT_FALSE(allowed(Action::submit, Actor::appraiser));
  EXPECT_FALSE(allowed(Action::propose, Actor::secretary));
  EXPECT_FALSE(allowed(Action::decide, Actor::appraiser));
  EXPECT_FALSE(allowed(Action::file_complaint, Actor::secretary));
  EXPECT_TRUE(allowed(Action::file_complaint, Actor::subject));
  Review r;
  auto e = apply(r, req(Action::decide, Actor::subject, 1, {}, Grade::HTXSNV));
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::forbidden);
}

TEST(Review, DecisionNeedsAGradeAndOnlyDecisionsCarryOne) {
  Review r = through_decision();
  Review p;
  ASSERT_TRUE(apply(p, req(Action::save_draft, Actor::subject, 1)).ok());
  auto g = apply(p, req(Action::submit, Actor::subject, 2, {}, Grade::HTXSNV));
  ASSERT_FALSE(g.ok());
  EXPECT_TRUE(has_detail(g.error(), "grade"));
  Review q = r;
  q.state = ReviewState::proposed;
  auto none = apply(q, req(Action::decide, Actor::competent_level, 9));
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(has_detail(none.error(), "grade"));
}

TEST(Review, TimeDoesNotGoBackwardsAndAccountIsRequired) {
  Review r = through_decision();
  auto back = apply(r, req(Action::publish, Actor::competent_level, 1));
  ASSERT_FALSE(back.ok());
  EXPECT_TRUE(has_detail(back.error(), "at"));
  Request anon = req(Action::publish, Actor::competent_level, 9);
  anon.account.clear();
  EXPECT_TRUE(has_detail(apply(r, anon).error(), "account"));
}

TEST(Review, ReturnedForRevisionBeforeTheMeeting) {
  Review r;
  ASSERT_TRUE(apply(r, req(Action::save_draft, Actor::secretary, 1)).ok());
  ASSERT_TRUE(apply(r, req(Action::submit, Actor::secretary, 2)).ok());
  ASSERT_TRUE(apply(r, req(Action::return_for_revision, Actor::secretary, 3, "Thiếu sản phẩm")).ok());
  EXPECT_EQ(r.state, ReviewState::draft);
}

TEST(Review, StateCodesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ReviewState::regrading); ++i) {
    auto s = static_cast<ReviewState>(i);
    EXPECT_EQ(parse_review_state(code(s)), s);
  }
  EXPECT_FALSE(parse_review_state("archived").has_value());
}

TEST(Review, DisciplineReopensTheViolationYearUnder124And132Only) {
  EXPECT_TRUE(discipline_reopens(Regime::qd124, 2023, 2023, 2024).ok());
  EXPECT_TRUE(discipline_reopens(Regime::qd132, 2021, 2021, 2023).ok());
  auto r366 = discipline_reopens(Regime::qd366, 2025, 2025, 2026);
  ASSERT_FALSE(r366.ok());
  EXPECT_TRUE(has_detail(r366.error(), "ruleset", "current period"));
  EXPECT_TRUE(has_detail(discipline_reopens(Regime::qd124, 2024, 2023, 2024).error(), "violation_year"));
  EXPECT_TRUE(has_detail(discipline_reopens(Regime::qd124, 2023, 2023, 2023).error(), "decided"));
}

TEST(Review, OrderGateCollectiveThenHeadThenOthers) {
  std::vector<OrderEntry> unit = {{"chi-uy", Rank::collective, ReviewState::submitted},
                                  {"bi-thu", Rank::head, ReviewState::submitted},
                                  {"pho-bi-thu", Rank::deputy, ReviewState::submitted},
                                  {"dv-1", Rank::member, ReviewState::submitted}};
  EXPECT_TRUE(review_order_gate(unit, "chi-uy").ok());
  auto head = review_order_gate(unit, "bi-thu");
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(head.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_detail(head.error(), "order.chi-uy"));
  unit[0].state = ReviewState::reviewed;
  EXPECT_TRUE(review_order_gate(unit, "bi-thu").ok());
  auto member = review_order_gate(unit, "dv-1");
  ASSERT_FALSE(member.ok());
  EXPECT_TRUE(has_detail(member.error(), "order.bi-thu"));
  EXPECT_TRUE(has_detail(member.error(), "order.pho-bi-thu"));
  EXPECT_FALSE(has_detail(member.error(), "order.chi-uy"));
  unit[1].state = ReviewState::published;
  unit[2].state = ReviewState::proposed;
  EXPECT_TRUE(review_order_gate(unit, "dv-1").ok());
  EXPECT_EQ(review_order_gate(unit, "nobody").error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace xeploai::workflow
