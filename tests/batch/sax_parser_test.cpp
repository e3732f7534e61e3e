// The SAX parser (parse, parse_sax) against the reference DOM parser (parse_dom) on generated batches and on
// thousands of deterministic mutations of them: the same batch when accepted, the same problems when rejected,
// and the fast path never accepts what the reference rejects.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "batch/parser.hpp"
#include "batch/ruleset_loader.hpp"
#include "batch/writer.hpp"
#include "domain/generator.hpp"

namespace {

using namespace xeploai;
using nlohmann::json;

std::string generated(const std::string& ruleset, std::int64_t members, std::uint64_t seed) {
  domain::GeneratorSpec g;
  g.members = members;
  g.grassroots = 3;
  g.cells = 6;
  g.seed = seed;
  return batch::batch_to_json(domain::generate(*batch::default_catalog().find(ruleset), g));
}

const char* kRulesets[] = {"qd132-2018", "qd124-2023", "qd366-2025"};

// Both parsers on one text: identical outcome. Returns whether the fast path accepted it.
bool same_outcome(const std::string& text, const std::string& what) {
  const auto& catalog = batch::default_catalog();
  auto dom = batch::parse_dom(text, catalog);
  auto full = batch::parse(text, catalog);
  auto fast = batch::parse_sax(text, catalog);
  EXPECT_EQ(dom.ok(), full.ok()) << what;
  if (fast) {
    EXPECT_TRUE(dom.ok()) << what << ": the fast path accepted input the reference rejects: "
                          << (dom ? "" : dom.error().details.front().path);
  }
  if (dom && full) {
    EXPECT_EQ(dom->ruleset, full->ruleset) << what;
    EXPECT_EQ(batch::batch_to_json(dom->batch), batch::batch_to_json(full->batch)) << what;
    if (fast) {
      EXPECT_EQ(batch::batch_to_json(dom->batch), batch::batch_to_json(fast->batch)) << what;
    }
  } else if (!dom && !full) {
    const auto& a = dom.error().details;
    const auto& b = full.error().details;
    EXPECT_EQ(dom.error().message, full.error().message) << what;
    EXPECT_EQ(a.size(), b.size()) << what;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      EXPECT_EQ(a[i].path, b[i].path) << what;
      EXPECT_EQ(a[i].problem, b[i].problem) << what;
    }
  }
  return fast.has_value();
}

TEST(SaxParser, TakesTheFastPathOnGeneratedBatchesWithTheSameBatch) {
  for (const char* id : kRulesets)
    for (std::uint64_t seed : {1, 2, 3}) {
      std::string text = generated(id, 400, seed);
      EXPECT_TRUE(same_outcome(text, std::string(id) + " seed " + std::to_string(seed)))
          << id << ": a valid generated batch should not need the reference parser";
      // Round trip: what the generator wrote is what the parser read.
      auto p = batch::parse_sax(text, batch::default_catalog());
      ASSERT_TRUE(p);
      EXPECT_EQ(batch::batch_to_json(p->batch), text);
    }
}

TEST(SaxParser, KeyOrderOtherThanTheGeneratorsGivesTheSameBatch) {
  // nlohmann dumps keys sorted: subjects before units, so the fast path must hand over (and agree).
  for (const char* id : kRulesets) same_outcome(json::parse(generated(id, 200, 5)).dump(), id);
}

// Every node of the document, as JSON pointers.
void pointers(const json& v, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (v.is_object())
    for (auto it = v.begin(); it != v.end(); ++it) pointers(it.value(), at / it.key(), out);
  else if (v.is_array())
    for (std::size_t i = 0; i < std::min<std::size_t>(v.size(), 12); ++i) pointers(v[i], at / i, out);
}

TEST(SaxParser, MutatedBatchesGiveTheSameBatchOrTheSameProblems) {
  const json values[] = {nullptr,
                         true,
                         false,
                         -1,
                         0,
                         1,
                         367,
                         4294967296LL,
                         3.5,
                         -0.5,
                         101,
                         "",
                         "x",
                         "2024-02-30",
                         "2024-06-01",
                         "HTXSNV",
                         "KHTNV",
                         "good",
                         "khien_trach",
                         "member",
                         "cell",
                         "u1",
                         json::array(),
                         json::object(),
                         json::array({1}),
                         json::object({{"a", 1}})};
  const char* keys[] = {"zz",     "kind",        "id",       "unit",     "ratings",    "tasks",   "score",   "leader",
                        "status", "established", "admitted", "subunits", "discipline", "ruleset", "options", "parent"};
  std::mt19937_64 rng(42);
  int accepted = 0, rejected = 0;
  for (const char* id : kRulesets) {
    json base = json::parse(generated(id, 30, 9));
    std::vector<json::json_pointer> ptrs;
    pointers(base, json::json_pointer(), ptrs);
    for (int n = 0; n < 400; ++n) {
      json m = base;
      int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const auto& p = ptrs[rng() % ptrs.size()];
        if (!m.contains(p) || p.empty()) continue;
        json& parent = m[p.parent_pointer()];
        switch (rng() % 4) {
          case 0:
          case 1:
            m[p] = values[rng() % std::size(values)];
            break;
          case 2:
            if (parent.is_object()) parent.erase(p.back());
            break;
          default:
            if (parent.is_object()) parent[keys[rng() % std::size(keys)]] = values[rng() % std::size(values)];
        }
      }
      std::string text = m.dump();
      if (same_outcome(text, std::string(id) + " mutation " + std::to_string(n)))
        ++accepted;
      else
        ++rejected;
    }
  }
  EXPECT_GT(rejected, 100);  // the mutations must exercise the rejection path
}

TEST(SaxParser, BrokenJsonAndHeaderVariantsAgree) {
  std::string text = generated("qd366-2025", 20, 4);
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, text.size() / 3, text.size() / 2, text.size() - 2})
    EXPECT_FALSE(same_outcome(text.substr(0, cut), "cut at " + std::to_string(cut)));
  EXPECT_FALSE(same_outcome(text + "x", "trailing garbage"));
  // A duplicate key: the reference parser's reading (the last one wins) decides.
  std::string dup = text;
  dup.replace(dup.find("{\"format\":1"), 11, "{\"format\":1,\"format\":1");
  EXPECT_FALSE(same_outcome(dup, "duplicate format"));
  // No ruleset: the one in force for the year, on the fast path.
  std::string no_ruleset = text;
  no_ruleset.replace(no_ruleset.find(",\"ruleset\":\"qd366-2025\""), 23, "");
  EXPECT_TRUE(same_outcome(no_ruleset, "ruleset from the year"));
}

}  // namespace
