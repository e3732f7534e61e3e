// Rejected input (FORMAT.md): each problem reported with its JSON path, nothing accepted partially.
#include "batch/parser.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "batch/ruleset_loader.hpp"

namespace {

using nlohmann::json;

json base366() {
  return json::parse(R"({"format":1,"ruleset":"qd366-2025","year":2026,"as_of":"2026-12-15",
    "units":[{"id":"db","kind":"grassroots_committee","parent":null,"name":"Đảng bộ"},
             {"id":"cb","kind":"cell","parent":"db","name":"Chi bộ"}],
    "subjects":[{"id":"m1","kind":"member","unit":"cb","proposed":null,"score":80,
                 "tasks":{"assigned":5,"completed":5,"on_time":5,"exceeded":1}}]})");
}

// The problems of a rejected batch as "path: problem" lines.
std::vector<std::string> problems(const json& j) {
  auto r = xeploai::batch::parse(j.dump());
  std::vector<std::string> out;
  if (r) return out;
  for (const auto& d : r.error().details) out.push_back(d.path + ": " + d.problem);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& prefix) {
  for (const auto& s : v)
    if (s.starts_with(prefix)) return true;
  return false;
}

TEST(Parser, AcceptsAValidBatch) {
  auto r = xeploai::batch::parse(base366().dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ruleset->id, "qd366-2025");
  ASSERT_EQ(r->batch.subjects.size(), 1u);
  EXPECT_EQ(r->batch.subjects[0].tasks.exceeded, 1);
  EXPECT_EQ(r->batch.subjects[0].unit, 1);
}

TEST(Parser, NotJson) {
  auto r = xeploai::batch::parse("{\"format\": 1,");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().details.at(0).path, "$");
}

TEST(Parser, CountsThatContradictEachOther) {
  json j = base366();
  j["subjects"][0]["tasks"] = {{"assigned", 5}, {"completed", 6}, {"on_time", 7}, {"exceeded", 0}};
  auto p = problems(j);
  EXPECT_TRUE(has(p, "subjects[0].tasks.completed: greater than assigned"));
  EXPECT_TRUE(has(p, "subjects[0].tasks.on_time: greater than completed"));
}

TEST(Parser, NegativeCountAndScoreOutOfRange) {
  json j = base366();
  j["subjects"][0]["tasks"]["assigned"] = -1;
  j["subjects"][0]["score"] = 100.5;
  auto p = problems(j);
  EXPECT_TRUE(has(p, "subjects[0].tasks.assigned: must not be negative"));
  EXPECT_TRUE(has(p, "subjects[0].score: outside"));
  j["subjects"][0]["score"] = 100;
  j["subjects"][0]["tasks"]["assigned"] = 5;
  EXPECT_TRUE(problems(j).empty());
}

TEST(Parser, UnknownThingsAreRejected) {
  json j = base366();
  j["format"] = 2;
  j["colour"] = "red";
  j["options"] = {{"quota_rounding", "up"}, {"nonsense", true}};
  j["units"][1]["kind"] = "branch";
  j["subjects"][0]["kind"] = "person";
  j["subjects"][0]["proposed"] = "GOOD";
  j["subjects"][0]["discipline"] = {{{"decided", "2026-02-30"}, {"form", "fine"}, {"violation_year", 2026}}};
  auto p = problems(j);
  EXPECT_TRUE(has(p, "format: unknown format"));
  EXPECT_TRUE(has(p, "colour: unknown field"));
  EXPECT_TRUE(has(p, "options.quota_rounding: not an allowed value"));
  EXPECT_TRUE(has(p, "options.nonsense: unknown option"));
  EXPECT_TRUE(has(p, "units[1].kind: unknown unit kind"));
  EXPECT_TRUE(has(p, "subjects[0].kind: unknown subject kind"));
  EXPECT_TRUE(has(p, "subjects[0].proposed: unknown grade"));
  EXPECT_TRUE(has(p, "subjects[0].discipline[0].decided: invalid date"));
  EXPECT_TRUE(has(p, "subjects[0].discipline[0].form: unknown discipline form"));
}

TEST(Parser, UnknownRuleset) {
  json j = base366();
  j["ruleset"] = "qd999-2030";
  EXPECT_TRUE(has(problems(j), "ruleset: unknown ruleset \"qd999-2030\""));
}

TEST(Parser, RulesetDefaultsByYear) {
  for (auto [year, id] : {std::pair{2018, "qd132-2018"},
                          {2022, "qd132-2018"},
                          {2023, "qd124-2023"},
                          {2024, "qd124-2023"},
                          {2025, "qd366-2025"},
                          {2031, "qd366-2025"}}) {
    json j = base366();
    j.erase("ruleset");
    j["year"] = year;
    j["as_of"] = std::to_string(year) + "-12-15";
    j["subjects"][0]["status"] = "exempt";  // needs neither ratings nor a score
    auto r = xeploai::batch::parse(j.dump());
    ASSERT_TRUE(r) << year;
    EXPECT_EQ(r->ruleset->id, id) << year;
  }
  json j = base366();
  j.erase("ruleset");
  j["year"] = 2010;
  EXPECT_TRUE(has(problems(j), "ruleset: missing, and no ruleset covers year 2010"));
}

TEST(Parser, DuplicateIdsUnknownUnitsAndCycles) {
  json j = base366();
  j["units"].push_back({{"id", "cb"}, {"kind", "cell"}, {"parent", "nowhere"}});
  j["units"].push_back({{"id", "a"}, {"kind", "cell"}, {"parent", "b"}});
  j["units"].push_back({{"id", "b"}, {"kind", "cell"}, {"parent", "a"}});
  j["subjects"].push_back(j["subjects"][0]);
  j["subjects"].push_back({{"id", "m3"}, {"kind", "member"}, {"unit", "zz"}, {"score", 50}});
  auto p = problems(j);
  EXPECT_TRUE(has(p, "units[2].id: duplicate unit id"));
  EXPECT_TRUE(has(p, "units[2].parent: unknown unit \"nowhere\""));
  EXPECT_TRUE(has(p, "units[3].parent: the unit is its own ancestor") ||
              has(p, "units[4].parent: the unit is its own ancestor"));
  EXPECT_TRUE(has(p, "subjects[1].id: duplicate subject id \"m1\""));
  EXPECT_TRUE(has(p, "subjects[2].unit: unknown unit \"zz\""));
}

TEST(Parser, MissingRequiredFields) {
  json j = base366();
  j.erase("as_of");
  j["subjects"][0].erase("id");
  j["subjects"][0].erase("score");
  auto p = problems(j);
  EXPECT_TRUE(has(p, "as_of: missing required field"));
  EXPECT_TRUE(has(p, "subjects[0].id: missing required field"));
  // as_of is missing, so whether the member is graded cannot be known; the score is not demanded then.
  j = base366();
  j["subjects"][0].erase("score");
  EXPECT_TRUE(has(problems(j), "subjects[0].score: missing"));
  j["subjects"][0]["status"] = "suspended";  // not graded: no score needed
  EXPECT_TRUE(problems(j).empty());
}

TEST(Parser, RatingsRequiredPerKindUnderRatingRulesets) {
  json j = base366();
  j["ruleset"] = "qd124-2023";
  j["year"] = 2024;
  j["as_of"] = "2024-12-15";
  j["subjects"][0].erase("score");
  j["subjects"][0]["ratings"] = {{"political_ideology", "tot"},
                                 {"ethics_lifestyle", "tot"},
                                 {"discipline", "tot"},
                                 {"style", "tot"},
                                 {"duties", "tot"}};
  auto p = problems(j);
  EXPECT_TRUE(has(p, "subjects[0].ratings.remedy: missing"));
  j["subjects"][0]["ratings"]["remedy"] = "tot";
  EXPECT_TRUE(problems(j).empty());
  j["subjects"][0]["leader"] = true;  // leaders are rated on nine criteria
  EXPECT_TRUE(has(problems(j), "subjects[0].ratings.leadership_results: missing"));
  j["subjects"][0]["leader"] = false;
  j["subjects"][0]["ratings"]["building"] = "tot";
  EXPECT_TRUE(has(problems(j), "subjects[0].ratings.building: not a criterion"));
  j["subjects"][0]["ratings"].erase("building");
  j["subjects"][0]["ratings"]["style"] = "gioi";
  EXPECT_TRUE(has(problems(j), "subjects[0].ratings.style: unknown rating"));
}

TEST(Parser, FieldsOfTheWrongSubjectKind) {
  json j = base366();
  j["subjects"][0]["subunits"] = {{"total", 3}, {"disciplined", 1}};
  j["subjects"].push_back({{"id", "o"},
                           {"kind", "party_organization"},
                           {"unit", "cb"},
                           {"score", 90},
                           {"leader", true},
                           {"subunits", {{"total", 3}, {"disciplined", 4}}}});
  auto p = problems(j);
  EXPECT_TRUE(has(p, "subjects[0].subunits: applies only to party organizations and collectives"));
  EXPECT_TRUE(has(p, "subjects[1].leader: applies only to members"));
  EXPECT_TRUE(has(p, "subjects[1].subunits.disciplined: greater than total"));
}

TEST(Parser, DisciplineYearDefaultsToTheDecisionYear) {
  json j = base366();
  j["subjects"][0]["discipline"] = {{{"decided", "2026-03-01"}, {"form", "canh_cao"}}};
  auto r = xeploai::batch::parse(j.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->batch.subjects[0].discipline.at(0).violation_year, 2026);
  j["subjects"][0]["discipline"][0]["violation_year"] = 2027;
  EXPECT_TRUE(has(problems(j), "subjects[0].discipline[0].violation_year: later than the year of the decision"));
}

TEST(Parser, EveryProblemIsReportedNotJustTheFirst) {
  json j = base366();
  for (int i = 0; i < 5; ++i)
    j["subjects"].push_back({{"id", "x" + std::to_string(i)}, {"kind", "member"}, {"unit", "cb"}, {"score", 150}});
  auto p = problems(j);
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(has(p, "subjects[" + std::to_string(i) + "].score: outside"));
}

}  // namespace
