// PostgreSQL adapter on the libpq C API: a pool of connections, one transaction per checkout (BEGIN/COMMIT), statements
// prepared once per connection under generated names, parameters sent as text (blobs in binary), result columns typed
// by OID. A connection found broken is reset before it is handed out again.
#include "store/postgres/postgres_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "store/internal/adapter.hpp"

namespace xeploai::store::postgres {

namespace {

constexpr std::size_t kStatementCacheLimit = 512;
// Key of the advisory lock that serializes migrators ("xeploai" in ASCII).
constexpr const char* kMigrationLockSql = "SELECT pg_advisory_xact_lock(33909595283300713)";

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

std::string short_sql(std::string_view sql) {
  return sql.size() > 500 ? std::string(sql.substr(0, 500)) + "…" : std::string(sql);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Describes where a URL points without its password, for error messages.
std::string describe_target(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (!options) {
    std::string message = trimmed(err);
    PQfreemem(err);
    return fmt::format("(URL không hợp lệ / invalid URL: {})", message);
  }
  std::string host = "localhost", port = "5432", dbname, user;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    if (!std::strcmp(o->keyword, "host") || !std::strcmp(o->keyword, "hostaddr"))
      host = o->val;
    else if (!std::strcmp(o->keyword, "port"))
      port = o->val;
    else if (!std::strcmp(o->keyword, "dbname"))
      dbname = o->val;
    else if (!std::strcmp(o->keyword, "user"))
      user = o->val;
  }
  PQconninfoFree(options);
  return fmt::format("host={} port={} dbname={} user={}", host, port, dbname, user);
}

[[noreturn]] void throw_result_error(PGconn* conn, PGresult* res, std::string_view sql, std::string_view where = {}) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = trimmed(res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  std::string text = fmt::format("PostgreSQL{}: {}{}; SQL: {}", state ? fmt::format(" ({})", state) : "", message,
                                 where, short_sql(sql));
  // SQLSTATE class 23: integrity constraint violation (unique, foreign key, check, not null, exclusion).
  if (state && std::strncmp(state, "23", 2) == 0) throw ConstraintViolation(text);
  throw DatabaseError(text);
}

std::vector<unsigned char> decode_bytea(const char* text) {
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
  if (!bytes) throw DatabaseError("PostgreSQL: cannot decode a bytea value");
  Blob out(bytes, bytes + length);
  PQfreemem(bytes);
  return out;
}

Row read_row(PGresult* res, int r) {
  int n = PQnfields(res);
  std::vector<Value> values;
  values.reserve(n);
  for (int c = 0; c < n; ++c) {
    if (PQgetisnull(res, r, c)) {
      values.emplace_back(Null{});
      continue;
    }
    const char* text = PQgetvalue(res, r, c);
    switch (PQftype(res, c)) {
      case kInt2:
      case kInt4:
      case kInt8:
      case kOid:
        values.emplace_back(static_cast<std::int64_t>(std::strtoll(text, nullptr, 10)));
        break;
      case kFloat4:
      case kFloat8:
      case kNumeric: {
        if (!std::strcmp(text, "NaN"))
          values.emplace_back(std::nan(""));
        else if (!std::strcmp(text, "Infinity"))
          values.emplace_back(HUGE_VAL);
        else if (!std::strcmp(text, "-Infinity"))
          values.emplace_back(-HUGE_VAL);
        else
          values.emplace_back(std::strtod(text, nullptr));
        break;
      }
      case kBool:
        values.emplace_back(std::int64_t{text[0] == 't' ? 1 : 0});
        break;
      case kBytea:
        values.emplace_back(decode_bytea(text));
        break;
      default:
        values.emplace_back(std::string(text, PQgetlength(res, r, c)));
    }
  }
  return Row(std::move(values));
}

// Parameters in libpq's arrays: text for everything but blobs, which go in binary so no escaping is needed.
struct Encoded {
  std::vector<std::string> storage;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;

  explicit Encoded(const Params& params) {
    storage.resize(params.size());
    values.resize(params.size());
    lengths.resize(params.size());
    formats.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<Null>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto* x = std::get_if<std::int64_t>(&v))
        storage[i] = std::to_string(*x);
      else if (auto* d = std::get_if<double>(&v)) {
        if (std::isnan(*d))
          storage[i] = "NaN";
        else if (std::isinf(*d))
          storage[i] = *d > 0 ? "Infinity" : "-Infinity";
        else
          storage[i] = fmt::format("{}", *d);  // shortest form that reads back exactly
      } else if (auto* s = std::get_if<std::string>(&v))
        storage[i] = *s;
      else if (auto* b = std::get_if<Blob>(&v)) {
        storage[i].assign(b->begin(), b->end());
        formats[i] = 1;
      }
      values[i] = storage[i].data();
      lengths[i] = static_cast<int>(storage[i].size());
    }
  }
};

// One libpq connection and the names of the statements prepared on it.
class Connection {
 public:
  Connection(const std::string& url, std::atomic<std::int64_t>& prepared_counter)
      : prepared_counter_(prepared_counter) {
    // Defaults placed before the URL; anything the URL sets wins (expand_dbname).
    const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
    const char* vals[] = {"10", "xeploai", "UTF8", url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, vals, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      throw DatabaseError(fmt::format("không kết nối được tới PostgreSQL (cannot connect to PostgreSQL) at {}: {}",
                                      describe_target(url), message));
    }
    configure();
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* handle() { return conn_; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  // Called between transactions: a broken connection is reset (its server-side statements are gone with it).
  void make_ready(const std::string& url) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      prepared_.clear();
      PQreset(conn_);
      if (PQstatus(conn_) != CONNECTION_OK)
        throw DatabaseError(fmt::format("mất kết nối tới PostgreSQL (lost the connection to PostgreSQL) at {}: {}",
                                        describe_target(url), trimmed(PQerrorMessage(conn_))));
      configure();
    }
    if (prepared_.size() >= kStatementCacheLimit) {
      exec("DEALLOCATE ALL");
      prepared_.clear();
    }
  }

  // Session settings, again after a reset.
  void configure() {
    // Timestamps are stored as Unix milliseconds, but keep server-side date functions predictable.
    exec("SET TIME ZONE 'UTC'");
    // Notices ("relation already exists, skipping") would go to stderr, interleaved with structured logs.
    exec("SET client_min_messages TO warning");
  }

  // libpq runs one query at a time per connection, and starting another would silently discard the rest of a
  // query_each stream; refuse instead.
  void check_idle(std::string_view sql) const {
    if (streaming_)
      throw DatabaseError(fmt::format(
          "PostgreSQL: cannot run a query inside query_each's callback on the same transaction (collect the rows "
          "first, or use another transaction); SQL: {}",
          short_sql(sql)));
  }
  void set_streaming(bool on) { streaming_ = on; }

  ResultPtr exec(std::string_view sql) {
    check_idle(sql);
    std::string s(sql);
    ResultPtr res(PQexec(conn_, s.c_str()));
    auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_result_error(conn_, res.get(), sql);
    return res;
  }

  // The name of the prepared statement for `sql`, preparing it on first use.
  const std::string& statement(std::string_view sql) {
    check_idle(sql);
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it != prepared_.end()) return it->second;
    std::string name = fmt::format("x{}", ++next_name_);
    ResultPtr res(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) throw_result_error(conn_, res.get(), sql);
    ++prepared_counter_;
    return prepared_.emplace(std::move(key), std::move(name)).first->second;
  }

 private:
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t next_name_ = 0;
  bool streaming_ = false;
  std::atomic<std::int64_t>& prepared_counter_;
};

// The line of the COPY data an error is about, from the server's context ("COPY people, line 3, column ..."); 0 when
// it does not say (a deferred foreign-key check, a broken connection).
std::int64_t copy_error_line(PGresult* res) {
  const char* context = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : nullptr;
  if (!context) return 0;
  const char* line = std::strstr(context, ", line ");
  return line ? std::strtoll(line + 7, nullptr, 10) : 0;
}

std::int64_t changed_rows(PGresult* res) {
  const char* n = PQcmdTuples(res);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

ResultPtr run_prepared(Connection& conn, std::string_view sql, const Params& params) {
  const std::string& name = conn.statement(sql);
  Encoded e(params);
  ResultPtr res(PQexecPrepared(conn.handle(), name.c_str(), static_cast<int>(params.size()), e.values.data(),
                               e.lengths.data(), e.formats.data(), 0));
  auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_result_error(conn.handle(), res.get(), sql);
  return res;
}

std::vector<Row> all_rows(PGresult* res) {
  std::vector<Row> rows;
  int n = PQntuples(res);
  rows.reserve(n);
  for (int r = 0; r < n; ++r) rows.push_back(read_row(res, r));
  return rows;
}

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(Connection& conn, std::string sql, internal::TransactionState& state)
      : conn_(conn), sql_(std::move(sql)), state_(state) {}
  std::int64_t execute(const Params& params) override {
    return state_.guard([&] { return changed_rows(run_prepared(conn_, sql_, params).get()); });
  }
  std::vector<Row> query(const Params& params) override {
    return state_.guard([&] { return all_rows(run_prepared(conn_, sql_, params).get()); });
  }

 private:
  Connection& conn_;
  std::string sql_;
  internal::TransactionState& state_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size, std::vector<Migration> migrations)
      : url_(std::move(url)), pool_size_(std::max(1, pool_size)), migrations_(std::move(migrations)) {
    all_.push_back(std::make_unique<Connection>(url_, prepared_));
    idle_.push_back(all_.back().get());
    ++opened_;
  }

  Dialect dialect() const override { return Dialect::postgres; }
  std::unique_ptr<Transaction> begin(Access access) override;
  std::vector<int> migrate() override;
  int schema_version() override {
    auto tx = begin(Access::read);
    return internal::read_schema_version(*tx);
  }
  DatabaseStats stats() const override { return {prepared_.load(), opened_.load()}; }

  Connection* acquire() {
    Connection* conn = nullptr;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return !idle_.empty() || static_cast<int>(all_.size()) < pool_size_; });
      if (!idle_.empty()) {
        conn = idle_.back();
        idle_.pop_back();
      } else {
        // Reserve the slot, then connect outside the lock (connecting takes a round trip or more).
        all_.push_back(nullptr);
      }
    }
    if (!conn) {
      try {
        auto fresh = std::make_unique<Connection>(url_, prepared_);
        ++opened_;
        std::lock_guard lock(mutex_);
        for (auto& slot : all_)
          if (!slot) {
            slot = std::move(fresh);
            conn = slot.get();
            break;
          }
      } catch (...) {
        std::lock_guard lock(mutex_);
        for (auto it = all_.begin(); it != all_.end(); ++it)
          if (!*it) {
            all_.erase(it);
            break;
          }
        cv_.notify_one();
        throw;
      }
    }
    try {
      conn->make_ready(url_);
    } catch (...) {
      release(conn);
      throw;
    }
    return conn;
  }
  const std::string& url() const { return url_; }
  void release(Connection* conn) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(conn);
    }
    cv_.notify_one();
  }

 private:
  std::string url_;
  int pool_size_;
  std::vector<Migration> migrations_;
  std::atomic<std::int64_t> prepared_{0};
  std::atomic<std::int64_t> opened_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
};

class PostgresTransaction final : public internal::ScriptTransaction {
 public:
  PostgresTransaction(PostgresDatabase& db, Access access) : db_(db), conn_(db.acquire()) {
    const char* begin_sql = access == Access::write ? "BEGIN" : "BEGIN READ ONLY";
    try {
      try {
        conn_->exec(begin_sql);
      } catch (const DatabaseError&) {
        // A connection the server closed while idle (restart, idle timeout) looks healthy until used. Nothing has
        // happened in this transaction yet, so reconnecting and beginning again is safe.
        if (conn_->healthy()) throw;
        conn_->make_ready(db.url());
        conn_->exec(begin_sql);
      }
    } catch (...) {
      db_.release(conn_);
      throw;
    }
  }
  ~PostgresTransaction() override {
    if (!conn_) return;
    statements_.clear();
    if (!state_.done() && conn_->healthy()) {
      // A failed ROLLBACK means the connection broke; make_ready() resets it at the next checkout.
      PQclear(PQexec(conn_->handle(), "ROLLBACK"));
    }
    db_.release(conn_);
  }

  Dialect dialect() const override { return Dialect::postgres; }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    return state_.guard([&] { return changed_rows(run_prepared(*conn_, sql, params).get()); });
  }
  std::vector<Row> query(std::string_view sql, const Params& params) override {
    return state_.guard([&] { return all_rows(run_prepared(*conn_, sql, params).get()); });
  }
  void query_each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& on_row) override {
    state_.guard([&] { stream(sql, params, on_row); });
  }
  void stream(std::string_view sql, const Params& params, const std::function<void(const Row&)>& on_row) {
    const std::string& name = conn_->statement(sql);
    Encoded e(params);
    PGconn* pg = conn_->handle();
    if (!PQsendQueryPrepared(pg, name.c_str(), static_cast<int>(params.size()), e.values.data(), e.lengths.data(),
                             e.formats.data(), 0))
      throw_result_error(pg, nullptr, sql);
    // Single-row mode: libpq hands over each row as it arrives instead of buffering the whole result.
    PQsetSingleRowMode(pg);
    conn_->set_streaming(true);
    ResultPtr error;
    bool cancelled = false;
    std::exception_ptr callback_error;
    while (PGresult* raw = PQgetResult(pg)) {
      ResultPtr res(raw);
      auto status = PQresultStatus(raw);
      if (status == PGRES_SINGLE_TUPLE) {
        if (callback_error) continue;  // drain what is already on its way
        try {
          on_row(read_row(raw, 0));
        } catch (...) {
          callback_error = std::current_exception();
          // Stop the server producing rows nobody will read; the transaction is rolled back anyway.
          if (PGcancel* cancel = PQgetCancel(pg)) {
            char buf[256];
            PQcancel(cancel, buf, sizeof buf);
            PQfreeCancel(cancel);
            cancelled = true;
          }
        }
      } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !error) {
        error = std::move(res);
      }
    }
    conn_->set_streaming(false);
    if (callback_error) std::rethrow_exception(callback_error);
    (void)cancelled;
    if (error) throw_result_error(pg, error.get(), sql);
  }
  std::int64_t copy_in(std::string_view table, const std::vector<std::string>& columns, std::string_view data,
                       std::int64_t first_row) override {
    return state_.guard([&] { return copy(table, columns, data, first_row); });
  }
  std::int64_t copy(std::string_view table, const std::vector<std::string>& columns, std::string_view data,
                    std::int64_t first_row) {
    const std::string sql = fmt::format("COPY {} ({}) FROM STDIN", table, fmt::join(columns, ", "));
    conn_->check_idle(sql);
    PGconn* pg = conn_->handle();
    ResultPtr started(PQexec(pg, sql.c_str()));
    if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN) throw_result_error(pg, started.get(), sql);
    // The server checks rows as they arrive and reports the first bad one when the copy ends, so the data goes out
    // in one stream (chunks only because PQputCopyData takes an int length).
    constexpr std::size_t kChunk = 1 << 20;
    bool sent = true;
    for (std::size_t at = 0; sent && at < data.size(); at += kChunk) {
      const auto n = std::min(kChunk, data.size() - at);
      sent = PQputCopyData(pg, data.data() + at, static_cast<int>(n)) == 1;
    }
    if (sent) sent = PQputCopyEnd(pg, nullptr) == 1;
    ResultPtr error;
    std::int64_t stored = 0;
    // Drain every result so the connection is usable (for ROLLBACK) whatever happened.
    while (PGresult* raw = PQgetResult(pg)) {
      ResultPtr res(raw);
      const auto status = PQresultStatus(raw);
      if (status == PGRES_COMMAND_OK)
        stored = changed_rows(raw);
      else if (status == PGRES_COPY_IN)  // the server still waits for data we could not send: end it
        PQputCopyEnd(pg, "client could not send the COPY data");
      else if (!error)
        error = std::move(res);
    }
    if (error) {
      const auto line = copy_error_line(error.get());
      throw_result_error(
          pg, error.get(), sql,
          line > 0 ? fmt::format(" (hàng {} / row {} of the rows loaded into {})", first_row + line - 1,
                                 first_row + line - 1, table)
                   : std::string());
    }
    if (!sent) throw_result_error(pg, nullptr, sql);
    return stored;
  }
  Statement& prepare(std::string_view sql) override {
    return state_.guard([&]() -> Statement& {
      std::string key(sql);
      auto it = statements_.find(key);
      if (it != statements_.end()) return *it->second;
      conn_->statement(sql);  // prepares now so SQL errors surface at prepare()
      auto stmt = std::make_unique<PostgresStatement>(*conn_, key, state_);
      return *statements_.emplace(std::move(key), std::move(stmt)).first->second;
    });
  }
  void commit() override {
    state_.check();
    statements_.clear();
    auto res = conn_->exec("COMMIT");
    state_.mark_done();
    // COMMIT of a transaction that already failed "succeeds" by rolling back; that must not look like success.
    if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0)
      throw DatabaseError("PostgreSQL: the transaction had failed and was rolled back instead of committed");
  }
  void execute_script(std::string_view sql) override {
    // PQexec without parameters runs every statement of the script.
    state_.guard([&] { conn_->exec(sql); });
  }
  void lock_for_migration() override {
    state_.guard([&] { conn_->exec(kMigrationLockSql); });
  }

 private:
  PostgresDatabase& db_;
  Connection* conn_;
  internal::TransactionState state_{"PostgreSQL"};
  std::unordered_map<std::string, std::unique_ptr<PostgresStatement>> statements_;
};

std::unique_ptr<Transaction> PostgresDatabase::begin(Access access) {
  return std::make_unique<PostgresTransaction>(*this, access);
}

std::vector<int> PostgresDatabase::migrate() {
  return internal::run_migrations([this] { return std::make_unique<PostgresTransaction>(*this, Access::write); },
                                  migrations_);
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Database> open(const std::string& url, int pool_size, std::vector<Migration> migrations) {
  return std::make_unique<PostgresDatabase>(url, pool_size, internal::checked_migrations(std::move(migrations)));
}

}  // namespace xeploai::store::postgres
