#pragma once
// What the adapters share beyond the public interface: running SQL scripts and the migration runner.
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store::internal {

// Where a transaction is in its life. After any failed statement a transaction can only roll back: PostgreSQL aborts
// the transaction on the first error, and SQLite is made to behave the same so code tested on one backend behaves
// identically on the other.
class TransactionState {
 public:
  explicit TransactionState(const char* backend) : backend_(backend) {}
  void check() const;
  void mark_done() { done_ = true; }
  bool done() const { return done_; }
  bool failed() const { return failed_; }
  // Runs one operation of the transaction, remembering a failure.
  template <class F>
  auto guard(F&& f) -> decltype(f()) {
    check();
    try {
      return f();
    } catch (const std::exception& e) {
      fail(e.what());
      throw;
    }
  }
  void fail(std::string why) {
    if (!failed_) first_error_ = std::move(why);
    failed_ = true;
  }

 private:
  const char* backend_;
  bool done_ = false;
  bool failed_ = false;
  std::string first_error_;
};

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
