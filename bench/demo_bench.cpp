// Demo generator and the per-person text keys the demo command computes while seeding.
// Run: build/demo_bench (the national size, 5.6 million members, runs once: about 8 s and 0.8 GB).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "demo/province.hpp"
#include "security/security.hpp"
#include "text/text.hpp"

namespace {

using namespace xeploai;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

void BM_GenerateProvince(benchmark::State& state) {
  std::size_t units = 0;
  for (auto _ : state) {
    demo::Province p = demo::generate_province(demo::Options{.members = state.range(0)});
    units = p.units.size();
    benchmark::DoNotOptimize(p.people.data());
  }
  state.counters["members/s"] =
      benchmark::Counter(static_cast<double>(state.range(0)) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["units"] = static_cast<double>(units);
  state.counters["peak_rss_MiB"] = peak_rss_mib();  // process peak so far: read it in run order
}
BENCHMARK(BM_GenerateProvince)->Arg(20'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GenerateProvince)->Arg(5'600'000)->Iterations(1)->Unit(benchmark::kSecond);

// Sort and search keys of every demo member, as `xeploai demo` stores them.
void BM_PersonKeys(benchmark::State& state) {
  const demo::Province p = demo::generate_province(demo::Options{.members = 20'000});
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& name = p.people[i++ % p.people.size()].full_name;
    benchmark::DoNotOptimize(text::person_sort_key_hex(name));
    benchmark::DoNotOptimize(text::search_key(name));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PersonKeys);

// One Argon2id hash at the login cost: the demo seeds one per demo account, logins pay one verify.
void BM_HashPasswordInteractive(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(security::hash_password("XepLoai@2026"));
}
BENCHMARK(BM_HashPasswordInteractive)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
