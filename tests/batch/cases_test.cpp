// Every golden case (../shared/grading/cases, the public contract, and tests/cases, ours) run in-process the way
// check_cases.py runs them through the executable: parse, evaluate, write, read the written JSON back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "batch/parser.hpp"
#include "batch/writer.hpp"
#include "domain/engine.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct Case {
  std::string file;
  json doc;
};

std::vector<Case> load_cases() {
  std::vector<Case> out;
  const std::pair<const char*, const char*> dirs[] = {{"shared", XEPLOAI_SOURCE_DIR "/../shared/grading/cases"},
                                                      {"own", XEPLOAI_SOURCE_DIR "/tests/cases"}};
  for (auto [label, dir] : dirs) {
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      out.push_back({std::string(label) + "/" + f.filename().string(), json::parse(in)});
    }
  }
  return out;
}

class GoldenCase : public testing::TestWithParam<Case> {};

TEST_P(GoldenCase, MatchesExpectation) {
  const Case& c = GetParam();
  const json& ex = c.doc.at("expect");
  auto parsed = xeploai::batch::parse(c.doc.at("batch").dump());
  if (ex.at("exit") == 2) {
    ASSERT_FALSE(parsed) << "input should be rejected";
    EXPECT_FALSE(parsed.error().details.empty());
    for (const auto& d : parsed.error().details) EXPECT_FALSE(d.path.empty());
    return;
  }
  ASSERT_TRUE(parsed) << parsed.error().details.front().path << ": " << parsed.error().details.front().problem;
  auto ev = xeploai::domain::evaluate(*parsed->ruleset, parsed->batch);
  std::string text = xeploai::batch::to_json(*parsed->ruleset, parsed->batch, ev);
  EXPECT_EQ(text, xeploai::batch::to_json(*parsed->ruleset, parsed->batch,
                                          xeploai::domain::evaluate(*parsed->ruleset, parsed->batch)));
  json out = json::parse(text);
  EXPECT_EQ(out.at("ok").get<bool>(), ex.at("exit") == 0);
  const auto& in_subjects = c.doc.at("batch").at("subjects");
  ASSERT_EQ(out.at("subjects").size(), in_subjects.size());
  std::map<std::string, json> by_id;
  for (std::size_t i = 0; i < in_subjects.size(); ++i) {
    EXPECT_EQ(out["subjects"][i]["id"], in_subjects[i]["id"]) << "subjects keep the input order";
    by_id[out["subjects"][i]["id"]] = out["subjects"][i];
  }
  const json expected_subjects = ex.value("subjects", json::object());
  for (const auto& [id, e] : expected_subjects.items()) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(by_id.count(id));
    const json& s = by_id[id];
    EXPECT_EQ(s["graded"], e["graded"]);
    EXPECT_EQ(s["max"], e["max"]);
    EXPECT_EQ(s["grade"], e["grade"]);
    std::set<std::string> rules;
    for (const auto& f : s["findings"]) {
      rules.insert(f["rule"].get<std::string>());
      EXPECT_FALSE(f["message_vi"].get<std::string>().empty());
      EXPECT_FALSE(f["message_en"].get<std::string>().empty());
      EXPECT_EQ(f["message_vi"].get<std::string>().find('{'), std::string::npos) << "unfilled placeholder";
      EXPECT_EQ(f["message_en"].get<std::string>().find('{'), std::string::npos) << "unfilled placeholder";
    }
    for (const auto& r : e["rules"]) EXPECT_TRUE(rules.count(r.get<std::string>())) << "no finding " << r;
  }
  const json expected_quotas = ex.value("quotas", json::array());
  for (const auto& q : expected_quotas) {
    SCOPED_TRACE(q["scope"].get<std::string>());
    const json* found = nullptr;
    for (const auto& x : out["quotas"])
      if (x["scope"] == q["scope"] && x.value("grade", "HTXSNV") == "HTXSNV") found = &x;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ((*found)["limit"], q["limit"]);
    EXPECT_EQ((*found)["count"], q["count"]);
    EXPECT_EQ((*found)["ok"], q["ok"]);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCase, testing::ValuesIn(load_cases()), [](const auto& info) {
  std::string name = info.param.file;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

TEST(GoldenCases, PublicCasesArePresent) {
  auto cases = load_cases();
  auto shared = std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.file.starts_with("shared/"); });
  EXPECT_GE(shared, 10);
}

}  // namespace
