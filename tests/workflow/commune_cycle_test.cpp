// A whole annual cycle of a commune party committee, played on the workflow's pure functions the way the service
// will play it on stored rows: open, assign, write statements, meet and vote by secret ballot, appraise, hit the
// quota and be refused, decide within it, publish, answer a complaint, cancel and re-grade.
#include <gtest/gtest.h>

#include <map>

#include "batch/ruleset_loader.hpp"
#include "helpers.hpp"
#include "workflow/assignment.hpp"
#include "workflow/complaint.hpp"
#include "workflow/cycle.hpp"
#include "workflow/decision.hpp"
#include "workflow/forms.hpp"
#include "workflow/meeting.hpp"
#include "workflow/progress.hpp"
#include "workflow/review.hpp"

namespace xeploai::workflow {
namespace {

using domain::Grade;
using testing::describe;
using testing::has_detail;

constexpr int kMembers = 42;
const char* const kCells[] = {"cb-1", "cb-2", "cb-3"};

struct Person {
  MemberFacts facts;
  std::vector<domain::Discipline> discipline;
  std::optional<Grade> civil_servant_grade;
  Grade aims = Grade::HTTNV;  // what the member self-proposes
};

class CommuneCycle : public ::testing::Test {
 protected:
  const domain::RulesetCatalog& catalog = batch::default_catalog();
  std::vector<UnitNode> units = {{"tinh", domain::UnitKind::province_committee, -1},
                                 {"xa", domain::UnitKind::grassroots_committee, 0},
                                 {"cb-1", domain::UnitKind::cell, 1},
                                 {"cb-2", domain::UnitKind::cell, 1},
                                 {"cb-3", domain::UnitKind::cell, 1}};
  Cycle cycle;
  std::vector<Person> people;
  const Days as_of = make_date(2025, 12, 15);

  void SetUp() override {
    cycle.id = "xa-2025";
    cycle.year = 2025;
    cycle.ruleset = choose_ruleset(catalog, 2025).value();
    cycle.calendar = default_calendar(2025);
    cycle.units = {"xa"};
    for (int i = 0; i < kMembers; ++i) {
      Person p;
      p.facts.person = fmt_id(i);
      p.facts.admitted = make_date(2000 + i % 20, 3, 1);
      p.facts.stints = {{kCells[i % 3], p.facts.admitted, kNoDate}};
      p.facts.residence_unit = "to-dan-pho-" + std::to_string(i % 5);
      p.aims = i >= 30 ? Grade::HTXSNV : Grade::HTTNV;  // 12 members aim at the top grade
      people.push_back(std::move(p));
    }
    people[0].facts.posts = {{"xa", "Bí thư Đảng ủy xã", true}};
    people[1].facts.posts = {{"ubnd-xa", "Chủ tịch UBND xã", true}};
    people[2].facts.status = domain::MemberStatus::exempt;  // exempt from party activities
    people[3].discipline = {{make_date(2025, 9, 1), domain::DisciplineForm::khien_trach, 2025, false}};
    people[4].facts.stints = {{"cb-khac", make_date(2018, 1, 1), make_date(2025, 7, 1)},
                              {"cb-2", make_date(2025, 7, 1), kNoDate}};  // transferred in after 7 years there
    people[5].facts.civil_servant = true;
    people[5].civil_servant_grade = Grade::HTTNV;
  }

  static std::string fmt_id(int i) { return (i < 10 ? "dv-0" : "dv-") + std::to_string(i); }
  const domain::Ruleset& ruleset() const { return *catalog.find(cycle.ruleset); }

  Statement statement_for(const FormDef& form, Grade aims) const {
    Statement s;
    s.form = form.code;
    for (const SectionDef& d : form.sections) s.sections[d.key] = "…";
    const bool top = aims == Grade::HTXSNV;
    s.scores = {{"general", top ? 28.0 : 25.0}, {"tasks", top ? 65.0 : 55.0}};
    for (int t = 0; t < 10; ++t)
      s.tasks.push_back({"Nhiệm vụ " + std::to_string(t),
                         TaskStatus::completed_on_time,
                         top && t < 4,
                         false,
                         {"file:sp-" + std::to_string(t)}});
    s.limitations_identified = 1;
    s.limitations_remedied = 1;
    s.proposed = aims;
    return s;
  }
};

TEST_F(CommuneCycle, WholeYear) {
  ASSERT_TRUE(validate(cycle, catalog).ok());
  auto regime = regime_of(ruleset());
  ASSERT_TRUE(regime.ok());

  // Who is reviewed and graded.
  std::map<std::string, ReviewAssignment> cell_assignment;
  int reviewed = 0, post_reviews = 0;
  for (const Person& p : people) {
    auto a = assign_reviews(p.facts, *regime, period_start(cycle), period_end(cycle), as_of);
    ASSERT_TRUE(a.ok()) << describe(a.error());
    cell_assignment[p.facts.person] = a->front();
    reviewed += a->front().reviewed;
    post_reviews += static_cast<int>(a->size()) - 1;
  }
  EXPECT_EQ(reviewed, kMembers - 1);  // the exempt member
  EXPECT_EQ(post_reviews, 2);         // the secretary and the chairman also review where they hold posts
  EXPECT_FALSE(cell_assignment["dv-02"].reviewed);
  EXPECT_EQ(cell_assignment["dv-04"].grading_cell, "cb-2");
  EXPECT_EQ(cell_assignment["dv-00"].profile, Profile::leader);
  EXPECT_TRUE(cell_assignment["dv-05"].civil_servant_grade_needed);

  // Step 1: statements (dv-07 is entered by the secretary on the member's behalf).
  std::map<std::string, Review> reviews;
  std::map<std::string, Statement> statements;
  std::map<std::string, FormDef> forms;
  std::int64_t clock = 1'765'000'000;
  auto act = [&clock](Action a, Actor who, std::string account, std::string reason = {},
                      std::optional<Grade> grade = {}) {
    Request r;
    r.action = a;
    r.actor = who;
    r.account = std::move(account);
    r.at = ++clock;
    r.reason = std::move(reason);
    r.grade = grade;
    return r;
  };
  for (const Person& p : people) {
    const ReviewAssignment& a = cell_assignment[p.facts.person];
    if (!a.reviewed) continue;
    FormDef form = form_for(ruleset(), a.profile).value();
    Statement s = statement_for(form, p.aims);
    const bool on_behalf = p.facts.person == "dv-07";
    s.on_behalf = on_behalf;
    s.entered_by = on_behalf ? "bi-thu-cb-2" : p.facts.person;
    ASSERT_TRUE(validate_statement(form, s, Completeness::submission).ok()) << p.facts.person;
    Review& r = reviews[p.facts.person];
    r.subject = p.facts.person;
    const Actor who = on_behalf ? Actor::secretary : Actor::subject;
    ASSERT_TRUE(apply(r, act(Action::save_draft, who, s.entered_by)).ok());
    ASSERT_TRUE(apply(r, act(Action::submit, who, s.entered_by)).ok());
    statements[p.facts.person] = s;
    forms[p.facts.person] = form;
  }
  EXPECT_EQ(forms["dv-00"].code, "02A-HD KĐ.ĐG 2025");
  EXPECT_EQ(forms["dv-10"].code, "02B-HD KĐ.ĐG 2025");

  // Progress on 13/12: everyone submitted, nobody met: the three cells are late for their meeting (12/12).
  std::vector<SubjectProgress> tracked;
  for (const auto& [id, r] : reviews)
    tracked.push_back({id,
                       cell_assignment[id].unit == "cb-1"   ? 2
                       : cell_assignment[id].unit == "cb-2" ? 3
                                                            : 4,
                       r.state});
  auto prog = progress(cycle, units, tracked, make_date(2025, 12, 13));
  ASSERT_TRUE(prog.ok());
  EXPECT_EQ((*prog)[1].total, kMembers - 1);
  EXPECT_EQ((*prog)[1].pending[0], 0);
  EXPECT_EQ((*prog)[1].late[1], kMembers - 1);

  // Step 2: one meeting per cell with a secret ballot per member.
  std::map<std::string, Grade> meeting_proposal;
  for (const char* cell : kCells) {
    Meeting m;
    m.unit = cell;
    m.date = make_date(2025, 12, 10);
    m.place = "Hội trường UBND xã";
    for (const Person& p : people)
      if (p.facts.stints.back().cell == cell) {
        Attendee at;
        at.person = p.facts.person;
        at.exempt = p.facts.status == domain::MemberStatus::exempt;
        if (at.exempt) at.presence = Presence::absent_with_reason, at.absence_reason = "Tuổi cao, sức yếu";
        m.attendees.push_back(at);
      }
    m.chair = m.attendees[0].presence == Presence::present ? m.attendees[0].person : m.attendees[1].person;
    m.secretary = m.attendees[3].person;
    ASSERT_TRUE(validate_attendance(m).ok()) << describe(validate_attendance(m).error());
    ASSERT_TRUE(quorum(m).met);
    for (const Person& p : people) {
      if (p.facts.stints.back().cell != cell || !cell_assignment[p.facts.person].reviewed) continue;
      SubjectReview sr;
      sr.subject = p.facts.person;
      sr.method = VoteMethod::secret_ballot;
      sr.self_proposed = p.aims;
      sr.comments = {{m.chair, "Hoàn thành nhiệm vụ được giao", false}};
      for (const CommentRequest& req : cell_assignment[p.facts.person].comments)
        sr.received.push_back({req.source, req.unit, "Nhận xét bằng văn bản"});
      sr.civil_servant_grade = p.civil_servant_grade;
      BallotBox box(voters(m));
      for (const std::string& voter : voters(m)) ASSERT_TRUE(box.cast(voter, p.aims).ok());
      sr.tally = box.tally();
      m.subjects.push_back(sr);
      auto outcome = conclude_subject(m, m.subjects.size() - 1, cell_assignment[p.facts.person]);
      ASSERT_TRUE(outcome.ok()) << p.facts.person << ": " << describe(outcome.error());
      ASSERT_TRUE(outcome->has_value());
      meeting_proposal[p.facts.person] = **outcome;
      ASSERT_TRUE(apply(reviews[p.facts.person], act(Action::record_meeting, Actor::secretary, m.secretary)).ok());
    }
    const std::string text = minutes(m, {});
    EXPECT_NE(text.find("bỏ phiếu kín"), std::string::npos);
  }
  EXPECT_EQ(meeting_proposal["dv-35"], Grade::HTXSNV);

  // Appraisal: the batch from the statements and the roster facts, with the meeting's proposals.
  auto cases_with = [&](const std::map<std::string, Grade>& proposal) {
    std::vector<CaseFacts> cases;
    for (const Person& p : people) {
      CaseFacts c;
      c.unit = p.facts.stints.back().cell;
      c.subject.id = p.facts.person;
      c.subject.status = p.facts.status;
      c.subject.admitted = p.facts.admitted;
      c.subject.leader = !p.facts.posts.empty();
      c.subject.discipline = p.discipline;
      if (p.civil_servant_grade) c.subject.civil_servant_grade = static_cast<std::int8_t>(*p.civil_servant_grade);
      if (statements.contains(p.facts.person))
        apply_statement(forms[p.facts.person], statements[p.facts.person], c.subject);
      auto it = proposal.find(p.facts.person);
      c.subject.proposed = it == proposal.end() ? domain::kNone : static_cast<std::int8_t>(it->second);
      cases.push_back(std::move(c));
    }
    return build_batch(cycle, as_of, units, cases).value();
  };
  for (auto& [id, r] : reviews) ASSERT_TRUE(apply(r, act(Action::propose, Actor::appraiser, "ban-to-chuc")).ok());
  auto appraisal = appraise(ruleset(), cases_with(meeting_proposal));
  ASSERT_TRUE(appraisal.ok());
  EXPECT_FALSE(appraisal->ok);
  ASSERT_EQ(appraisal->quotas.size(), 1u);
  EXPECT_EQ(appraisal->quotas[0].count, 12);

  // Step 3: the quota and the disciplined member's proposal refuse the decision, and nothing is decided.
  const DecisionRecord rec{"45-QĐ/ĐU", make_date(2025, 12, 28), "Nguyễn Văn A, Bí thư", "xa", Body::committee};
  auto refused = decide(ruleset(), cycle, cases_with(meeting_proposal), units, rec);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(has_detail(refused.error(), "quotas[0]", "R-QUOTA-1"));
  EXPECT_TRUE(has_detail(refused.error(), "subjects[3].proposed", "R-DISC-2"));

  // Within the quota: the committee keeps the top grade for as many as the limit allows, dv-03 is KHTNV.
  std::map<std::string, Grade> decided = meeting_proposal;
  decided["dv-03"] = Grade::KHTNV;
  int top = 0;
  for (auto& [id, g] : decided)
    if (g == Grade::HTXSNV && ++top > 5) g = Grade::HTTNV;
  auto decision = decide(ruleset(), cycle, cases_with(decided), units, rec);
  ASSERT_TRUE(decision.ok()) << describe(decision.error());
  for (const DecidedGrade& g : decision->grades) {
    if (!g.grade) {
      EXPECT_EQ(g.subject, "dv-02");
      continue;
    }
    Review& r = reviews[g.subject];
    ASSERT_TRUE(apply(r, act(Action::decide, Actor::competent_level, "dang-uy-xa", {}, *g.grade)).ok());
    ASSERT_TRUE(apply(r, act(Action::publish, Actor::competent_level, "dang-uy-xa")).ok());
  }
  EXPECT_EQ(reviews["dv-03"].grade, Grade::KHTNV);

  // A complaint by dv-03 (the violation was self-detected and remedied): upheld, re-graded through the checks.
  auto complaint = file_complaint(cycle, "dv-03", "dv-03", make_date(2026, 1, 5), make_date(2026, 1, 12),
                                  "Vi phạm do tự phát hiện, đã khắc phục", Grade::HTNV);
  ASSERT_TRUE(complaint.ok());
  ASSERT_TRUE(apply(reviews["dv-03"], act(Action::file_complaint, Actor::subject, "dv-03", "Đơn 12/01")).ok());
  ASSERT_TRUE(answer_complaint(*complaint, ComplaintOutcome::upheld, make_date(2026, 1, 20), "dang-uy-xa",
                               "Có căn cứ: tự phát hiện và khắc phục")
                  .ok());
  ASSERT_TRUE(
      apply(reviews["dv-03"], act(Action::uphold_complaint, Actor::competent_level, "dang-uy-xa", complaint->reasons))
          .ok());
  people[3].discipline[0].self_detected_remedied = true;
  decided["dv-03"] = Grade::HTNV;
  auto regraded = decide(ruleset(), cycle, cases_with(decided), units,
                         {"52-QĐ/ĐU", make_date(2026, 1, 20), "Nguyễn Văn A", "xa", Body::committee});
  ASSERT_TRUE(regraded.ok()) << describe(regraded.error());
  ASSERT_TRUE(apply(reviews["dv-03"], act(Action::decide, Actor::competent_level, "dang-uy-xa", {}, Grade::HTNV)).ok());

  // The province cancels dv-11's grade (a dishonest declaration) and re-grades it; the history keeps every step.
  Review& r11 = reviews["dv-11"];
  ASSERT_TRUE(apply(r11, act(Action::cancel, Actor::superior_level, "btv-tinh-uy", "Kê khai không trung thực")).ok());
  decided["dv-11"] = Grade::HTNV;
  auto by_province =
      decide(ruleset(), cycle, cases_with(decided), units,
             {"03-QĐ/TU", make_date(2026, 2, 10), "Phó Bí thư Tỉnh ủy", "tinh", Body::standing_committee});
  ASSERT_TRUE(by_province.ok()) << describe(by_province.error());
  ASSERT_TRUE(apply(r11, act(Action::decide, Actor::competent_level, "btv-tinh-uy", {}, Grade::HTNV)).ok());
  ASSERT_EQ(r11.history.size(), 8u);
  EXPECT_EQ(r11.history[6].action, Action::cancel);
  EXPECT_EQ(r11.history[6].from, ReviewState::published);
  EXPECT_EQ(r11.grade, Grade::HTNV);
}

}  // namespace
}  // namespace xeploai::workflow
