// Migrations on both backends, opening, and connection failures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "store/database.hpp"
#include "store/testing/temporary_database.hpp"
#include "store/testing/temporary_database_gtest.hpp"

namespace xeploai::store {
namespace {

using testing::Backend;
using testing::TemporaryDatabase;

std::vector<Migration> base_migrations() {
  return {
      {1, "units",
       "CREATE TABLE m_units (id BIGINT PRIMARY KEY, name TEXT NOT NULL);\n"
       "CREATE INDEX m_units_name ON m_units (name);\n"},
      {2, "people",
       "CREATE TABLE m_people (id BIGINT PRIMARY KEY, unit_id BIGINT REFERENCES m_units(id));\n"
       "INSERT INTO m_units (id, name) VALUES (1, 'Đảng bộ tỉnh');"},
  };
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DatabaseError& e) {
    return e.what();
  }
  return "";
}

class MigrationTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    temp_ = std::make_unique<TemporaryDatabase>(GetParam());
  }
  std::int64_t count(Database& db, const std::string& sql) {
    return db.begin(Access::read)->query_one(sql)->get_int(0);
  }
  std::unique_ptr<TemporaryDatabase> temp_;
};

TEST_P(MigrationTest, AppliesPendingMigrationsOnceInOrder) {
  auto db = temp_->open(2, base_migrations());
  EXPECT_EQ(db->schema_version(), 0);
  EXPECT_EQ(db->migrate(), (std::vector<int>{1, 2}));
  EXPECT_EQ(db->schema_version(), 2);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM m_units"), 1) << "the data statement of migration 2 ran once";
  EXPECT_TRUE(db->migrate().empty()) << "nothing pending the second time";
  EXPECT_EQ(count(*db, "SELECT count(*) FROM m_units"), 1);
  auto tx = db->begin(Access::read);
  auto rows = tx->query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].get_int(0), 2);
  EXPECT_EQ(rows[1].get_text(1), "people");
  EXPECT_FALSE(rows[1].get_text(2).empty());
  EXPECT_GT(rows[1].get_int(3), 1700000000000) << "Unix milliseconds";
}

TEST_P(MigrationTest, ANewerBuildAppliesOnlyTheNewMigration) {
  temp_->open(2, base_migrations())->migrate();
  auto more = base_migrations();
  more.push_back({3, "posts", "CREATE TABLE m_posts (id BIGINT PRIMARY KEY)"});
  auto db = temp_->open(2, more);
  EXPECT_EQ(db->migrate(), (std::vector<int>{3}));
  EXPECT_EQ(db->schema_version(), 3);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM m_posts"), 0);
}

TEST_P(MigrationTest, RefusesAnAppliedMigrationWhoseTextChanged) {
  temp_->open(2, base_migrations())->migrate();
  auto edited = base_migrations();
  edited[0].sql += "-- edited afterwards\n";
  edited.push_back({3, "posts", "CREATE TABLE m_posts (id BIGINT PRIMARY KEY)"});
  auto db = temp_->open(2, edited);
  auto message = message_of([&] { db->migrate(); });
  EXPECT_NE(message.find("0001_units"), std::string::npos) << message;
  EXPECT_NE(message.find("changed"), std::string::npos) << message;
  EXPECT_EQ(db->schema_version(), 2) << "migration 3 was not applied";
}

TEST_P(MigrationTest, RefusesADatabaseMigratedByANewerBuild) {
  temp_->open(2, base_migrations())->migrate();
  auto older = base_migrations();
  older.pop_back();
  auto message = message_of([&] { temp_->open(2, older)->migrate(); });
  EXPECT_NE(message.find("0002_people"), std::string::npos) << message;
}

TEST_P(MigrationTest, AFailingMigrationLeavesNothingBehind) {
  auto broken = base_migrations();
  broken.push_back({3, "broken", "CREATE TABLE m_half (id BIGINT);\nINSERT INTO no_such_table VALUES (1);\n"});
  auto db = temp_->open(2, broken);
  auto message = message_of([&] { db->migrate(); });
  EXPECT_NE(message.find("0003_broken"), std::string::npos) << message;
  EXPECT_EQ(db->schema_version(), 2) << "1 and 2 were applied, 3 was not";
  const char* exists = GetParam() == Backend::sqlite
                           ? "SELECT count(*) FROM sqlite_master WHERE name = 'm_half'"
                           : "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'm_half'";
  EXPECT_EQ(count(*db, exists), 0) << "the first statement of the failed migration was rolled back";
}

TEST_P(MigrationTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  // Several servers starting together on one database: each migration is applied by exactly one of them. The
  // migrations fail if run twice (CREATE TABLE without IF NOT EXISTS, a unique insert).
  auto migrations = base_migrations();
  for (int v = 3; v <= 8; ++v)
    migrations.push_back({v, "step" + std::to_string(v),
                          "CREATE TABLE m_step" + std::to_string(v) +
                              " (id BIGINT PRIMARY KEY);\nINSERT INTO m_units (id, name) "
                              "VALUES (" +
                              std::to_string(v) + ", 'x');"});
  const int servers = 4;
  std::vector<std::unique_ptr<Database>> dbs;
  for (int s = 0; s < servers; ++s) dbs.push_back(temp_->open(2, migrations));
  std::vector<std::vector<int>> applied(servers);
  std::vector<std::string> errors(servers);
  std::vector<std::thread> threads;
  for (int s = 0; s < servers; ++s)
    threads.emplace_back([&, s] { errors[s] = message_of([&] { applied[s] = dbs[s]->migrate(); }); });
  for (auto& t : threads) t.join();
  std::vector<int> all;
  for (int s = 0; s < servers; ++s) {
    EXPECT_EQ(errors[s], "") << "server " << s;
    all.insert(all.end(), applied[s].begin(), applied[s].end());
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(count(*dbs[0], "SELECT count(*) FROM m_units"), 7);
}

TEST_P(MigrationTest, EmbeddedMigrationsApply) {
  auto dialect = GetParam() == Backend::sqlite ? Dialect::sqlite : Dialect::postgres;
  auto embedded = embedded_migrations(dialect);
  auto db = temp_->open(2);
  auto applied = db->migrate();
  ASSERT_EQ(applied.size(), embedded.size());
  for (std::size_t i = 0; i < embedded.size(); ++i) EXPECT_EQ(applied[i], embedded[i].version);
  EXPECT_EQ(db->schema_version(), embedded.empty() ? 0 : embedded.back().version);
  EXPECT_TRUE(db->migrate().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

TEST(MigrationList, RejectsDuplicateVersions) {
  std::vector<Migration> twice{{1, "a", "SELECT 1"}, {1, "b", "SELECT 2"}};
  auto message = message_of([&] { open_database(":memory:", 1, twice); });
  EXPECT_NE(message.find("share version 1"), std::string::npos) << message;
}

TEST(EmbeddedMigrations, AreNumberedAndSortedPerDialect) {
  for (auto dialect : {Dialect::sqlite, Dialect::postgres}) {
    auto list = embedded_migrations(dialect);
    for (std::size_t i = 1; i < list.size(); ++i) EXPECT_LT(list[i - 1].version, list[i].version);
    for (const auto& m : list) {
      EXPECT_FALSE(m.name.empty());
      EXPECT_FALSE(m.sql.empty()) << m.name;
    }
  }
}

TEST(OpenDatabase, SqliteFileIsInWalModeWithForeignKeys) {
  TemporaryDatabase temp(Backend::sqlite);
  auto db = temp.open(2, {});
  EXPECT_EQ(db->dialect(), Dialect::sqlite);
  {
    auto tx = db->begin(Access::write);
    EXPECT_EQ(tx->query_one("PRAGMA journal_mode")->get_text(0), "wal");
    EXPECT_EQ(tx->query_one("PRAGMA foreign_keys")->get_int(0), 1);
    EXPECT_EQ(tx->query_one("PRAGMA synchronous")->get_int(0), 1) << "NORMAL";
    EXPECT_GT(tx->query_one("PRAGMA busy_timeout")->get_int(0), 0);
  }
  auto reader = db->begin(Access::read);
  EXPECT_EQ(reader->query_one("PRAGMA foreign_keys")->get_int(0), 1);
  EXPECT_TRUE(std::filesystem::exists(temp.url()));
}

TEST(OpenDatabase, InMemorySqliteSharesOneDatabaseBetweenReadsAndWrites) {
  auto db = open_database(":memory:", 4, {});
  {
    auto tx = db->begin();
    tx->execute("CREATE TABLE t (x BIGINT)");
    tx->execute("INSERT INTO t VALUES (5)");
    tx->commit();
  }
  EXPECT_EQ(db->begin(Access::read)->query_one("SELECT x FROM t")->get_int(0), 5);
}

TEST(OpenDatabase, SqliteInAMissingDirectoryNamesThePath) {
  auto message = message_of([] { open_database("/nonexistent-dir-xeploai/sub/x.db", 1, {}); });
  EXPECT_NE(message.find("/nonexistent-dir-xeploai/sub/x.db"), std::string::npos) << message;
}

TEST(OpenDatabase, UnreachablePostgresGivesAClearErrorWithoutThePassword) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto message = message_of([] { open_database("postgresql://someone:s3cret-pw@127.0.0.1:1/nothing", 2, {}); });
  EXPECT_NE(message.find("cannot connect to PostgreSQL"), std::string::npos) << message;
  EXPECT_NE(message.find("port=1"), std::string::npos) << message;
  EXPECT_NE(message.find("dbname=nothing"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret-pw"), std::string::npos) << "password leaked: " << message;
  auto invalid = message_of([] { open_database("postgresql://[broken", 2, {}); });
  EXPECT_FALSE(invalid.empty());
}

TEST(OpenDatabase, PostgresReconnectsAConnectionTheServerClosed) {
  XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(Backend::postgres);
  TemporaryDatabase temp(Backend::postgres);
  auto db = temp.open(1, {});
  std::int64_t pid = db->begin(Access::read)->query_one("SELECT pg_backend_pid()")->get_int(0);
  {
    auto admin = temp.open(1, {});
    auto tx = admin->begin();
    EXPECT_TRUE(tx->query_one("SELECT pg_terminate_backend(CAST($1 AS INTEGER))", params(pid))->get_bool(0));
    tx->commit();
  }
  // The pool's only connection is dead; the next transaction gets a fresh one.
  std::int64_t again = 0;
  for (int attempt = 0; attempt < 50 && again == 0; ++attempt) {
    // Termination is asynchronous: until the backend exits, the old connection may still answer.
    auto tx = db->begin(Access::read);
    auto now = tx->query_one("SELECT pg_backend_pid()")->get_int(0);
    if (now != pid)
      again = now;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(again, 0);
  EXPECT_EQ(db->stats().connections_opened, 1) << "reset in place, not a second pooled connection";
}

}  // namespace
}  // namespace xeploai::store
