// Versioned migrations: files migrations/<dialect>/NNNN_name.sql embedded in the binary, applied in order, each in its
// own transaction, recorded in schema_migrations with a checksum so an edited, already-applied file is refused.
#include <fmt/format.h>

#include <algorithm>
#include <boost/crc.hpp>
#include <chrono>
#include <map>
#include <regex>
#include <set>

#include "store/database.hpp"
#include "store/internal/adapter.hpp"
#include "util/embedded_files.hpp"

namespace xeploai::store {

std::vector<Migration> embedded_migrations(Dialect dialect) {
  const std::string prefix = dialect == Dialect::sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  static const std::regex pattern(R"(^([0-9]{4,})_([A-Za-z0-9_]+)\.sql$)");
  std::vector<Migration> out;
  for (const auto& file : embedded::files()) {
    if (!file.path.starts_with(prefix)) continue;
    std::string base(file.path.substr(prefix.size()));
    std::smatch m;
    if (!std::regex_match(base, m, pattern))
      throw DatabaseError(
          fmt::format("migration file {}: name must be NNNN_name.sql (tên tệp migration không hợp lệ)", file.path));
    out.push_back(Migration{std::stoi(m[1].str()), m[2].str(), std::string(file.content)});
  }
  return internal::checked_migrations(std::move(out));
}

namespace internal {

std::vector<Migration> checked_migrations(std::vector<Migration> migrations) {
  std::sort(migrations.begin(), migrations.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version <= 0)
      throw DatabaseError(fmt::format("migration {}: version must be positive", migrations[i].name));
    if (i > 0 && migrations[i].version == migrations[i - 1].version)
      throw DatabaseError(fmt::format("migrations {} and {} share version {}", migrations[i - 1].name,
                                      migrations[i].name, migrations[i].version));
  }
  return migrations;
}

std::string migration_checksum(std::string_view sql) {
  // CRC-64/ECMA: detects accidental edits of an applied file; not a security measure.
  boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, true, true> crc;
  crc.process_bytes(sql.data(), sql.size());
  return fmt::format("crc64:{:016x}", crc.checksum());
}

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Reads what is applied and checks it against this build; returns version -> name.
std::map<int, std::string> applied_and_checked(Transaction& tx, const std::vector<Migration>& migrations) {
  std::map<int, const Migration*> known;
  for (const auto& m : migrations) known[m.version] = &m;
  std::map<int, std::string> applied;
  for (const auto& row : tx.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")) {
    int version = static_cast<int>(row.get_int(0));
    std::string name = row.get_text(1);
    auto it = known.find(version);
    if (it == known.end())
      throw DatabaseError(fmt::format(
          "cơ sở dữ liệu có migration {:04}_{} mà bản này không biết (database has migration {:04}_{} this build does "
          "not know; it was migrated by a newer version)",
          version, name, version, name));
    if (row.get_text(2) != migration_checksum(it->second->sql))
      throw DatabaseError(fmt::format(
          "migration {:04}_{} đã được áp dụng nhưng nội dung tệp đã thay đổi (migration {:04}_{} was changed after it "
          "was applied: checksum {} in the database, {} in this build); restore the file and add a new migration "
          "instead",
          version, it->second->name, version, it->second->name, row.get_text(2), migration_checksum(it->second->sql)));
    applied[version] = std::move(name);
  }
  return applied;
}

}  // namespace

std::vector<int> run_migrations(const std::function<std::unique_ptr<ScriptTransaction>()>& begin,
                                const std::vector<Migration>& migrations) {
  std::vector<int> done;
  {
    auto tx = begin();
    tx->lock_for_migration();
    tx->execute_script(kCreateTable);
    applied_and_checked(*tx, migrations);
    tx->commit();
  }
  for (const auto& m : migrations) {
    auto tx = begin();
    tx->lock_for_migration();
    // Re-read under the lock: another server may have applied it meanwhile.
    auto applied = applied_and_checked(*tx, migrations);
    if (applied.contains(m.version)) continue;
    try {
      tx->execute_script(m.sql);
    } catch (const DatabaseError& e) {
      throw DatabaseError(
          fmt::format("migration {:04}_{} failed (áp dụng migration thất bại): {}", m.version, m.name, e.what()));
    }
    tx->execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                params(m.version, m.name, migration_checksum(m.sql), now_ms()));
    tx->commit();
    done.push_back(m.version);
  }
  return done;
}

void TransactionState::check() const {
  if (done_) throw DatabaseError(fmt::format("{}: the transaction is already finished", backend_));
  if (failed_)
    throw DatabaseError(
        fmt::format("{}: a statement of this transaction failed earlier ({}); it can only be rolled back (destroy it)",
                    backend_, first_error_));
}

int read_schema_version(Transaction& tx) {
  // Reading through the catalog avoids an error (and, on PostgreSQL, an aborted transaction) when the table is absent.
  const char* exists = tx.dialect() == Dialect::sqlite
                           ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                           : "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
                             "tablename = 'schema_migrations'";
  if (tx.query_one(exists)->get_int(0) == 0) return 0;
  auto row = tx.query_one("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return static_cast<int>(row->get_int(0));
}

}  // namespace internal
}  // namespace xeploai::store
