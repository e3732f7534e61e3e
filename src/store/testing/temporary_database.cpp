#include "store/testing/temporary_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace xeploai::store::testing {

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

bool pg_required() { return env("XEPLOAI_REQUIRE_PG").value_or("") == "1"; }

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  static const std::uint32_t seed = std::random_device{}();
  return fmt::format("{}_{}_{:08x}", getpid(), ++counter,
                     seed ^ static_cast<std::uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
}

// Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction,
// so this bypasses the adapter's BEGIN/COMMIT).
void admin(const std::string& server_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(server_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw DatabaseError(fmt::format("test PostgreSQL server (XEPLOAI_TEST_PG) unreachable: {}", message));
  }
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw DatabaseError(fmt::format("{}: {}", sql, message));
}

}  // namespace

std::vector<Backend> all_backends() { return {Backend::sqlite, Backend::postgres}; }

std::string backend_name(Backend backend) { return backend == Backend::sqlite ? "sqlite" : "postgres"; }

std::optional<std::string> skip_reason(Backend backend) {
  if (backend == Backend::postgres && !env("XEPLOAI_TEST_PG") && !pg_required())
    return "PostgreSQL not configured: set XEPLOAI_TEST_PG (export XEPLOAI_TEST_PG=$(scripts/pg-test-server.sh start))";
  return std::nullopt;
}

std::string with_database_name(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) throw DatabaseError(fmt::format("not a postgresql:// URL: {}", url));
  auto query = url.find('?', scheme + 3);
  auto path = url.find('/', scheme + 3);
  std::string head = url.substr(0, std::min(path, query));
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + name + tail;
}

TemporaryDatabase::TemporaryDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    std::string base = env("TMPDIR").value_or("/tmp");
    std::string pattern = base + "/xeploai-test-XXXXXX";
    if (!mkdtemp(pattern.data())) throw DatabaseError(fmt::format("cannot create a directory under {}", base));
    directory_ = pattern;
    url_ = directory_ + "/test.db";
    return;
  }
  auto server = env("XEPLOAI_TEST_PG");
  if (!server)
    throw DatabaseError(
        "XEPLOAI_REQUIRE_PG=1 but XEPLOAI_TEST_PG is not set (export XEPLOAI_TEST_PG=$(scripts/pg-test-server.sh "
        "start))");
  server_url_ = *server;
  database_name_ = "xeploai_test_" + unique_suffix();
  admin(server_url_, fmt::format("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0", database_name_));
  url_ = with_database_name(server_url_, database_name_);
}

TemporaryDatabase::~TemporaryDatabase() {
  try {
    if (backend_ == Backend::sqlite) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    } else {
      // FORCE (PostgreSQL 13+) ends sessions a failed test left open.
      admin(server_url_, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name_));
    }
  } catch (...) {
    // A destructor must not throw; the throw-away server is discarded anyway.
  }
}

std::unique_ptr<Database> TemporaryDatabase::open(int pool_size) const { return open_database(url_, pool_size); }

std::unique_ptr<Database> TemporaryDatabase::open(int pool_size, std::vector<Migration> migrations) const {
  return open_database(url_, pool_size, std::move(migrations));
}

}  // namespace xeploai::store::testing
