#pragma once
// What the adapters share beyond the public interface: running SQL scripts and the migration runner.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store::internal {

// A transaction that can also run a multi-statement script without parameters (migration files).
class ScriptTransaction : public Transaction {
 public:
  virtual void execute_script(std::string_view sql) = 0;
  // Serializes migrators across processes for the rest of this transaction (PostgreSQL advisory lock; SQLite's
  // BEGIN IMMEDIATE already excludes other writers).
  virtual void lock_for_migration() = 0;
};

// Applies the pending migrations, each in its own write transaction opened by `begin`; returns the versions applied
// by this call. Refuses (DatabaseError) when an applied migration's checksum changed or the database holds a version
// this build does not know.
std::vector<int> run_migrations(const std::function<std::unique_ptr<ScriptTransaction>()>& begin,
                                const std::vector<Migration>& migrations);

// The highest applied version, 0 when there is no schema_migrations table yet.
int read_schema_version(Transaction& tx);

// Checksum of a migration's text as stored in schema_migrations (hex).
std::string migration_checksum(std::string_view sql);

// Validates and sorts a migration list (versions positive and unique).
std::vector<Migration> checked_migrations(std::vector<Migration> migrations);

}  // namespace xeploai::store::internal
