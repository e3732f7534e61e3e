// SQLite adapter on the sqlite3 C API. WAL mode: one writer connection guarded by a gate held for the life of a
// write transaction (BEGIN IMMEDIATE), and a pool of reader connections (BEGIN DEFERRED) so reads run concurrently
// with each other and with the writer. Each connection caches its prepared statements.
#include "store/sqlite/sqlite_database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/internal/adapter.hpp"

namespace xeploai::store::sqlite {

namespace {

constexpr std::size_t kStatementCacheLimit = 512;

std::string short_sql(std::string_view sql) {
  return sql.size() > 500 ? std::string(sql.substr(0, 500)) + "…" : std::string(sql);
}

[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what, std::string_view sql) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string text = sql.empty() ? fmt::format("SQLite: {} ({}): {}", what, extended, message)
                                 : fmt::format("SQLite: {} ({}): {}; SQL: {}", what, extended, message, short_sql(sql));
  if ((rc & 0xff) == SQLITE_CONSTRAINT || (extended & 0xff) == SQLITE_CONSTRAINT) throw ConstraintViolation(text);
  throw DatabaseError(text);
}

// A compiled statement and, per bind slot, the index into Params of its "$N" name: resolved once at prepare, not by
// name on every bind (sqlite3_bind_parameter_name + parse per slot per execution showed in bulk inserts).
struct Compiled {
  sqlite3_stmt* stmt = nullptr;
  std::vector<int> slots;  // slots[i] = N - 1 for bind slot i + 1; -1 when the name is not of the form $N
  int distinct = 0;        // distinct $N used: with every N <= params.size(), all params are used iff equal
  int highest = 0;         // the largest N
  int first_bad = -1;      // the first slot whose name is not $N
};

Compiled describe(sqlite3_stmt* stmt) {
  Compiled c;
  c.stmt = stmt;
  const int count = sqlite3_bind_parameter_count(stmt);
  c.slots.resize(count, -1);
  std::vector<bool> seen;
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt, i);
    int n = 0;
    if (name && name[0] == '$') {
      auto [end, ec] = std::from_chars(name + 1, name + std::strlen(name), n);
      if (ec != std::errc() || *end != '\0') n = 0;
    }
    if (n <= 0) {  // refused at bind time, with the SQL in the message
      if (c.first_bad < 0) c.first_bad = i;
      continue;
    }
    c.slots[i - 1] = n - 1;
    c.highest = std::max(c.highest, n);
    if (seen.size() < static_cast<std::size_t>(n)) seen.resize(n, false);
    if (!seen[n - 1]) ++c.distinct;
    seen[n - 1] = true;
  }
  return c;
}

// One sqlite3 connection with its statement cache. Used by one thread at a time (the pool hands it out).
class Connection {
 public:
  Connection(const std::string& path, bool reader, std::atomic<std::int64_t>& prepared_counter)
      : prepared_counter_(prepared_counter) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw DatabaseError(
          fmt::format("không mở được tệp SQLite (cannot open SQLite database) '{}': {}", path, message));
    }
    sqlite3_extended_result_codes(db_, 1);
    // Waits for a lock held by another process (a migrate or demo run next to the server) instead of failing.
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA synchronous = NORMAL");
    if (!reader) {
      std::string mode;
      run_text("PRAGMA journal_mode = WAL", mode);
      if (mode != "wal" && mode != "memory")
        throw DatabaseError(fmt::format("SQLite: cannot switch '{}' to WAL mode (journal_mode is '{}')", path, mode));
    } else {
      // A read transaction must not write: it would bypass the single-writer gate.
      exec("PRAGMA query_only = ON");
    }
  }
  ~Connection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.compiled.stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() { return db_; }

  void exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string message = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      int extended = sqlite3_extended_errcode(db_);
      std::string text = fmt::format("SQLite ({}): {}; SQL: {}", extended, message, short_sql(sql));
      if ((extended & 0xff) == SQLITE_CONSTRAINT) throw ConstraintViolation(text);
      throw DatabaseError(text);
    }
  }

  struct Cached {
    Compiled compiled;
    bool in_use;
  };

  // A statement checked out of the cache; returned (reset, bindings cleared) on destruction.
  class Lease {
   public:
    // Cached: `entry` stays in the cache while in use (eviction skips entries in use; map nodes do not move).
    explicit Lease(Cached* entry) : entry_(entry), compiled_(&entry->compiled) {}
    // Uncached: owned, finalized on destruction.
    explicit Lease(Compiled owned) : owned_(std::make_unique<Compiled>(std::move(owned))), compiled_(owned_.get()) {}
    Lease(Lease&& o) noexcept
        : entry_(o.entry_), owned_(std::move(o.owned_)), compiled_(o.compiled_) {
      o.compiled_ = nullptr;
    }
    Lease(const Lease&) = delete;
    ~Lease() {
      if (!compiled_) return;
      sqlite3_reset(compiled_->stmt);
      sqlite3_clear_bindings(compiled_->stmt);
      if (entry_)
        entry_->in_use = false;
      else
        sqlite3_finalize(compiled_->stmt);
    }
    sqlite3_stmt* get() const { return compiled_->stmt; }
    const Compiled& compiled() const { return *compiled_; }

   private:
    Cached* entry_ = nullptr;
    std::unique_ptr<Compiled> owned_;
    Compiled* compiled_;
  };

  Lease acquire(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second.in_use) {
      it->second.in_use = true;
      return Lease(&it->second);
    }
    Compiled compiled = describe(compile(sql));
    // The same SQL already running (a query inside query_each's callback) gets its own, uncached statement.
    if (it != cache_.end()) return Lease(std::move(compiled));
    if (cache_.size() >= kStatementCacheLimit) evict_idle();
    auto [entry, inserted] = cache_.emplace(std::string(sql), Cached{std::move(compiled), true});
    return Lease(&entry->second);
  }

 private:
  // Heterogeneous lookup: finding a statement by its SQL does not copy the SQL into a std::string.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  sqlite3_stmt* compile(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) throw_error(db_, rc, "prepare", sql);
    ++prepared_counter_;
    if (!stmt) throw DatabaseError(fmt::format("SQLite: no statement in SQL: '{}'", short_sql(sql)));
    // A second statement would be silently ignored; multi-statement scripts go through execute_script.
    if (tail && tail < sql.data() + sql.size()) {
      sqlite3_stmt* rest = nullptr;
      sqlite3_prepare_v2(db_, tail, static_cast<int>(sql.data() + sql.size() - tail), &rest, nullptr);
      if (rest) {
        sqlite3_finalize(rest);
        sqlite3_finalize(stmt);
        throw DatabaseError(fmt::format("SQLite: one statement expected, found more; SQL: {}", short_sql(sql)));
      }
    }
    return stmt;
  }

  void evict_idle() {
    for (auto it = cache_.begin(); it != cache_.end();) {
      if (!it->second.in_use) {
        sqlite3_finalize(it->second.compiled.stmt);
        it = cache_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void run_text(const char* sql, std::string& out) {
    auto lease = acquire(sql);
    int rc = sqlite3_step(lease.get());
    if (rc == SQLITE_ROW) {
      auto* t = sqlite3_column_text(lease.get(), 0);
      out = t ? reinterpret_cast<const char*>(t) : "";
    } else if (rc != SQLITE_DONE) {
      throw_error(db_, rc, "step", sql);
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Cached, SqlHash, std::equal_to<>> cache_;
  std::atomic<std::int64_t>& prepared_counter_;
};

// Binds $1..$N by name so SQL may use them in any order and more than once; the names were resolved at prepare.
void bind_all(sqlite3* db, const Compiled& c, const Params& params, std::string_view sql) {
  sqlite3_stmt* stmt = c.stmt;
  if (c.first_bad > 0) {
    const char* name = sqlite3_bind_parameter_name(stmt, c.first_bad);
    throw DatabaseError(
        fmt::format("SQLite: placeholder '{}' is not of the form $N; SQL: {}", name ? name : "?", short_sql(sql)));
  }
  if (static_cast<std::size_t>(c.highest) > params.size())
    throw DatabaseError(fmt::format("SQLite: SQL uses ${} but {} parameter(s) were given; SQL: {}", c.highest,
                                    params.size(), short_sql(sql)));
  for (std::size_t slot = 0; slot < c.slots.size(); ++slot) {
    const int i = static_cast<int>(slot) + 1;
    const Value& v = params[c.slots[slot]];
    int rc = SQLITE_OK;
    // SQLITE_STATIC: params outlive the step; the lease clears bindings before they go away.
    if (std::holds_alternative<Null>(v))
      rc = sqlite3_bind_null(stmt, i);
    else if (auto* x = std::get_if<std::int64_t>(&v))
      rc = sqlite3_bind_int64(stmt, i, *x);
    else if (auto* d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(stmt, i, *d);
    else if (auto* s = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    else if (auto* b = std::get_if<Blob>(&v))
      // An empty blob must stay a blob, not become NULL (bind_blob with a null pointer binds NULL).
      rc = b->empty() ? sqlite3_bind_zeroblob(stmt, i, 0)
                      : sqlite3_bind_blob64(stmt, i, b->data(), b->size(), SQLITE_STATIC);
    if (rc != SQLITE_OK) throw_error(db, rc, "bind", sql);
  }
  if (static_cast<std::size_t>(c.distinct) != params.size()) {
    std::vector<bool> used(params.size(), false);
    for (int n : c.slots)
      if (n >= 0) used[n] = true;
    for (std::size_t k = 0; k < params.size(); ++k)
      if (!used[k])
        throw DatabaseError(fmt::format("SQLite: parameter ${} was given but the SQL does not use it; SQL: {}", k + 1,
                                        short_sql(sql)));
  }
}

Row read_row(sqlite3_stmt* stmt) {
  int n = sqlite3_column_count(stmt);
  std::vector<Value> values;
  values.reserve(n);
  for (int c = 0; c < n; ++c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
        break;
      case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(stmt, c));
        break;
      case SQLITE_TEXT: {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        values.emplace_back(std::string(p, sqlite3_column_bytes(stmt, c)));
        break;
      }
      case SQLITE_BLOB: {
        auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, c));
        int size = sqlite3_column_bytes(stmt, c);
        values.emplace_back(p ? Blob(p, p + size) : Blob{});
        break;
      }
      default:
        values.emplace_back(Null{});
    }
  }
  return Row(std::move(values));
}

// Runs a statement to completion, calling on_row for each row; returns rows changed.
std::int64_t run(Connection& conn, std::string_view sql, const Params& params,
                 const std::function<void(sqlite3_stmt*)>& on_row) {
  auto lease = conn.acquire(sql);
  sqlite3_stmt* stmt = lease.get();
  bind_all(conn.handle(), lease.compiled(), params, sql);
  // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE; other statements must report 0 as on
  // PostgreSQL.
  const auto total_before = sqlite3_total_changes64(conn.handle());
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      if (on_row) on_row(stmt);
      continue;
    }
    if (rc == SQLITE_DONE) break;
    throw_error(conn.handle(), rc, "step", sql);
  }
  if (sqlite3_stmt_readonly(stmt) || sqlite3_total_changes64(conn.handle()) == total_before) return 0;
  return sqlite3_changes64(conn.handle());
}

// Admits one write transaction at a time. Unlike a bare std::mutex it may be released from another thread than the
// one that entered (a transaction handed between threads), and it detects a thread re-entering (a deadlock).
class WriterGate {
 public:
  void enter() {
    std::unique_lock lock(mutex_);
    if (busy_ && owner_ == std::this_thread::get_id())
      throw DatabaseError(
          "SQLite: this thread already holds the write transaction; a second one would wait for itself forever");
    cv_.wait(lock, [&] { return !busy_; });
    busy_ = true;
    owner_ = std::this_thread::get_id();
  }
  void leave() {
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
      owner_ = {};
    }
    cv_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool busy_ = false;
  std::thread::id owner_;
};

class SqliteDatabase;

class SqliteTransaction;

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(Connection& conn, std::string sql, internal::TransactionState& state)
      : conn_(conn), sql_(std::move(sql)), state_(state) {}
  std::int64_t execute(const Params& params) override {
    return state_.guard([&] { return run(conn_, sql_, params, nullptr); });
  }
  std::vector<Row> query(const Params& params) override {
    return state_.guard([&] {
      std::vector<Row> rows;
      run(conn_, sql_, params, [&](sqlite3_stmt* s) { rows.push_back(read_row(s)); });
      return rows;
    });
  }

 private:
  Connection& conn_;
  std::string sql_;
  internal::TransactionState& state_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size, std::vector<Migration> migrations)
      : path_(std::move(path)), pool_size_(std::max(1, pool_size)), migrations_(std::move(migrations)) {
    // Each connection to ":memory:" would be a separate database, so readers share the writer there.
    shared_reader_ = path_.empty() || path_ == ":memory:" || path_.starts_with("file::memory:");
    writer_ = std::make_unique<Connection>(path_, false, prepared_);
    ++opened_;
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  std::unique_ptr<Transaction> begin(Access access) override;
  std::vector<int> migrate() override;
  int schema_version() override {
    auto tx = begin(Access::read);
    return internal::read_schema_version(*tx);
  }
  DatabaseStats stats() const override { return {prepared_.load(), opened_.load()}; }

  // Writer side.
  Connection& enter_writer() {
    gate_.enter();
    return *writer_;
  }
  void leave_writer() { gate_.leave(); }

  // Reader side: an idle reader, a new one while under pool_size, else wait.
  Connection* acquire_reader() {
    std::unique_lock lock(readers_mutex_);
    for (;;) {
      if (!idle_readers_.empty()) {
        Connection* c = idle_readers_.back();
        idle_readers_.pop_back();
        return c;
      }
      if (static_cast<int>(readers_.size()) < pool_size_) {
        readers_.push_back(std::make_unique<Connection>(path_, true, prepared_));
        ++opened_;
        return readers_.back().get();
      }
      readers_cv_.wait(lock);
    }
  }
  void release_reader(Connection* c) {
    {
      std::lock_guard lock(readers_mutex_);
      idle_readers_.push_back(c);
    }
    readers_cv_.notify_one();
  }
  bool shared_reader() const { return shared_reader_; }

 private:
  std::string path_;
  int pool_size_;
  std::vector<Migration> migrations_;
  bool shared_reader_ = false;
  std::atomic<std::int64_t> prepared_{0};
  std::atomic<std::int64_t> opened_{0};
  WriterGate gate_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> idle_readers_;
};

class SqliteTransaction final : public internal::ScriptTransaction {
 public:
  SqliteTransaction(SqliteDatabase& db, Access access) : db_(db) {
    writer_ = access == Access::write || db.shared_reader();
    conn_ = writer_ ? &db.enter_writer() : db.acquire_reader();
    try {
      // IMMEDIATE takes the database's write lock now, so the transaction cannot fail later on lock upgrade.
      conn_->exec(access == Access::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    } catch (...) {
      release();
      throw;
    }
  }
  ~SqliteTransaction() override {
    if (conn_ && !state_.done()) {
      statements_.clear();
      // Rollback can only fail when the transaction is already gone (the database rolled it back itself).
      sqlite3_exec(conn_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    release();
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    return state_.guard([&] { return run(*conn_, sql, params, nullptr); });
  }
  std::vector<Row> query(std::string_view sql, const Params& params) override {
    return state_.guard([&] {
      std::vector<Row> rows;
      run(*conn_, sql, params, [&](sqlite3_stmt* s) { rows.push_back(read_row(s)); });
      return rows;
    });
  }
  void query_each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& on_row) override {
    state_.guard([&] { run(*conn_, sql, params, [&](sqlite3_stmt* s) { on_row(read_row(s)); }); });
  }
  Statement& prepare(std::string_view sql) override {
    return state_.guard([&]() -> Statement& {
      std::string key(sql);
      auto it = statements_.find(key);
      if (it != statements_.end()) return *it->second;
      { auto lease = conn_->acquire(sql); }  // compiles now so SQL errors surface at prepare()
      auto stmt = std::make_unique<SqliteStatement>(*conn_, key, state_);
      return *statements_.emplace(std::move(key), std::move(stmt)).first->second;
    });
  }
  void commit() override {
    state_.check();
    statements_.clear();
    conn_->exec("COMMIT");
    state_.mark_done();
    release();
  }
  void execute_script(std::string_view sql) override {
    state_.guard([&] { conn_->exec(sql); });
  }
  void lock_for_migration() override {}

 private:
  void release() {
    if (!conn_) return;
    if (writer_)
      db_.leave_writer();
    else
      db_.release_reader(conn_);
    conn_ = nullptr;
  }

  SqliteDatabase& db_;
  Connection* conn_ = nullptr;
  bool writer_ = false;
  internal::TransactionState state_{"SQLite"};
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

std::unique_ptr<Transaction> SqliteDatabase::begin(Access access) {
  return std::make_unique<SqliteTransaction>(*this, access);
}

std::vector<int> SqliteDatabase::migrate() {
  return internal::run_migrations([this] { return std::make_unique<SqliteTransaction>(*this, Access::write); },
                                  migrations_);
}

}  // namespace

std::unique_ptr<Database> open(const std::string& path, int pool_size, std::vector<Migration> migrations) {
  return std::make_unique<SqliteDatabase>(path, pool_size, internal::checked_migrations(std::move(migrations)));
}

}  // namespace xeploai::store::sqlite
