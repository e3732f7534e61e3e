// The engine alone on a national dataset held in memory (5.6 million members, ~52,000 grassroots
// organizations, ~300,000 cells, from the generator). Targets: < 5 s, < 4 GB peak (docs/performance-engine.md).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "batch/ruleset_loader.hpp"
#include "domain/engine.hpp"
#include "domain/generator.hpp"

namespace {

using namespace xeploai;

double peak_rss_gb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is in KiB on Linux
}

void BM_EvaluateNational(benchmark::State& state) {
  const char* id = state.range(0) == 0 ? "qd366-2025" : "qd132-2018";
  const auto& rs = *batch::default_catalog().find(id);
  domain::Batch b = domain::generate(rs, domain::national_spec());
  double after_generate = peak_rss_gb();
  std::size_t findings = 0;
  for (auto _ : state) {
    auto ev = domain::evaluate(rs, b);
    findings = ev.findings.size();
    benchmark::DoNotOptimize(ev);
  }
  state.SetLabel(id);
  state.counters["subjects"] = static_cast<double>(b.subjects.size());
  state.counters["units"] = static_cast<double>(b.units.size());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["peak_rss_GB"] = peak_rss_gb();
  state.counters["rss_after_generate_GB"] = after_generate;
}

BENCHMARK(BM_EvaluateNational)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
