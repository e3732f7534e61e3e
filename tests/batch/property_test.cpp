// Properties over generated batches (fixed seeds): more facts against a subject never raise its grade;
// grade <= max; output is deterministic; no quota reported ok is over its limit.
#include <gtest/gtest.h>

#include "batch/parser.hpp"
#include "batch/ruleset_loader.hpp"
#include "batch/writer.hpp"
#include "domain/engine.hpp"
#include "domain/generator.hpp"

namespace {

using namespace xeploai::domain;

GeneratorSpec small(std::uint64_t seed) {
  GeneratorSpec g;
  g.members = 3000;
  g.grassroots = 30;
  g.cells = 150;
  g.seed = seed;
  return g;
}

const std::vector<std::string>& ids() {
  static const std::vector<std::string> v{"qd132-2018", "qd124-2023", "qd366-2025"};
  return v;
}

const Ruleset& rs(const std::string& id) { return *xeploai::batch::default_catalog().find(id); }

// Applies `worsen` to each subject in turn (a sample of them) and checks its `max` does not rise; the other
// subjects are evaluated in the same batch so that roll-ups are exercised too.
template <class F>
void never_raises(const std::string& id, F worsen) {
  const Ruleset& r = rs(id);
  Batch b = generate(r, small(11));
  Evaluation before = evaluate(r, b);
  Batch worse = b;
  for (std::size_t i = 0; i < worse.subjects.size(); i += 7) worsen(worse.subjects[i], worse.year);
  Evaluation after = evaluate(r, worse);
  int lowered = 0;
  for (std::size_t i = 0; i < b.subjects.size(); ++i) {
    const auto& x = before.subjects[i];
    const auto& y = after.subjects[i];
    if (!x.graded) continue;
    ASSERT_TRUE(y.graded) << id << " " << b.subjects[i].id;
    ASSERT_LE(y.max, x.max) << id << " " << b.subjects[i].id;
    ASSERT_LE(y.grade, x.grade) << id << " " << b.subjects[i].id;
    lowered += y.max < x.max;
  }
  EXPECT_GT(lowered, 0) << id << ": the change should lower some grades";
}

TEST(Property, AddingADisciplineNeverRaisesAGrade) {
  for (const auto& id : ids())
    never_raises(id, [](Subject& s, int year) {
      s.discipline.push_back({*parse_iso_date(std::to_string(year) + "-06-01"), DisciplineForm::canh_cao, year, false});
    });
}

TEST(Property, ADegradationConclusionNeverRaisesAGrade) {
  for (const auto& id : ids()) never_raises(id, [](Subject& s, int) { s.degradation_concluded = true; });
}

TEST(Property, ALowerScoreOrRatingNeverRaisesAGrade) {
  never_raises("qd366-2025", [](Subject& s, int) { s.score = std::max(0.0, s.score - 25); });
  for (const char* id : {"qd132-2018", "qd124-2023"})
    never_raises(id, [](Subject& s, int) {
      for (auto& r : s.ratings)
        if (r > 0) --r;
    });
}

TEST(Property, FewerTasksDoneNeverRaisesAGrade) {
  for (const auto& id : ids())
    never_raises(id, [](Subject& s, int) {
      if (!s.has_tasks) return;
      s.tasks.completed /= 3;
      s.tasks.on_time = std::min(s.tasks.on_time, s.tasks.completed);
      s.tasks.exceeded = std::min(s.tasks.exceeded, s.tasks.completed);
    });
}

TEST(Property, GradeNeverAboveMaxAndQuotasConsistent) {
  for (const auto& id : ids())
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const Ruleset& r = rs(id);
      Batch b = generate(r, small(seed));
      Evaluation ev = evaluate(r, b);
      bool all_ok = true;
      for (std::size_t i = 0; i < b.subjects.size(); ++i) {
        const auto& s = ev.subjects[i];
        if (!s.graded) {
          EXPECT_EQ(s.max, kNone);
          EXPECT_EQ(s.grade, kNone);
        } else {
          EXPECT_LE(s.grade, s.max);
          EXPECT_EQ(s.proposal_above_max, b.subjects[i].proposed > s.max);
        }
        all_ok = all_ok && !s.proposal_above_max;
      }
      for (const auto& q : ev.quotas) {
        EXPECT_EQ(q.ok, q.count <= q.limit) << q.scope;
        all_ok = all_ok && q.ok;
      }
      EXPECT_EQ(ev.ok, all_ok);
    }
}

TEST(Property, OutputIsDeterministicAndSurvivesARoundTrip) {
  for (const auto& id : ids()) {
    const Ruleset& r = rs(id);
    Batch b = generate(r, small(3));
    std::string input = xeploai::batch::batch_to_json(b);
    auto p1 = xeploai::batch::parse(input);
    ASSERT_TRUE(p1) << p1.error().details.front().path << ": " << p1.error().details.front().problem;
    auto p2 = xeploai::batch::parse(input);
    ASSERT_TRUE(p2);
    std::string a = xeploai::batch::to_json(r, p1->batch, evaluate(r, p1->batch));
    std::string c = xeploai::batch::to_json(r, p2->batch, evaluate(r, p2->batch));
    EXPECT_EQ(a, c);
    // Parsing what was written gives the same result as the batch held in memory.
    EXPECT_EQ(a, xeploai::batch::to_json(r, b, evaluate(r, b)));
  }
}

}  // namespace
