// Bulk insert of 100,000 rows through store::Statement (one transaction, one prepared INSERT) on SQLite and on
// PostgreSQL, next to the same insert on the raw sqlite3 API to show the adapter's overhead. PostgreSQL runs when
// XEPLOAI_TEST_PG names a server (scripts/pg-test-server.sh start). Results: docs/performance-store.md.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "store/database.hpp"
#include "store/testing/temporary_database.hpp"

namespace {

using namespace xeploai::store;
using testing::Backend;
using testing::TemporaryDatabase;

constexpr int kRows = 100000;

const char* kCreate =
    "CREATE TABLE members (id BIGINT PRIMARY KEY, unit_id BIGINT NOT NULL, card TEXT NOT NULL, "
    "full_name TEXT NOT NULL, birth_date TEXT, official INTEGER NOT NULL)";
const char* kInsert =
    "INSERT INTO members (id, unit_id, card, full_name, birth_date, official) VALUES ($1, $2, $3, $4, $5, $6)";

std::string name_of(int i) {
  static const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
  static const char* given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Minh", "Quỳnh", "Tuấn"};
  return fmt::format("{} Văn {}", family[i % 8], given[(i / 8) % 10]);
}

void insert_through_store(benchmark::State& state, Backend backend) {
  if (auto why = testing::skip_reason(backend)) {
    state.SkipWithError(why->c_str());
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto temp = std::make_unique<TemporaryDatabase>(backend);
    auto db = temp->open(2, {});
    {
      auto tx = db->begin();
      tx->execute(kCreate);
      tx->commit();
    }
    state.ResumeTiming();
    {
      auto tx = db->begin();
      Statement& insert = tx->prepare(kInsert);
      for (int i = 0; i < kRows; ++i)
        insert.execute(params(i + 1, i / 30 + 1, fmt::format("{:08}", i), name_of(i), "1980-05-17", i % 7 != 0));
      tx->commit();
    }
    state.PauseTiming();
    if (db->begin(Access::read)->query_one("SELECT count(*) FROM members")->get_int(0) != kRows)
      state.SkipWithError("row count mismatch");
    db.reset();
    temp.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

// The same rows as multi-row INSERTs of 100 rows each (600 parameters, within both databases' limits): one round trip
// per 100 rows, which is what matters on PostgreSQL.
void insert_batched_through_store(benchmark::State& state, Backend backend) {
  if (auto why = testing::skip_reason(backend)) {
    state.SkipWithError(why->c_str());
    return;
  }
  constexpr int kBatch = 100;
  std::string sql = "INSERT INTO members (id, unit_id, card, full_name, birth_date, official) VALUES ";
  for (int r = 0; r < kBatch; ++r)
    sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, ${})", r ? ", " : "", r * 6 + 1, r * 6 + 2, r * 6 + 3, r * 6 + 4,
                       r * 6 + 5, r * 6 + 6);
  for (auto _ : state) {
    state.PauseTiming();
    auto temp = std::make_unique<TemporaryDatabase>(backend);
    auto db = temp->open(2, {});
    {
      auto tx = db->begin();
      tx->execute(kCreate);
      tx->commit();
    }
    state.ResumeTiming();
    {
      auto tx = db->begin();
      Statement& insert = tx->prepare(sql);
      Params values;
      values.reserve(kBatch * 6);
      for (int i = 0; i < kRows; ++i) {
        for (auto& v : params(i + 1, i / 30 + 1, fmt::format("{:08}", i), name_of(i), "1980-05-17", i % 7 != 0))
          values.push_back(std::move(v));
        if (values.size() == kBatch * 6) {
          insert.execute(values);
          values.clear();
        }
      }
      tx->commit();
    }
    state.PauseTiming();
    if (db->begin(Access::read)->query_one("SELECT count(*) FROM members")->get_int(0) != kRows)
      state.SkipWithError("row count mismatch");
    db.reset();
    temp.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

// The floor: the same rows with sqlite3_bind_* / sqlite3_step directly, same pragmas (WAL, synchronous=NORMAL).
void insert_raw_sqlite(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    TemporaryDatabase temp(Backend::sqlite);
    sqlite3* db = nullptr;
    sqlite3_open(temp.url().c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(db, kCreate, nullptr, nullptr, nullptr);
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, kInsert, -1, &stmt, nullptr);
    for (int i = 0; i < kRows; ++i) {
      std::string card = fmt::format("{:08}", i), name = name_of(i);
      sqlite3_bind_int64(stmt, 1, i + 1);
      sqlite3_bind_int64(stmt, 2, i / 30 + 1);
      sqlite3_bind_text(stmt, 3, card.c_str(), static_cast<int>(card.size()), SQLITE_STATIC);
      sqlite3_bind_text(stmt, 4, name.c_str(), static_cast<int>(name.size()), SQLITE_STATIC);
      sqlite3_bind_text(stmt, 5, "1980-05-17", 10, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 6, i % 7 != 0);
      if (sqlite3_step(stmt) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

BENCHMARK_CAPTURE(insert_through_store, sqlite, Backend::sqlite)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(insert_raw_sqlite)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK_CAPTURE(insert_through_store, postgres, Backend::postgres)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK_CAPTURE(insert_batched_through_store, sqlite, Backend::sqlite)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK_CAPTURE(insert_batched_through_store, postgres, Backend::postgres)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
