#pragma once
// Synthetic batches with realistic shape for benchmarks and property tests: a province (100,000 members,
// ~1,000 grassroots organizations, ~6,000 cells) or the whole Party (5.6 million members, ~52,000 grassroots
// organizations, ~300,000 cells). Deterministic for a seed. Names and facts are fictitious.
#include <cstdint>

#include "domain/batch.hpp"
#include "domain/ruleset.hpp"

namespace xeploai::domain {

struct GeneratorSpec {
  std::int64_t members = 100'000;
  std::int32_t grassroots = 1'000;
  std::int32_t cells = 6'000;  // cells under grassroots committees; grassroots cells come on top
  std::uint64_t seed = 1;
  std::int32_t year = 0;      // 0: the first year of the ruleset
  bool proposals = true;      // propose grades (some above what the rules allow)
  bool organizations = true;  // add a party-organization subject per cell and committee
  int fact_rate = 100;        // 0–100: how often disqualifying facts appear, relative to the default mix
};

GeneratorSpec province_spec();
GeneratorSpec national_spec();

Batch generate(const Ruleset& ruleset, const GeneratorSpec& spec);

}  // namespace xeploai::domain
