// Roster import (docs/performance-import.md): a CSV of the demo province (src/demo) imported all or nothing into an
// empty database, beside the raw SQLite insert of the same member rows (one prepared INSERT in a loop, one
// transaction, no validation and no derived keys) as the floor. PostgreSQL runs when XEPLOAI_TEST_PG names a
// server (scripts/pg-test-server.sh start).
// Run: build/import_bench --benchmark_filter=100000   (each case runs once: it builds a fresh database)
// Also: XEPLOAI_IMPORT_BENCH_CSV=/tmp/roster-100k.csv build/import_bench --benchmark_filter=WriteCsv/100000 keeps
// the file for timing the CLI (`xeploai import --db ... --file ...`, which prints its peak memory).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api/roster_routes.hpp"
#include "demo/province.hpp"
#include "importer/roster.hpp"
#include "service/roster/roster.hpp"
#include "store/database.hpp"
#include "store/testing/temporary_database.hpp"

namespace {

using namespace xeploai;
namespace fs = std::filesystem;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The demo province of `members` members as a roster CSV (the export's shape), written once per size.
fs::path province_csv(std::int64_t members) {
  const char* keep = std::getenv("XEPLOAI_IMPORT_BENCH_CSV");
  const fs::path path =
      keep ? fs::path(keep) : fs::temp_directory_path() / ("xeploai-import-bench-" + std::to_string(members) + ".csv");
  if (fs::exists(path)) return path;
  auto p = demo::generate_province(demo::Options{.members = members});
  importer::roster::Roster r;
  for (const auto& u : p.units)
    r.units.push_back({0, u.code, u.name, std::string(demo::to_string(u.kind)),
                       u.parent == demo::kNone ? std::string() : p.units[u.parent].code, u.established_on.iso()});
  for (const auto& m : p.people)
    r.members.push_back(
        {0, m.card_number_text(), m.full_name, std::string(demo::to_string(m.gender)), m.birth_date.iso(),
         m.admitted_on.iso(), m.official_on.iso(), p.units[m.cell].code, std::string(demo::to_string(m.status)),
         m.residence == demo::kNone ? std::string() : p.places[m.residence], m.civil_servant, m.active_since.iso()});
  std::ofstream(path, std::ios::binary) << api::roster_csv(r);
  return path;
}

// Reads, checks and imports the file as `xeploai import` does; the seconds it took, or a negative number after
// reporting the error.
double import_into(store::Database& db, const fs::path& csv, benchmark::State& state) {
  const auto start = std::chrono::steady_clock::now();
  auto file = importer::roster::read_roster_file(csv);
  auto tx = db.begin(store::Access::write);
  service::roster::ImportOptions options;
  options.source = csv.filename().string();
  auto result = service::roster::import_roster(*tx, nullptr, file, options);
  if (!result) {
    state.SkipWithError((result.error().message + " " +
                         (result.error().details.empty()
                              ? ""
                              : result.error().details.front().path + ": " + result.error().details.front().problem))
                            .c_str());
    return -1;
  }
  tx->commit();
  state.counters["members"] = static_cast<double>(file.members.size());
  state.counters["units"] = static_cast<double>(file.units.size());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_WriteCsv(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(province_csv(state.range(0)));
  state.counters["MB"] = static_cast<double>(fs::file_size(province_csv(state.range(0)))) / 1e6;
}
BENCHMARK(BM_WriteCsv)->Arg(100'000)->Iterations(1)->Unit(benchmark::kSecond);

// Reading and checking the file only (CSV parsing, header matching, dates, NFC, duplicates).
void BM_ReadRoster(benchmark::State& state) {
  const auto csv = province_csv(state.range(0));
  for (auto _ : state) {
    auto file = importer::roster::read_roster_file(csv);
    benchmark::DoNotOptimize(file.members.data());
  }
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_ReadRoster)->Arg(100'000)->Iterations(1)->Unit(benchmark::kSecond);

// The whole import on SQLite: read, check against the store, write units, people and memberships, commit.
void BM_ImportSqlite(benchmark::State& state) {
  const auto csv = province_csv(state.range(0));
  for (auto _ : state) {
    store::testing::TemporaryDatabase temp(store::testing::Backend::sqlite);
    auto db = temp.open(1);
    db->migrate();
    const double seconds = import_into(*db, csv, state);
    if (seconds < 0) break;
    state.SetIterationTime(seconds);
  }
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_ImportSqlite)->Arg(100'000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The floor: the same member rows (already parsed, no checks, no keys) through one prepared INSERT in a loop.
void BM_RawSqliteInsert(benchmark::State& state) {
  const auto csv = province_csv(state.range(0));
  auto file = importer::roster::read_roster_file(csv);
  for (auto _ : state) {
    store::testing::TemporaryDatabase temp(store::testing::Backend::sqlite);
    { temp.open(1)->migrate(); }
    sqlite3* db = nullptr;
    sqlite3_open(temp.url().c_str(), &db);
    // The store's SQLite settings (store/sqlite): WAL, synchronous NORMAL.
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
    const auto start = std::chrono::steady_clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO people (card_number, full_name, sort_key, search_key, gender, birth_date, "
                       "admitted_on, official_on, status, residence, is_civil_servant, created_at, updated_at) "
                       "VALUES (?, ?, '', '', ?, ?, ?, ?, 'active', ?, ?, 0, 0)",
                       -1, &st, nullptr);
    auto text = [&](int i, const std::string& s) {
      if (s.empty())
        sqlite3_bind_null(st, i);
      else
        sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    };
    for (const auto& m : file.members) {
      text(1, m.card_number);
      text(2, m.full_name);
      text(3, m.gender);
      text(4, m.birth_date);
      text(5, m.admitted_on);
      text(6, m.official_on);
      text(7, m.residence);
      sqlite3_bind_int(st, 8, m.civil_servant ? 1 : 0);
      if (sqlite3_step(st) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    sqlite3_close(db);
  }
  state.counters["members"] = static_cast<double>(file.members.size());
}
BENCHMARK(BM_RawSqliteInsert)->Arg(100'000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_ImportPostgres(benchmark::State& state) {
  if (store::testing::skip_reason(store::testing::Backend::postgres)) {
    state.SkipWithError("XEPLOAI_TEST_PG is not set");
    for (auto _ : state) {
    }
    return;
  }
  const auto csv = province_csv(state.range(0));
  for (auto _ : state) {
    auto temp = std::make_unique<store::testing::TemporaryDatabase>(store::testing::Backend::postgres);
    auto db = temp->open(1);
    db->migrate();
    const double seconds = import_into(*db, csv, state);
    db.reset();
    temp.reset();
    if (seconds < 0) break;
    state.SetIterationTime(seconds);
  }
}
BENCHMARK(BM_ImportPostgres)->Arg(100'000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
