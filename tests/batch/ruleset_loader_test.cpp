#include "batch/ruleset_loader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/embedded_files.hpp"

namespace {

using nlohmann::json;

TEST(RulesetLoader, EmbeddedRulesetsLoadAndCoverTheYears) {
  auto c = xeploai::batch::load_catalog();
  ASSERT_TRUE(c) << c.error().details.front().path << ": " << c.error().details.front().problem;
  EXPECT_NE(c->find("qd132-2018"), nullptr);
  EXPECT_NE(c->find("qd124-2023"), nullptr);
  EXPECT_NE(c->find("qd366-2025"), nullptr);
  EXPECT_EQ(c->for_year(2017), nullptr);
  EXPECT_EQ(c->for_year(2018)->id, "qd132-2018");
  EXPECT_EQ(c->for_year(2022)->id, "qd132-2018");
  EXPECT_EQ(c->for_year(2023)->id, "qd124-2023");
  EXPECT_EQ(c->for_year(2024)->id, "qd124-2023");
  EXPECT_EQ(c->for_year(2025)->id, "qd366-2025");
  for (const auto& rs : c->all())
    for (const auto& r : rs.rules) {
      EXPECT_FALSE(r.source.document.empty()) << rs.id << " " << r.id;
      EXPECT_FALSE(r.message_vi.empty()) << rs.id << " " << r.id;
      EXPECT_TRUE(r.id.starts_with("R-")) << rs.id << " " << r.id;
    }
}

std::string embedded(std::string_view path) {
  for (const auto& f : xeploai::embedded::files())
    if (f.path == path) return std::string(f.content);
  return {};
}

TEST(RulesetLoader, ProblemsNameTheFileAndThePath) {
  json j = json::parse(embedded("rulesets/qd366-2025.json"));
  j["rules"][6]["cap"] = "GOOD";
  j["rules"][7]["check"] = "astrology";
  j["rules"][8]["params"]["percentage"] = 3;
  j["rules"][9]["enabled_by"] = "no_such_param";
  j["parameters"][0]["default"] = "yes";
  auto r = xeploai::batch::load_ruleset(j.dump(), "x.json");
  ASSERT_FALSE(r);
  std::vector<std::string> lines;
  for (const auto& d : r.error().details) lines.push_back(d.path + ": " + d.problem);
  auto has = [&](const std::string& s) { return std::find(lines.begin(), lines.end(), s) != lines.end(); };
  EXPECT_TRUE(has("x.json: rules[6].cap: unknown grade \"GOOD\""));
  EXPECT_TRUE(has("x.json: rules[7].check: unknown check \"astrology\""));
  EXPECT_TRUE(has("x.json: rules[8].params.percentage: unknown parameter"));
  EXPECT_TRUE(has("x.json: rules[9].enabled_by: must name a boolean parameter of this ruleset"));
  EXPECT_TRUE(has("x.json: parameters[0].default: does not match the type"));
}

TEST(RulesetLoader, AProvincialVariantIsANewDataFile) {
  // A variant of 366 with a 25% quota by default and a stricter score band, loaded from a directory.
  json j = json::parse(embedded("rulesets/qd366-2025.json"));
  j["id"] = "qd366-2025-nd";
  j["years"]["from"] = 2026;
  for (auto& p : j["parameters"])
    if (p["name"] == "quota_percent") p["default"] = 25;
  auto dir = std::filesystem::temp_directory_path() / ("xeploai-rs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "variant.json") << j.dump();
  auto c = xeploai::batch::load_catalog(dir.string());
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(c);
  ASSERT_NE(c->find("qd366-2025-nd"), nullptr);
  EXPECT_EQ(c->for_year(2025)->id, "qd366-2025");
  EXPECT_EQ(c->for_year(2026)->id, "qd366-2025-nd");  // the later year_from wins
  EXPECT_EQ(std::get<std::int64_t>(c->find("qd366-2025-nd")->parameter("quota_percent")->default_value), 25);
}

TEST(RulesetLoader, DuplicateIdIsRejected) {
  auto dir = std::filesystem::temp_directory_path() / ("xeploai-dup-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "copy.json") << embedded("rulesets/qd124-2023.json");
  auto c = xeploai::batch::load_catalog(dir.string());
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(c);
}

}  // namespace
