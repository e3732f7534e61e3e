// The engine over small hand-built rulesets: each check on both sides of its boundary, exceptions, roll-up
// order, the head cap and quota rounding. The bundled rulesets are covered by the golden cases (tests/batch).
#include "domain/engine.hpp"

#include <gtest/gtest.h>

namespace {

using namespace xeploai::domain;

constexpr std::uint8_t kAll = 1 | 8 | 16;

Rule make(std::string id, Check check, Grade cap, std::uint8_t applies = kAll) {
  Rule r;
  r.id = std::move(id);
  r.check = check;
  r.cap = cap;
  r.applies = applies;
  r.source = {"366-QĐ/TW", "Điều 11", "Article 11"};
  r.message_vi = "{subject} hoàn thành {completed}/{assigned}";
  r.message_en = "{subject} completed {completed} of {assigned}";
  return r;
}

Batch one_cell(int year = 2026) {
  Batch b;
  b.ruleset = "t";
  b.year = year;
  b.as_of = *parse_iso_date(std::to_string(year) + "-12-15");
  b.units.push_back({"db", "Đảng bộ", UnitKind::grassroots_committee, -1});
  b.units.push_back({"cb", "Chi bộ", UnitKind::cell, 0});
  return b;
}

Subject member(std::string id, std::int32_t unit = 1) {
  Subject s;
  s.id = std::move(id);
  s.unit = unit;
  return s;
}

std::int8_t max_of(const Ruleset& rs, const Batch& b, std::size_t i = 0) { return evaluate(rs, b).subjects[i].max; }
constexpr auto G = [](Grade g) { return static_cast<std::int8_t>(g); };

TEST(Engine, TasksCompletedBelowIsStrictAtTheBoundary) {
  Ruleset rs;
  rs.rules.push_back(make("R-TGT-1", Check::tasks_completed_below, Grade::KHTNV));
  rs.rules.back().params.percent = 50;
  Batch b = one_cell();
  Subject s = member("m");
  s.has_tasks = true;
  s.tasks = {10, 5, 5, 0};
  b.subjects.push_back(s);
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));  // exactly 50%: not under 50%
  b.subjects[0].tasks.completed = b.subjects[0].tasks.on_time = 4;
  auto ev = evaluate(rs, b);
  EXPECT_EQ(ev.subjects[0].max, G(Grade::KHTNV));
  ASSERT_EQ(ev.subjects[0].finding_count, 1u);
  EXPECT_EQ(message_vi(rs, b, b.subjects[0], ev.findings[0]),
            "Đảng viên hoàn thành 4/10: xếp loại không quá Không hoàn thành nhiệm vụ — Quy định 366-QĐ/TW, Điều 11");
  b.subjects[0].has_tasks = false;  // absent tasks never disqualify
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
}

TEST(Engine, KeyMissedAndForceMajeureModes) {
  Ruleset rs;
  rs.rules.push_back(make("R-TGT-2", Check::tasks_completed_below, Grade::KHTNV));
  auto& p = rs.rules.back().params;
  p.percent = 50;
  p.key_missed = KeyMissed::both;
  p.force_majeure = ExceptionMode::exempt;
  Batch b = one_cell();
  Subject s = member("m");
  s.has_tasks = true;
  s.tasks = {10, 4, 4, 0, false, false};
  b.subjects.push_back(s);
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));  // both needed, key met
  b.subjects[0].tasks.key_missed = true;
  EXPECT_EQ(max_of(rs, b), G(Grade::KHTNV));
  b.subjects[0].tasks.force_majeure = true;
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
  rs.rules[0].params.force_majeure = ExceptionMode::weigh;
  auto ev = evaluate(rs, b);
  EXPECT_EQ(ev.subjects[0].max, G(Grade::HTXSNV));
  ASSERT_EQ(ev.subjects[0].finding_count, 1u);  // the deciding level is asked to weigh it
  EXPECT_EQ(ev.findings[ev.subjects[0].first_finding].cap, G(Grade::HTXSNV));
  EXPECT_EQ(ev.findings[ev.subjects[0].first_finding].kind, FindingKind::weigh);
  rs.rules[0].params.key_missed = KeyMissed::either;
  b.subjects[0].tasks = {10, 9, 9, 0, true, false};
  EXPECT_EQ(max_of(rs, b), G(Grade::KHTNV));
}

TEST(Engine, DisciplineCountsOnlyForTheViolationYear) {
  Ruleset rs;
  rs.rules.push_back(make("R-DISC-2", Check::disciplined_in_year, Grade::KHTNV));
  rs.rules.back().params.self_remedied = ExceptionMode::exempt;
  Batch b = one_cell(2024);
  Subject s = member("m");
  s.discipline.push_back({*parse_iso_date("2024-05-10"), DisciplineForm::khien_trach, 2023, false});
  b.subjects.push_back(s);
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
  b.subjects[0].discipline[0].violation_year = 2024;
  EXPECT_EQ(max_of(rs, b), G(Grade::KHTNV));
  b.subjects[0].discipline[0].self_detected_remedied = true;
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
  rs.rules[0].params.self_remedied = ExceptionMode::none;
  EXPECT_EQ(max_of(rs, b), G(Grade::KHTNV));
  // The message names the form, the year, the decision date and the article.
  rs.rules[0].message_vi = "{subject} bị kỷ luật {form} trong năm {violation_year} (Quyết định ngày {date})";
  rs.rules[0].source = {"124-QĐ/TW", "Điều 12", "Article 12"};
  auto ev = evaluate(rs, b);
  EXPECT_EQ(message_vi(rs, b, b.subjects[0], ev.findings[ev.subjects[0].first_finding]),
            "Đảng viên bị kỷ luật khiển trách trong năm 2024 (Quyết định ngày 10/05/2024): xếp loại không quá Không "
            "hoàn thành nhiệm vụ — Quy định 124-QĐ/TW, Điều 12");
}

TEST(Engine, ShareConditionsUseIntegerPercentages) {
  Ruleset rs;
  rs.rules.push_back(make("R-TGT-4", Check::tasks_not_on_time, Grade::HTTNV));
  rs.rules.back().params.on_time_percent = 100;
  rs.rules.back().params.exceeded_percent = 30;
  Batch b = one_cell();
  Subject s = member("m");
  s.has_tasks = true;
  s.tasks = {10, 10, 10, 3};
  b.subjects.push_back(s);
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));  // 3/10 = 30%
  b.subjects[0].tasks.exceeded = 2;
  EXPECT_EQ(max_of(rs, b), G(Grade::HTTNV));
  b.subjects[0].tasks = {3, 3, 3, 1};  // 1/3 = 33% >= 30%
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
  b.subjects[0].tasks = {0, 0, 0, 0};  // nothing assigned: 100% of nothing is done
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));
  b.subjects[0].has_tasks = false;  // absent tasks fail a condition that needs them
  EXPECT_EQ(max_of(rs, b), G(Grade::HTTNV));
}

TEST(Engine, RollUpReadsMembersFirstAndSkipsEmptyOrganizations) {
  Ruleset rs;
  rs.rules.push_back(make("R-TGT-1", Check::tasks_completed_below, Grade::HTNV, 1));
  rs.rules.back().params.percent = 50;
  rs.rules.push_back(make("R-ROLL-1", Check::roll_up, Grade::HTTNV, 8));
  rs.rules.back().params.percent = 80;
  Batch b = one_cell();
  Subject cell;
  cell.id = "cell";
  cell.kind = SubjectKind::party_organization;
  cell.unit = 1;
  Subject committee = cell;
  committee.id = "committee";
  committee.unit = 0;
  b.subjects.push_back(committee);  // listed before the cell: still evaluated after it
  b.subjects.push_back(cell);
  for (int i = 0; i < 5; ++i) {
    b.subjects.push_back(member("m" + std::to_string(i)));
    b.subjects.back().has_tasks = true;
    b.subjects.back().tasks = {10, 10, 10, 0};
  }
  EXPECT_EQ(max_of(rs, b, 1), G(Grade::HTXSNV));
  b.subjects[2].tasks.completed = b.subjects[2].tasks.on_time = 1;  // one member HTNV: 4/5 = 80%
  EXPECT_EQ(max_of(rs, b, 1), G(Grade::HTXSNV));
  b.subjects[3].tasks.completed = b.subjects[3].tasks.on_time = 1;  // 3/5 = 60%
  auto ev = evaluate(rs, b);
  EXPECT_EQ(ev.subjects[1].max, G(Grade::HTTNV));
  // The committee's only subordinate organization, the cell, is HTTNV: 1 of 1 is HTTNV or better.
  EXPECT_EQ(ev.subjects[0].max, G(Grade::HTXSNV));
  b.subjects.erase(b.subjects.begin() + 2, b.subjects.end());  // a cell with no member in the batch
  ev = evaluate(rs, b);
  EXPECT_EQ(ev.subjects[1].max, G(Grade::HTXSNV));
  ASSERT_EQ(ev.subjects[1].finding_count, 1u);
  EXPECT_EQ(ev.findings[ev.subjects[1].first_finding].kind, FindingKind::info);
}

TEST(Engine, ExclusionSkipsEverythingElse) {
  Ruleset rs;
  rs.rules.push_back(make("R-TGT-1", Check::tasks_completed_below, Grade::KHTNV, 1));
  rs.rules.back().params.percent = 50;
  rs.rules.push_back(make("R-EXEMPT-3", Check::admitted_recently, Grade::KHTNV, 1));
  rs.rules.back().effect = Effect::exclude;
  Batch b = one_cell();
  Subject s = member("m");
  s.has_tasks = true;
  s.tasks = {10, 1, 1, 0};
  s.admitted = *parse_iso_date("2026-06-16");
  s.proposed = G(Grade::HTTNV);
  b.subjects.push_back(s);
  auto ev = evaluate(rs, b);
  EXPECT_FALSE(ev.subjects[0].graded);
  EXPECT_EQ(ev.subjects[0].finding_count, 1u);
  EXPECT_EQ(rs.rules[ev.findings[ev.subjects[0].first_finding].rule].id, "R-EXEMPT-3");
  EXPECT_FALSE(ev.ok);  // a proposal for a subject that cannot be graded does not stand
  b.subjects[0].admitted = *parse_iso_date("2026-06-15");  // exactly 6 months: graded
  EXPECT_TRUE(evaluate(rs, b).subjects[0].graded);
}

TEST(Engine, HeadCapAppliesAfterTheUnitWhenEnabled) {
  Ruleset rs;
  rs.parameters.push_back({"head_cap", ParamType::boolean, {}, false, "", ""});
  rs.rules.push_back(make("R-DEGR-1", Check::flag, Grade::HTNV, 8));
  rs.rules.back().params.field = "degradation_concluded";
  rs.rules.push_back(make("R-CAP-HEAD", Check::head_above_unit, Grade::HTXSNV, 2));
  rs.rules.back().enabled_by = "head_cap";
  Batch b = one_cell();
  Subject s = member("head");
  s.leader = true;
  b.subjects.push_back(s);
  Subject cell;
  cell.id = "cell";
  cell.kind = SubjectKind::party_organization;
  cell.unit = 1;
  cell.degradation_concluded = true;
  b.subjects.push_back(cell);
  EXPECT_EQ(max_of(rs, b), G(Grade::HTXSNV));  // off by default
  b.options["head_cap"] = true;
  EXPECT_EQ(max_of(rs, b), G(Grade::HTNV));
}

TEST(Engine, QuotaRoundingAndBase) {
  Ruleset rs;
  rs.parameters.push_back({"r", ParamType::name, {}, std::string("floor"), "", ""});
  rs.parameters.push_back({"b", ParamType::name, {}, std::string("HTTNV"), "", ""});
  QuotaRule q;
  q.id = "R-QUOTA-1";
  q.rounding_param = "r";
  q.base_param = "b";
  rs.quotas.push_back(q);
  Batch b = one_cell();
  for (int i = 0; i < 8; ++i) {
    b.subjects.push_back(member("m" + std::to_string(i)));
    b.subjects.back().proposed = G(i < 7 ? Grade::HTTNV : Grade::HTXSNV);
  }
  auto ev = evaluate(rs, b);
  ASSERT_EQ(ev.quotas.size(), 1u);
  EXPECT_EQ(ev.quotas[0].scope, "db");  // the grassroots organization above the cell
  EXPECT_EQ(ev.quotas[0].base, 7);
  EXPECT_EQ(ev.quotas[0].limit, 1);  // floor(1.4)
  EXPECT_TRUE(ev.quotas[0].ok);
  b.subjects[6].proposed = G(Grade::HTXSNV);  // 6 HTTNV, 2 HTXSNV: floor(1.2) = 1
  ev = evaluate(rs, b);
  EXPECT_FALSE(ev.quotas[0].ok);
  EXPECT_FALSE(ev.ok);
  b.options["r"] = std::string("ceil");
  EXPECT_EQ(evaluate(rs, b).quotas[0].limit, 2);
  b.options["r"] = std::string("round");
  EXPECT_EQ(evaluate(rs, b).quotas[0].limit, 1);
  b.options["b"] = std::string("HTTNV_OR_ABOVE");  // 8 * 20% = 1.6 -> 2
  EXPECT_EQ(evaluate(rs, b).quotas[0].limit, 2);
}

TEST(Engine, OptionsAreValidatedAgainstDeclaredParameters) {
  Ruleset rs;
  rs.id = "t";
  rs.parameters.push_back(
      {"quota_percent", ParamType::integer, {std::int64_t{20}, std::int64_t{25}}, std::int64_t{20}, "", ""});
  EXPECT_TRUE(resolve_options(rs, {{"quota_percent", std::int64_t{25}}}));
  auto bad = resolve_options(rs, {
                                     {"quota_percent", std::int64_t{30}},
                                     {"x", true},
                                 });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().details.size(), 2u);
  EXPECT_FALSE(resolve_options(rs, {{"quota_percent", std::string("20")}}));
}

}  // namespace
