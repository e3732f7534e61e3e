// CPU per progress poll (GET /cycles/{id}/progress) on a seeded demo database with an open cycle
// (docs/performance-december.md, "After").
//
//   build/xeploai demo --db /tmp/p.sqlite --members 20000
//   build/progress_bench /tmp/p.sqlite [repeats]          (or a postgresql:// URL)
//
// Opens the 2026 cycle for the province when none is open (committed: use a throw-away database), then times
// review::cycle_progress for the first cell and for the province, and "before": the former reading of every
// subject of the cycle whatever the unit asked for (replicated here, so both run on the same data and build).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "service/org/common.hpp"
#include "service/review/internal/common.hpp"
#include "service/review/review.hpp"
#include "store/database.hpp"
#include "workflow/progress.hpp"

namespace {

using namespace xeploai;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
// The machine is shared: the process's CPU (the database's work included for SQLite, not for PostgreSQL).
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
  double median = 0, cpu_median = 0;
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
  std::sort(c.begin(), c.end());
  return {v[v.size() / 2], c[c.size() / 2]};
}

// The former cycle_progress's reading: every current unit of the cycle's tree and every reviewed subject of the
// cycle, the rollup over the whole tree (the answer for `target` is then taken from it).
std::size_t whole_cycle_read(store::Transaction& tx, std::int64_t cycle_id, std::int64_t target) {
  auto c = service::review::internal::load_cycle(tx, cycle_id);
  auto [lo, hi] = service::path_range(c->root_path);
  std::vector<workflow::UnitNode> nodes;
  std::map<std::int64_t, std::int32_t> index;
  std::vector<std::optional<std::int64_t>> parents;
  for (auto& r : tx.query("SELECT id, kind, name, path, parent_id FROM units WHERE path >= $1 AND path < $2 AND "
                          "dissolved_on IS NULL ORDER BY path",
                          store::params(lo, hi))) {
    index[r.get_int(0)] = static_cast<std::int32_t>(nodes.size());
    workflow::UnitNode n;
    n.id = std::to_string(r.get_int(0));
    n.kind = *domain::parse_unit_kind(r.get_text(1));
    nodes.push_back(n);
    parents.push_back(r.get_optional_int(4));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i)
    nodes[i].parent = parents[i] && index.count(*parents[i]) ? index[*parents[i]] : -1;
  std::vector<workflow::SubjectProgress> subjects;
  std::vector<std::string> names;
  for (auto& r : tx.query("SELECT s.id, s.unit_id, s.state, s.person_id, COALESCE(p.full_name, k.name, u.name) FROM "
                          "review_subjects s LEFT JOIN people p ON p.id = s.person_id LEFT JOIN collectives k ON k.id "
                          "= s.collective_id JOIN units u ON u.id = s.unit_id WHERE s.cycle_id = $1 AND s.reviewed = 1 "
                          "ORDER BY CASE WHEN s.person_id IS NULL THEN 1 ELSE 0 END, p.sort_key, s.id",
                          store::params(cycle_id))) {
    auto at = index.find(r.get_int(1));
    if (at == index.end()) continue;
    subjects.push_back({std::to_string(r.get_int(0)), at->second, *workflow::parse_review_state(r.get_text(2))});
    names.push_back(r.is_null(4) ? std::string() : r.get_text(4));
  }
  auto wc = service::review::internal::to_workflow(tx, *c);
  auto counted = workflow::progress(wc, nodes, subjects, *domain::parse_iso_date("2026-12-01"));
  if (!counted) throw std::runtime_error(counted.error().message);
  return static_cast<std::size_t>((*counted)[index[target]].total) + names.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: progress_bench DB [repeats]\n");
    return 2;
  }
  auto db = store::open_database(argv[1], 1);
  const int repeats = argc > 2 ? std::stoi(argv[2]) : 20;
  service::Principal system;
  system.account_id = 0;
  system.username = "bench";
  system.grants = {{service::Role::administrator, 1}};
  const service::Call call{system, "bench"};

  std::int64_t cycle = 0, cell = 0, subjects = 0;
  {
    auto tx = db->begin(store::Access::write);
    auto open = tx->query_one("SELECT id FROM review_cycles WHERE status = 'open' AND root_unit_id = 1");
    if (open) {
      cycle = open->get_int(0);
    } else {
      auto r = service::review::open_cycle(*tx, call, {{"unit_id", 1}, {"year", 2026}});
      if (!r) throw std::runtime_error(r.error().message);
      cycle = (*r)["id"].get<std::int64_t>();
    }
    cell = tx->query_one(
                 "SELECT MIN(unit_id) FROM review_subjects s JOIN units u ON u.id = s.unit_id WHERE "
                 "s.cycle_id = $1 AND u.kind = 'cell' AND s.kind = 'member'",
                 store::params(cycle))
               ->get_int(0);
    subjects =
        tx->query_one("SELECT COUNT(*) FROM review_subjects WHERE cycle_id = $1", store::params(cycle))->get_int(0);
    tx->commit();
  }
  std::printf("%s\n", fmt::format("cycle {} with {} subjects; cell = unit {}", cycle, subjects, cell).c_str());
  for (auto [name, unit] : {std::pair{"cell", cell}, std::pair{"province", std::int64_t{1}}}) {
    auto tx = db->begin(store::Access::read);
    auto after = [&] {
      auto r = service::review::cycle_progress(*tx, call, cycle, unit, std::string("2026-12-01"));
      if (!r) throw std::runtime_error(r.error().message);
    };
    auto before = [&] { whole_cycle_read(*tx, cycle, unit); };
    after();
    before();  // warm the cache
    auto b = repeat(repeats, before);
    auto a = repeat(repeats, after);
    std::printf("%s\n", fmt::format("{:<9} before (whole cycle) median {:7.1f} ms cpu {:7.1f} ms | after (subtree) "
                                    "median {:7.1f} ms cpu {:7.1f} ms",
                                    name, b.median, b.cpu_median, a.median, a.cpu_median)
                            .c_str());
  }
  return 0;
}
