// Statistics of decided grades on a seeded demo database (docs/performance-stats.md).
//
//   build/xeploai demo --db /tmp/p.sqlite --members 100000
//   build/stats_bench /tmp/p.sqlite [repeats]          (or a postgresql:// URL)
//   build/stats_bench /tmp/p.sqlite --samples docs/samples   (the province's XLSX and PDF of its latest year)
//
// Times service::stats::unit_statistics (with the JSON) for the province and for its first district: from the sums
// refresh_counts stored (what `xeploai demo` leaves), then counted from the subjects (sums dropped inside a
// transaction that is rolled back), and refresh_counts itself. Nothing is changed.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "api/stats_routes.hpp"
#include "service/stats/stats.hpp"
#include "store/database.hpp"

namespace {

using namespace xeploai;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// The machine is shared, so the process's CPU time is reported beside the wall time (the database's own work is in
// it for SQLite, not for PostgreSQL, whose server runs apart).
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
  double min = 0, median = 0, cpu_min = 0;
};

template <class F>
Timing repeat(int n, F&& f) {
  std::vector<double> v, c;
  for (int i = 0; i < n; ++i) {
    const auto t = Clock::now();
    const double c0 = cpu_ms();
    f();
    v.push_back(ms_since(t));
    c.push_back(cpu_ms() - c0);
  }
  std::sort(v.begin(), v.end());
  return {v.front(), v[v.size() / 2], *std::min_element(c.begin(), c.end())};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: stats_bench DB [repeats]\n");
    return 2;
  }
  auto db = store::open_database(argv[1], 1);
  service::Principal system;
  system.account_id = 0;
  system.username = "bench";
  system.grants = {{service::Role::administrator, 1}};
  const service::Call call{system, "bench"};
  if (argc > 3 && std::string(argv[2]) == "--samples") {
    auto tx = db->begin(store::Access::read);
    auto r = service::stats::unit_statistics(*tx, call, 1, {});
    if (!r) throw std::runtime_error(r.error().message);
    const std::string dir = argv[3];
    const std::string year = r->year ? std::to_string(*r->year) : "none";
    for (auto [path, ok] :
         {std::pair{dir + "/statistics-province-" + year + ".xlsx",
                    api::write_statistics_xlsx(*r, dir + "/statistics-province-" + year + ".xlsx")},
          std::pair{dir + "/statistics-province-" + year + ".pdf",
                    api::write_statistics_pdf(*r, dir + "/statistics-province-" + year + ".pdf", "2026-01-15")}}) {
      if (!ok) throw std::runtime_error(ok.error().message);
      std::printf("wrote %s\n", path.c_str());
    }
    return 0;
  }
  const int repeats = argc > 2 ? std::stoi(argv[2]) : 10;

  std::int64_t district = 0, members = 0, subjects = 0;
  std::vector<std::int64_t> cycles;
  {
    auto tx = db->begin(store::Access::read);
    district = tx->query_one("SELECT MIN(id) FROM units WHERE kind = 'upper_grassroots_committee'")->get_int(0);
    members = tx->query_one("SELECT COUNT(*) FROM people")->get_int(0);
    subjects = tx->query_one("SELECT COUNT(*) FROM review_subjects")->get_int(0);
    for (auto& r : tx->query("SELECT id FROM review_cycles ORDER BY id")) cycles.push_back(r.get_int(0));
  }
  std::printf("%s\n", fmt::format("{} members, {} subjects in {} cycles; province = unit 1, district = unit {}",
                                  members, subjects, cycles.size(), district)
                          .c_str());
  auto run = [&](store::Transaction& tx, std::int64_t unit) {
    auto r = service::stats::unit_statistics(tx, call, unit, {});
    if (!r) throw std::runtime_error(r.error().message);
    auto json = service::stats::to_json(*r);
    if (json["unit"]["categories"]["members"]["total"].get<std::int64_t>() == 0) throw std::runtime_error("empty");
  };
  for (auto [name, unit] : {std::pair{"province", std::int64_t{1}}, std::pair{"district", district}}) {
    auto tx = db->begin(store::Access::read);
    run(*tx, unit);  // warm the cache
    auto t = repeat(repeats, [&] { run(*tx, unit); });
    std::printf("%s\n", fmt::format("summed  {:<9} min {:8.1f} ms  median {:8.1f} ms  cpu {:8.1f} ms", name, t.min,
                                    t.median, t.cpu_min)
                            .c_str());
  }
  {
    auto tx = db->begin(store::Access::write);  // rolled back: never committed
    for (auto id : cycles) service::stats::drop_counts(*tx, id);
    for (auto [name, unit] : {std::pair{"province", std::int64_t{1}}, std::pair{"district", district}}) {
      run(*tx, unit);
      auto t = repeat(std::max(1, repeats / 3), [&] { run(*tx, unit); });
      std::printf("%s\n", fmt::format("counted {:<9} min {:8.1f} ms  median {:8.1f} ms  cpu {:8.1f} ms", name, t.min,
                                      t.median, t.cpu_min)
                              .c_str());
    }
    for (auto id : cycles) {
      const auto t0 = Clock::now();
      const double c0 = cpu_ms();
      auto r = service::stats::refresh_counts(*tx, id);
      if (!r) throw std::runtime_error(r.error().message);
      std::printf(
          "%s\n",
          fmt::format("refresh_counts cycle {}: {:.1f} ms (cpu {:.1f} ms)", id, ms_since(t0), cpu_ms() - c0).c_str());
    }
    // After a decision: the subtree form, for a district and for a commune (a grassroots committee).
    const auto commune = tx->query_one("SELECT MIN(id) FROM units WHERE kind = 'grassroots_committee'")->get_int(0);
    for (auto [name, unit] : {std::pair{"district", district}, std::pair{"commune", commune}}) {
      const auto t0 = Clock::now();
      const double c0 = cpu_ms();
      auto r = service::stats::refresh_counts(*tx, cycles.back(), unit);
      if (!r) throw std::runtime_error(r.error().message);
      std::printf("%s\n", fmt::format("refresh_counts cycle {}, subtree of the {} (unit {}): {:.1f} ms (cpu {:.1f} ms)",
                                      cycles.back(), name, unit, ms_since(t0), cpu_ms() - c0)
                              .c_str());
    }
  }
  return 0;
}
