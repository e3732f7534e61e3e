#pragma once
// A fresh, empty database for one test, on either backend, removed afterwards. Store tests and API tests run the same
// suite against both backends with it:
//
//   class MyTest : public ::testing::TestWithParam<store::testing::Backend> {
//    protected:
//     void SetUp() override {
//       XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());   // from temporary_database_gtest.hpp
//       temp_ = std::make_unique<store::testing::TemporaryDatabase>(GetParam());
//       db_ = temp_->open();                                 // embedded migrations, not yet applied
//       db_->migrate();
//     }
//     void TearDown() override { db_.reset(); temp_.reset(); }  // close before dropping
//     std::unique_ptr<store::testing::TemporaryDatabase> temp_;
//     std::unique_ptr<store::Database> db_;
//   };
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest, ::testing::ValuesIn(store::testing::all_backends()),
//       store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);  // .../sqlite
//
// SQLite: a file in a new directory under $TMPDIR (default /tmp), deleted with the directory.
// PostgreSQL: CREATE DATABASE with a unique name on the server named by the environment variable XEPLOAI_TEST_PG
// (a postgresql:// URL; scripts/pg-test-server.sh start prints one), dropped afterwards. Without XEPLOAI_TEST_PG the
// PostgreSQL case is skipped, unless XEPLOAI_REQUIRE_PG=1, when it fails (CI must not skip silently).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store::testing {

enum class Backend { sqlite, postgres };

// Every backend, for ::testing::ValuesIn.
std::vector<Backend> all_backends();
// "sqlite" / "postgres".
std::string backend_name(Backend backend);
// Names parameterized cases after their backend (".../sqlite", ".../postgres"). A template so that this header needs
// no GoogleTest; pass it as backend_test_name<::testing::TestParamInfo<Backend>>.
template <class Info>
std::string backend_test_name(const Info& info) {
  return backend_name(info.param);
}

// Why a backend cannot be tested here (PostgreSQL without XEPLOAI_TEST_PG), or nullopt when it can. When
// XEPLOAI_REQUIRE_PG=1 it returns nullopt so that the test proceeds and fails loudly in TemporaryDatabase.
std::optional<std::string> skip_reason(Backend backend);

class TemporaryDatabase {
 public:
  // Creates the empty database; throws DatabaseError when it cannot (no server, no permission).
  explicit TemporaryDatabase(Backend backend);
  ~TemporaryDatabase();  // deletes the file / drops the database (connections to it should be closed by now)
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;

  Backend backend() const { return backend_; }
  // What open_database() and `xeploai --db` accept: a file path or a postgresql:// URL.
  const std::string& url() const { return url_; }
  // Opens it with the embedded migrations of its dialect (not applied; call migrate()).
  std::unique_ptr<Database> open(int pool_size = 4) const;
  // Opens it with these migrations instead.
  std::unique_ptr<Database> open(int pool_size, std::vector<Migration> migrations) const;

 private:
  Backend backend_;
  std::string url_;
  std::string directory_;      // sqlite
  std::string server_url_;     // postgres: the server's maintenance database
  std::string database_name_;  // postgres
};

// A postgresql:// URL with its database name replaced (query parameters kept).
std::string with_database_name(const std::string& url, const std::string& name);

}  // namespace xeploai::store::testing
