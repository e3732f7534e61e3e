#include "workflow/forms.hpp"

#include <gtest/gtest.h>

#include "batch/ruleset_loader.hpp"
#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::Criterion;
using domain::Grade;
using domain::Rating;
using testing::describe;
using testing::has_detail;

const domain::Ruleset& rs(const char* id) { return *batch::default_catalog().find(id); }

FormDef form(const char* ruleset, Profile p) { return form_for(rs(ruleset), p).value(); }

Statement complete_366(const FormDef& f) {
  Statement s;
  s.form = f.code;
  for (const SectionDef& d : f.sections) s.sections[d.key] = "Nội dung " + d.key;
  s.scores = {{"general", 27}, {"tasks", 65}};
  s.tasks = {{"Số hóa hồ sơ một cửa", TaskStatus::completed_on_time, true, true, {"file:42"}},
             {"Báo cáo quý", TaskStatus::completed_late, false, false, {"https://vanban.example/bc-q3"}}};
  s.limitations_identified = 2;
  s.limitations_remedied = 2;
  s.proposed = Grade::HTXSNV;
  return s;
}

TEST(Forms, Form366PerProfileFollows43HD) {
  EXPECT_EQ(form("qd366-2025", Profile::collective).code, "01-HD KĐ.ĐG 2025");
  EXPECT_EQ(form("qd366-2025", Profile::leader).code, "02A-HD KĐ.ĐG 2025");
  EXPECT_EQ(form("qd366-2025", Profile::leader).appendix, "PL3");
  EXPECT_EQ(form("qd366-2025", Profile::leader_central).appendix, "PL2");
  EXPECT_EQ(form("qd366-2025", Profile::non_leader).code, "02B-HD KĐ.ĐG 2025");
  EXPECT_EQ(form("qd366-2025", Profile::non_leader).appendix, "PL4");
  EXPECT_EQ(form("qd366-2025", Profile::member_outside).code, "02C-HD KĐ.ĐG 2025");
  const FormDef f = form("qd366-2025", Profile::non_leader);
  ASSERT_TRUE(f.points);
  ASSERT_EQ(f.score_groups.size(), 2u);
  EXPECT_EQ(f.score_groups[0].max + f.score_groups[1].max, 100);
  EXPECT_EQ(f.score_groups[0].max, 30);
}

TEST(Forms, Forms124And132) {
  EXPECT_EQ(form("qd124-2023", Profile::non_leader).code, "02A-HD KĐ.ĐG 2023");
  EXPECT_EQ(form("qd124-2023", Profile::leader).code, "02B-HD KĐ.ĐG 2023");
  EXPECT_EQ(form("qd124-2023", Profile::member_outside).code, "02A-HD KĐ.ĐG 2023");
  EXPECT_EQ(form("qd132-2018", Profile::leader).code, "02-HD KĐ.ĐG 2019");
  EXPECT_EQ(form("qd132-2018", Profile::non_leader).code, "02-HD KĐ.ĐG 2019");
  const FormDef leader = form("qd124-2023", Profile::leader);
  EXPECT_FALSE(leader.points);
  EXPECT_EQ(leader.criteria.size(), 9u);  // the leader criteria of the ruleset
  EXPECT_EQ(form("qd124-2023", Profile::non_leader).criteria.size(), 6u);
  EXPECT_EQ(form("qd132-2018", Profile::collective).criteria.size(), 3u);
}

TEST(Forms, QuarterlyFormIsMau05Under366Only) {
  auto q = form_for(rs("qd366-2025"), Profile::non_leader, 2);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->code, "05-HD KĐ.ĐG 2025");
  EXPECT_TRUE(q->points);
  EXPECT_EQ(q->score_groups.size(), 2u);
  EXPECT_EQ(form_for(rs("qd366-2025"), Profile::leader, 1)->appendix, "PL3");
  EXPECT_EQ(form_for(rs("qd366-2025"), Profile::collective, 1)->code, "01-HD KĐ.ĐG 2025");
  auto old = form_for(rs("qd124-2023"), Profile::non_leader, 1);
  ASSERT_FALSE(old.ok());
  EXPECT_TRUE(has_detail(old.error(), "quarter"));
  EXPECT_FALSE(form_for(rs("qd366-2025"), Profile::non_leader, 4).ok());
  // A quarterly statement is validated like any other.
  Statement s;
  s.form = q->code;
  s.sections = {{"strengths", "…"}, {"limitations", "…"}, {"direction", "…"}};
  s.scores = {{"general", 24}, {"tasks", 50}};
  s.tasks = {{"Báo cáo quý II", TaskStatus::completed_on_time, false, false, {"file:7"}}};
  s.proposed = Grade::HTTNV;
  auto ok = validate_statement(*q, s, Completeness::submission);
  EXPECT_TRUE(ok.ok()) << describe(ok.error());
  s.sections["commitments"] = "…";  // not a section of Mẫu 05
  EXPECT_TRUE(has_detail(validate_statement(*q, s, Completeness::draft).error(), "sections.commitments"));
}

TEST(Forms, LeaderFormHasLeadershipSection) {
  auto has = [](const FormDef& f, const char* key) {
    for (const auto& s : f.sections)
      if (s.key == key) return true;
    return false;
  };
  EXPECT_TRUE(has(form("qd366-2025", Profile::leader), "leadership"));
  EXPECT_FALSE(has(form("qd366-2025", Profile::non_leader), "leadership"));
  EXPECT_TRUE(has(form("qd366-2025", Profile::non_leader), "commitments"));
  EXPECT_TRUE(has(form("qd124-2023", Profile::leader), "leadership"));
  for (const char* key : {"strengths", "limitations", "remedy", "direction"})
    EXPECT_TRUE(has(form("qd366-2025", Profile::collective), key)) << key;
}

TEST(Forms, CompleteSubmissionPasses) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  auto r = validate_statement(f, complete_366(f), Completeness::submission);
  EXPECT_TRUE(r.ok()) << describe(r.error());
}

TEST(Forms, DraftMayBeIncompleteButSubmissionMayNot) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s;
  s.form = f.code;
  s.sections["strengths"] = "Hoàn thành tốt công việc";
  EXPECT_TRUE(validate_statement(f, s, Completeness::draft).ok());
  auto r = validate_statement(f, s, Completeness::submission);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "sections.limitations", "required"));
  EXPECT_TRUE(has_detail(r.error(), "scores.general", "required"));
  EXPECT_TRUE(has_detail(r.error(), "tasks", "required"));
  EXPECT_TRUE(has_detail(r.error(), "proposed", "required"));
  EXPECT_FALSE(has_detail(r.error(), "sections.hints"));  // optional section
}

// The problems reach members through the API: Vietnamese first, English after " / ".
TEST(Forms, ProblemsAreInVietnameseAndEnglish) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s;
  s.form = f.code;
  s.scores = {{"general", 31}};
  s.tasks = {{"", TaskStatus::in_progress, false, true, {"ftp://x"}}};
  s.limitations_identified = 1;
  s.limitations_remedied = 3;
  auto r = validate_statement(f, s, Completeness::submission);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(testing::all_bilingual(r.error())) << describe(r.error());
  EXPECT_TRUE(has_detail(r.error(), "scores.general", "31 nằm ngoài khoảng 0–30 điểm / 31 is outside 0–30"));
  EXPECT_TRUE(has_detail(r.error(), "sections.strengths", "bắt buộc: Ưu điểm, kết quả đạt được / required: Strengths"));
  EXPECT_TRUE(has_detail(r.error(), "tasks[0].title", "bắt buộc / required"));
  EXPECT_TRUE(has_detail(r.error(), "limitations.remedied",
                         "không được lớn hơn số hạn chế đã được chỉ ra / greater than identified"));
}

TEST(Forms, DraftIsStillCheckedForWhatIsThere) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s;
  s.form = f.code;
  s.sections["poem"] = "…";
  s.scores = {{"general", 31}, {"bonus", 5}};
  s.ratings[Criterion::duties] = Rating::tot;
  s.tasks = {{"", TaskStatus::not_completed, true, false, {"ftp://x", "file:"}}};
  s.limitations_identified = 1;
  s.limitations_remedied = 3;
  auto r = validate_statement(f, s, Completeness::draft);
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  EXPECT_TRUE(has_detail(e, "sections.poem"));
  EXPECT_TRUE(has_detail(e, "scores.general", "outside 0–30"));
  EXPECT_TRUE(has_detail(e, "scores.bonus"));
  EXPECT_TRUE(has_detail(e, "ratings", "points"));
  EXPECT_TRUE(has_detail(e, "tasks[0].title"));
  EXPECT_TRUE(has_detail(e, "tasks[0].exceeded"));
  EXPECT_TRUE(has_detail(e, "tasks[0].evidence[0]"));
  EXPECT_TRUE(has_detail(e, "tasks[0].evidence[1]"));
  EXPECT_TRUE(has_detail(e, "limitations.remedied", "greater"));
}

TEST(Forms, WrongFormCodeIsRefused) {
  const FormDef f = form("qd366-2025", Profile::leader);
  Statement s = complete_366(form("qd366-2025", Profile::non_leader));
  auto r = validate_statement(f, s, Completeness::draft);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "form", "02A"));
}

TEST(Forms, ProposalAboveTheSelfScoreBandIsRefused) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s = complete_366(f);
  s.scores = {{"general", 25}, {"tasks", 60}};  // 85: HTTNV band
  auto r = validate_statement(f, s, Completeness::submission);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "proposed", "HTTNV at most"));
  s.proposed = Grade::HTTNV;
  EXPECT_TRUE(validate_statement(f, s, Completeness::submission).ok());
}

TEST(Forms, CompletedTasksNeedProductsAndOpenTasksBlockSubmission) {
  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s = complete_366(f);
  s.tasks[0].evidence.clear();
  s.tasks.push_back({"Đề án mới", TaskStatus::in_progress, false, false, {}});
  auto r = validate_statement(f, s, Completeness::submission);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "tasks[0].evidence", "sản phẩm"));
  EXPECT_TRUE(has_detail(r.error(), "tasks[2].status"));
}

TEST(Forms, RatedFormsNeedEveryCriterion) {
  const FormDef f = form("qd124-2023", Profile::non_leader);
  Statement s;
  s.form = f.code;
  for (const SectionDef& d : f.sections) s.sections[d.key] = "x";
  s.proposed = Grade::HTTNV;
  for (Criterion c : f.criteria) s.ratings[c] = Rating::tot;
  EXPECT_TRUE(validate_statement(f, s, Completeness::submission).ok());  // tasks are optional before 366
  s.ratings.erase(Criterion::remedy);
  s.ratings[Criterion::building] = Rating::tot;  // a collective criterion
  s.scores["general"] = 20;
  auto r = validate_statement(f, s, Completeness::submission);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "ratings.remedy", "required"));
  EXPECT_TRUE(has_detail(r.error(), "ratings.building"));
  EXPECT_TRUE(has_detail(r.error(), "scores"));
}

TEST(Forms, OnBehalfNamesWhoEnteredIt) {
  const FormDef f = form("qd366-2025", Profile::member_outside);
  Statement s = complete_366(f);
  s.on_behalf = true;
  EXPECT_TRUE(has_detail(validate_statement(f, s, Completeness::submission).error(), "entered_by"));
  s.entered_by = "secretary-cb-1";
  EXPECT_TRUE(validate_statement(f, s, Completeness::submission).ok());
}

TEST(Forms, TaskCountsAndFactsForTheEngine) {
  std::vector<TaskEntry> tasks = {{"a", TaskStatus::completed_on_time, true, false, {}},
                                  {"b", TaskStatus::completed_late, false, false, {}},
                                  {"c", TaskStatus::not_completed, false, true, {}},
                                  {"d", TaskStatus::completed_on_time, false, false, {}}};
  domain::Tasks t = task_counts(tasks);
  EXPECT_EQ(t.assigned, 4);
  EXPECT_EQ(t.completed, 3);
  EXPECT_EQ(t.on_time, 2);
  EXPECT_EQ(t.exceeded, 1);
  EXPECT_TRUE(t.key_missed);

  const FormDef f = form("qd366-2025", Profile::non_leader);
  Statement s = complete_366(f);
  domain::Subject subject;
  apply_statement(f, s, subject);
  EXPECT_TRUE(subject.has_score);
  EXPECT_DOUBLE_EQ(subject.score, 92);
  EXPECT_TRUE(subject.has_tasks);
  EXPECT_EQ(subject.tasks.assigned, 2);
  EXPECT_TRUE(subject.has_limitations);
  EXPECT_EQ(subject.limitations_remedied, 2);
  EXPECT_EQ(subject.proposed, static_cast<std::int8_t>(Grade::HTXSNV));

  const FormDef rated = form("qd132-2018", Profile::non_leader);
  Statement r;
  r.ratings[Criterion::duties] = Rating::xuat_sac;
  domain::Subject old;
  apply_statement(rated, r, old);
  EXPECT_FALSE(old.has_score);
  EXPECT_EQ(old.rating(Criterion::duties), Rating::xuat_sac);
  EXPECT_FALSE(old.has_rating(Criterion::remedy));
}

}  // namespace
}  // namespace xeploai::workflow
