#include "workflow/decision.hpp"

#include <gtest/gtest.h>

#include "batch/ruleset_loader.hpp"
#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::Grade;
using domain::SubjectKind;
using domain::UnitKind;
using testing::describe;
using testing::has_detail;

const domain::Ruleset& rs366() { return *batch::default_catalog().find("qd366-2025"); }

// A province with a commune committee (two cells) directly under it, and a district-level committee with a
// grassroots committee and a grassroots cell of its own.
std::vector<UnitNode> tree() {
  return {{"tinh", UnitKind::province_committee, -1},
          {"xa", UnitKind::grassroots_committee, 0},
          {"cb-1", UnitKind::cell, 1},
          {"cb-2", UnitKind::cell, 1},
          {"huyen", UnitKind::upper_grassroots_committee, 0},
          {"xa-2", UnitKind::grassroots_committee, 4},
          {"cbcs", UnitKind::grassroots_cell, 4},
          {"bp", UnitKind::sectional_committee, 5},
          {"cb-bp", UnitKind::cell, 7}};
}

Cycle cycle2025() {
  Cycle c;
  c.id = "2025";
  c.year = 2025;
  c.ruleset = "qd366-2025";
  c.calendar = default_calendar(2025);
  c.units = {"tinh"};
  return c;
}

CaseFacts member(std::string id, std::string cell, Grade proposed) {
  CaseFacts f;
  f.unit = std::move(cell);
  domain::Subject& s = f.subject;
  s.id = std::move(id);
  s.kind = SubjectKind::member;
  s.admitted = make_date(2010, 1, 1);
  s.has_score = true;
  s.has_tasks = true;
  s.has_limitations = true;
  if (proposed == Grade::HTXSNV) {
    s.score = 95;
    s.tasks = {10, 10, 10, 4};
    s.limitations_identified = s.limitations_remedied = 1;
  } else {
    s.score = 80;
    s.tasks = {10, 10, 10, 0};
  }
  s.proposed = static_cast<std::int8_t>(proposed);
  return f;
}

// 10 members proposed HTTNV and `excellent` proposed HTXSNV, spread over the two cells.
std::vector<CaseFacts> commune(int excellent) {
  std::vector<CaseFacts> v;
  for (int i = 0; i < 10; ++i) v.push_back(member("tt-" + std::to_string(i), i % 2 ? "cb-1" : "cb-2", Grade::HTTNV));
  for (int i = 0; i < excellent; ++i) v.push_back(member("xs-" + std::to_string(i), "cb-1", Grade::HTXSNV));
  return v;
}

DecisionRecord record(std::string unit = "xa") {
  return {"125-QĐ/ĐU", make_date(2025, 12, 30), "Bí thư Đảng ủy xã", std::move(unit), Body::committee};
}

domain::Batch batch_of(const std::vector<CaseFacts>& cases) {
  auto b = build_batch(cycle2025(), make_date(2025, 12, 15), tree(), cases);
  EXPECT_TRUE(b.ok()) << (b.ok() ? "" : describe(b.error()));
  return std::move(b).value();
}

TEST(Decision, BuildBatchCarriesCycleUnitsAndSubjects) {
  domain::Batch b = batch_of(commune(1));
  EXPECT_EQ(b.ruleset, "qd366-2025");
  EXPECT_EQ(b.year, 2025);
  EXPECT_EQ(b.as_of, make_date(2025, 12, 15));
  ASSERT_EQ(b.units.size(), 9u);
  EXPECT_EQ(b.units[2].parent, 1);
  ASSERT_EQ(b.subjects.size(), 11u);
  EXPECT_EQ(b.units[b.subjects[10].unit].id, "cb-1");
}

TEST(Decision, BuildBatchRefusesUnknownUnitsAndDuplicates) {
  auto cases = commune(0);
  cases[1].unit = "cb-9";
  cases[2].subject.id = cases[0].subject.id;
  auto b = build_batch(cycle2025(), make_date(2025, 12, 15), tree(), cases);
  ASSERT_FALSE(b.ok());
  EXPECT_TRUE(has_detail(b.error(), "subjects[1].unit", "cb-9"));
  EXPECT_TRUE(has_detail(b.error(), "subjects[2].id", "duplicate"));
  auto loop = tree();
  loop[0].parent = 2;
  EXPECT_TRUE(has_detail(build_batch(cycle2025(), make_date(2025, 12, 15), loop, commune(0)).error(), "units[0].parent",
                         "own ancestor"));
}

TEST(Decision, AppraisalShowsTheQuotaMeter) {
  auto a = appraise(rs366(), batch_of(commune(3)));
  ASSERT_TRUE(a.ok()) << describe(a.error());
  EXPECT_FALSE(a->ok);
  ASSERT_EQ(a->quotas.size(), 1u);
  EXPECT_EQ(a->quotas[0].scope, "xa");
  EXPECT_EQ(a->quotas[0].base, 10);
  EXPECT_EQ(a->quotas[0].limit, 2);
  EXPECT_EQ(a->quotas[0].count, 3);
  EXPECT_FALSE(a->quotas[0].ok);
  EXPECT_EQ(a->subjects[10].max, Grade::HTXSNV);
}

TEST(Decision, AppraisalExplainsEveryFinding) {
  auto cases = commune(0);
  cases[0].subject.discipline.push_back({make_date(2025, 6, 1), domain::DisciplineForm::khien_trach, 2025, false});
  auto a = appraise(rs366(), batch_of(cases));
  ASSERT_TRUE(a.ok());
  const SubjectAppraisal& s = a->subjects[0];
  EXPECT_EQ(s.max, Grade::KHTNV);
  EXPECT_TRUE(s.proposal_above_max);
  bool found = false;
  for (const FindingView& f : s.findings)
    if (f.rule == "R-DISC-2") {
      found = true;
      EXPECT_EQ(f.cap, Grade::KHTNV);
      EXPECT_FALSE(f.message_vi.empty());
      EXPECT_FALSE(f.message_en.empty());
      EXPECT_NE(f.source.find("366"), std::string::npos);
    }
  EXPECT_TRUE(found);
}

TEST(Decision, QuotaExceededRefusesTheWholeBatch) {
  auto d = decide(rs366(), cycle2025(), batch_of(commune(3)), tree(), record());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(has_detail(d.error(), "quotas[0]", "R-QUOTA-1 xa: 3 graded HTXSNV exceeds the limit 2"))
      << describe(d.error());
}

TEST(Decision, WithinTheQuotaTheBatchIsDecided) {
  auto cases = commune(3);
  cases[12].subject.proposed = static_cast<std::int8_t>(Grade::HTTNV);  // 11 HTTNV: limit 2, 2 HTXSNV
  auto d = decide(rs366(), cycle2025(), batch_of(cases), tree(), record());
  ASSERT_TRUE(d.ok()) << describe(d.error());
  EXPECT_EQ(d->record.number, "125-QĐ/ĐU");
  ASSERT_EQ(d->grades.size(), 13u);
  EXPECT_EQ(d->grades[0].grade, Grade::HTTNV);
  EXPECT_EQ(d->grades[10].grade, Grade::HTXSNV);
  EXPECT_EQ(d->grades[12].grade, Grade::HTTNV);
  EXPECT_TRUE(d->appraisal.ok);
}

TEST(Decision, AGradeAboveItsMaxIsRefusedWithTheEnginesReason) {
  auto cases = commune(0);
  cases[4].subject.discipline.push_back({make_date(2025, 6, 1), domain::DisciplineForm::canh_cao, 2025, false});
  auto d = decide(rs366(), cycle2025(), batch_of(cases), tree(), record());
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(has_detail(d.error(), "subjects[4].proposed", "R-DISC-2")) << describe(d.error());
  EXPECT_TRUE(has_detail(d.error(), "subjects[4].proposed", "above the highest grade allowed, KHTNV"));
  cases[4].subject.proposed = static_cast<std::int8_t>(Grade::KHTNV);
  auto ok = decide(rs366(), cycle2025(), batch_of(cases), tree(), record());
  ASSERT_TRUE(ok.ok()) << describe(ok.error());
  EXPECT_EQ(ok->grades[4].grade, Grade::KHTNV);
}

TEST(Decision, ExemptMembersGetNoGradeAndGradedOnesNeedAProposal) {
  auto cases = commune(0);
  cases[0].subject.status = domain::MemberStatus::exempt;
  cases[0].subject.proposed = domain::kNone;
  cases[0].subject.has_score = false;
  cases[1].subject.proposed = domain::kNone;
  auto d = decide(rs366(), cycle2025(), batch_of(cases), tree(), record());
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(has_detail(d.error(), "subjects[1].proposed", "required"));
  EXPECT_FALSE(has_detail(d.error(), "subjects[0].proposed"));
  cases[1].subject.proposed = static_cast<std::int8_t>(Grade::HTNV);
  auto ok = decide(rs366(), cycle2025(), batch_of(cases), tree(), record());
  ASSERT_TRUE(ok.ok()) << describe(ok.error());
  EXPECT_FALSE(ok->grades[0].grade.has_value());
  EXPECT_EQ(ok->grades[1].grade, Grade::HTNV);
}

TEST(Decision, OnlyTheCompetentLevelOrAboveDecides) {
  auto by_cell = decide(rs366(), cycle2025(), batch_of(commune(0)), tree(), record("cb-1"));
  ASSERT_FALSE(by_cell.ok());
  EXPECT_EQ(by_cell.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(has_detail(by_cell.error(), "subjects[0]", "decided by xa"));
  auto by_other = decide(rs366(), cycle2025(), batch_of(commune(0)), tree(), record("xa-2"));
  ASSERT_FALSE(by_other.ok());
  // The province above may re-grade (R-REGRADE-2).
  auto by_province = decide(rs366(), cycle2025(), batch_of(commune(0)), tree(), record("tinh"));
  EXPECT_TRUE(by_province.ok()) << describe(by_province.error());
}

TEST(Decision, TheRecordMustBeComplete) {
  DecisionRecord r = record();
  r.number.clear();
  r.signer.clear();
  r.date = make_date(2024, 12, 31);
  auto d = decide(rs366(), cycle2025(), batch_of(commune(0)), tree(), r);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(has_detail(d.error(), "record.number"));
  EXPECT_TRUE(has_detail(d.error(), "record.signer"));
  EXPECT_TRUE(has_detail(d.error(), "record.date", "before"));
  r = record("nowhere");
  EXPECT_TRUE(has_detail(decide(rs366(), cycle2025(), batch_of(commune(0)), tree(), r).error(), "record.unit"));
}

TEST(Decision, BatchMustBelongToTheCycle) {
  Cycle other = cycle2025();
  other.year = 2026;
  auto d = decide(rs366(), other, batch_of(commune(0)), tree(), record());
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(has_detail(d.error(), "cycle"));
}

TEST(Decision, CompetentLevelPer43HD) {
  const auto t = tree();
  auto at = [&](SubjectKind k, const char* unit) {
    auto c = competent_level(t, k, unit);
    EXPECT_TRUE(c.ok()) << unit;
    return c.ok() ? c.value() : Competence{"?", Body::committee};
  };
  EXPECT_EQ(at(SubjectKind::member, "cb-1").unit, "xa");
  EXPECT_EQ(at(SubjectKind::member, "cb-1").body, Body::committee);
  EXPECT_EQ(at(SubjectKind::member, "cbcs").unit, "cbcs");   // a grassroots cell decides for its members
  EXPECT_EQ(at(SubjectKind::member, "cb-bp").unit, "xa-2");  // through the sectional committee
  EXPECT_EQ(at(SubjectKind::party_organization, "cb-1").unit, "xa");
  EXPECT_EQ(at(SubjectKind::party_organization, "bp").unit, "xa-2");
  EXPECT_EQ(at(SubjectKind::party_organization, "cb-bp").unit, "xa-2");
  EXPECT_EQ(at(SubjectKind::party_organization, "xa").unit, "tinh");
  EXPECT_EQ(at(SubjectKind::party_organization, "xa").body, Body::standing_committee);
  EXPECT_EQ(at(SubjectKind::party_organization, "xa-2").unit, "huyen");
  EXPECT_EQ(at(SubjectKind::party_organization, "cbcs").unit, "huyen");
  EXPECT_EQ(at(SubjectKind::party_organization, "huyen").unit, "tinh");
  EXPECT_EQ(at(SubjectKind::party_organization, "tinh").body, Body::politburo);
  EXPECT_EQ(at(SubjectKind::leadership_collective, "xa").unit, "tinh");
  EXPECT_EQ(at(SubjectKind::leadership_collective, "xa").body, Body::standing_committee);
  auto unknown = competent_level(t, SubjectKind::member, "nowhere");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(has_detail(unknown.error(), "unit", "nowhere"));
  std::vector<UnitNode> lone = {{"cb", UnitKind::cell, -1}};
  EXPECT_FALSE(competent_level(lone, SubjectKind::member, "cb").ok());
}

TEST(Decision, UnknownOptionIsRefusedBeforeEvaluating) {
  auto b = build_batch(cycle2025(), make_date(2025, 12, 15), tree(), commune(0), {{"no_such_option", true}});
  ASSERT_TRUE(b.ok());
  auto a = appraise(rs366(), *b);
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(has_detail(a.error(), "options.no_such_option")) << describe(a.error());
}

TEST(Decision, QuotaPercentOptionAllowsTheOutstandingUnitException) {
  auto cases = commune(3);
  for (int i = 0; i < 2; ++i) cases.push_back(member("tt-x" + std::to_string(i), "cb-2", Grade::HTTNV));  // 12 HTTNV
  auto strict = build_batch(cycle2025(), make_date(2025, 12, 15), tree(), cases);
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(decide(rs366(), cycle2025(), *strict, tree(), record()).ok());  // 3 > floor(20% of 12) = 2
  auto outstanding =
      build_batch(cycle2025(), make_date(2025, 12, 15), tree(), cases, {{"quota_percent", std::int64_t{25}}});
  ASSERT_TRUE(outstanding.ok());
  auto d = decide(rs366(), cycle2025(), *outstanding, tree(), record());  // 3 <= floor(25% of 12) = 3
  EXPECT_TRUE(d.ok()) << describe(d.error());
}

}  // namespace
}  // namespace xeploai::workflow

namespace xeploai::workflow {
namespace {

TEST(DecisionOrder, TheOrganizationWaitsForItsMembersAndSubordinates) {
  const auto t = tree();
  std::vector<CaseState> cycle = {{"dv-1", SubjectKind::member, "cb-1", true},
                                  {"dv-2", SubjectKind::member, "cb-1", false},
                                  {"dv-3", SubjectKind::member, "cb-2", false},
                                  {"cb-1-org", SubjectKind::party_organization, "cb-1", false},
                                  {"cb-2-org", SubjectKind::party_organization, "cb-2", false},
                                  {"xa-org", SubjectKind::party_organization, "xa", false}};
  // cb-1's organization alone: dv-2 is neither decided nor in the batch.
  auto r = decision_order_gate(t, cycle, {"cb-1-org"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_TRUE(has_detail(r.error(), "order.dv-2", "cb-1-org"));
  EXPECT_FALSE(has_detail(r.error(), "order.dv-3"));  // another cell
  // Together in one batch (the engine rolls members up into the cell): accepted.
  EXPECT_TRUE(decision_order_gate(t, cycle, {"dv-2", "cb-1-org"}).ok());
  // The commune's organization waits for both cells' organizations, not for the members directly.
  auto xa = decision_order_gate(t, cycle, {"xa-org"});
  ASSERT_FALSE(xa.ok());
  EXPECT_TRUE(has_detail(xa.error(), "order.cb-1-org"));
  EXPECT_TRUE(has_detail(xa.error(), "order.cb-2-org"));
  EXPECT_FALSE(has_detail(xa.error(), "order.dv-2"));
  cycle[3].decided = cycle[4].decided = true;
  EXPECT_TRUE(decision_order_gate(t, cycle, {"xa-org"}).ok());
  // Members alone are never held back.
  EXPECT_TRUE(decision_order_gate(t, cycle, {"dv-3"}).ok());
}

TEST(DecisionOrder, UnknownUnitsAreNamed) {
  std::vector<CaseState> cycle = {{"dv-9", SubjectKind::member, "nowhere", false}};
  EXPECT_TRUE(has_detail(decision_order_gate(tree(), cycle, {}).error(), "subjects.dv-9", "nowhere"));
}

}  // namespace
}  // namespace xeploai::workflow
