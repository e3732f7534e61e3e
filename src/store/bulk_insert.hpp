#pragma once
// Multi-row prepared inserts for bulk loads (the demo seed, the roster import): one statement per batch size,
// reused for every full batch. The caller supplies explicit ids, so no row needs a RETURNING round trip.
#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store {

class BulkInsert {
 public:
  // SQLite is fastest with one prepared single-row INSERT (docs/performance-store.md), so it ignores `batch`;
  // PostgreSQL gains from batching.
  BulkInsert(Transaction& tx, std::string table, std::vector<std::string> columns, std::size_t batch = 400)
      : tx_(tx),
        table_(std::move(table)),
        columns_(std::move(columns)),
        batch_(tx.dialect() == Dialect::sqlite ? 1 : batch) {}

  void add(Params row) {
    for (auto& v : row) pending_.push_back(std::move(v));
    if (++rows_ == batch_) flush();
  }
  // Writes the rows of a partial batch; call once after the last add().
  void flush() {
    if (rows_ == 0) return;
    tx_.prepare(sql(rows_)).execute(pending_);
    pending_.clear();
    rows_ = 0;
  }

 private:
  std::string sql(std::size_t rows) const {
    std::string s = fmt::format("INSERT INTO {} ({}) VALUES ", table_, fmt::join(columns_, ", "));
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      s += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_.size(); ++c) s += fmt::format("{}${}", c ? ", " : "", ++n);
      s += ")";
    }
    return s;
  }

  Transaction& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t batch_;
  std::size_t rows_ = 0;
  Params pending_;
};

}  // namespace xeploai::store
