// `xeploai check` on a province-size batch file (100,000 members, ~1,000 grassroots organizations, ~6,000
// cells), beside the time of only parsing the same file with nlohmann::json into a DOM (the limit, an honest
// baseline: same file, same JSON library; target < 2x and < 1 s).
// The file is generated once into the build directory (bench-data/province-<ruleset>.json).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "batch/parser.hpp"
#include "batch/ruleset_loader.hpp"
#include "batch/writer.hpp"
#include "domain/engine.hpp"
#include "domain/generator.hpp"

namespace {

using namespace xeploai;

const std::string& province_file(const std::string& ruleset) {
  static std::map<std::string, std::string> texts;
  auto& text = texts[ruleset];
  if (text.empty()) {
    std::filesystem::create_directories("bench-data");
    std::string path = "bench-data/province-" + ruleset + ".json";
    if (!std::filesystem::exists(path)) {
      const auto& rs = *batch::default_catalog().find(ruleset);
      std::ofstream(path, std::ios::binary) << batch::batch_to_json(domain::generate(rs, domain::province_spec()));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    text = std::move(ss).str();
  }
  return text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

const char* kRulesets[] = {"qd366-2025", "qd132-2018"};

// The limit: reading the file and parsing it into a JSON document, nothing else.
void BM_ParseOnly(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  province_file(id);
  for (auto _ : state) {
    auto doc = nlohmann::json::parse(read_file("bench-data/province-" + id + ".json"));
    benchmark::DoNotOptimize(doc);
  }
  state.SetLabel(id);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(province_file(id).size()));
}

// What `xeploai check --input FILE` does after start-up: read, parse and validate, evaluate, write the result.
void BM_CheckEndToEnd(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  province_file(id);
  std::size_t out_size = 0;
  for (auto _ : state) {
    auto parsed = batch::parse(read_file("bench-data/province-" + id + ".json"));
    if (!parsed) state.SkipWithError("rejected");
    auto ev = domain::evaluate(*parsed->ruleset, parsed->batch);
    std::string out = batch::to_json(*parsed->ruleset, parsed->batch, ev);
    out_size = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetLabel(id);
  state.counters["output_MB"] = static_cast<double>(out_size) / 1e6;
  state.counters["input_MB"] = static_cast<double>(province_file(id).size()) / 1e6;
}

// The parts, to see where the time goes.
void BM_BatchParse(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  const auto& text = province_file(id);
  for (auto _ : state) benchmark::DoNotOptimize(batch::parse(text));
  state.SetLabel(id);
}

void BM_EvaluateAndWrite(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  auto parsed = batch::parse(province_file(id));
  for (auto _ : state) {
    auto ev = domain::evaluate(*parsed->ruleset, parsed->batch);
    benchmark::DoNotOptimize(batch::to_json(*parsed->ruleset, parsed->batch, ev));
  }
  state.SetLabel(id);
}

BENCHMARK(BM_ParseOnly)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_CheckEndToEnd)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_BatchParse)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_EvaluateAndWrite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace

BENCHMARK_MAIN();
