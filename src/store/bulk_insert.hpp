#pragma once
// Bulk loads (the demo seed, the roster import) behind one add()/flush() interface: on SQLite one prepared
// single-row INSERT per row (the fastest path there, docs/performance-store.md); on PostgreSQL rows are encoded in
// COPY's text format and streamed with `COPY table (columns) FROM STDIN` (docs/performance-import.md). Either way the
// rows go into the caller's transaction, and a bad row fails it (naming the row on PostgreSQL) so nothing is kept.
// The caller supplies explicit ids, so no row needs a RETURNING round trip.
#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store {

// One value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped (the delimiter
// and the row end would otherwise split the value); bytea in its hex form, whose backslash is itself escaped.
// Booleans are stored as 0/1 in the store, which PostgreSQL's boolean input accepts as well as integers.
inline void append_copy_value(std::string& out, const Value& v) {
  if (std::holds_alternative<Null>(v)) {
    out += "\\N";
  } else if (auto* i = std::get_if<std::int64_t>(&v)) {
    out += std::to_string(*i);
  } else if (auto* d = std::get_if<double>(&v)) {
    if (std::isnan(*d))
      out += "NaN";
    else if (std::isinf(*d))
      out += *d > 0 ? "Infinity" : "-Infinity";
    else
      out += fmt::format("{}", *d);  // shortest form that reads back exactly, as the INSERT parameters
  } else if (auto* s = std::get_if<std::string>(&v)) {
    for (char c : *s) switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
  } else {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\\\x";
    for (unsigned char b : std::get<Blob>(v)) {
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
}

// One row in COPY's text format: values separated by tabs, ended by a newline.
inline void append_copy_row(std::string& out, const Params& row) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (c) out += '\t';
    append_copy_value(out, row[c]);
  }
  out += '\n';
}

class BulkInsert {
 public:
  // Rows are sent to PostgreSQL when this much COPY text has gathered (and at flush()): large enough that round
  // trips do not matter, small enough to bound the memory.
  static constexpr std::size_t kCopyBytes = 4 << 20;

  BulkInsert(Transaction& tx, std::string table, std::vector<std::string> columns)
      : tx_(tx), table_(std::move(table)), columns_(std::move(columns)), copy_(tx.dialect() == Dialect::postgres) {
    if (!copy_) insert_ = &tx_.prepare(insert_sql());
  }

  void add(const Params& row) {
    if (row.size() != columns_.size())
      throw std::invalid_argument(fmt::format("BulkInsert into {}: a row of {} values for {} columns", table_,
                                              row.size(), columns_.size()));
    if (!copy_) {
      insert_->execute(row);
      return;
    }
    append_copy_row(buffer_, row);
    ++pending_;
    if (buffer_.size() >= kCopyBytes) flush();
  }
  // Sends the rows gathered so far; call after the last add() and before anything that needs the rows stored
  // (rows of another table referring to them).
  void flush() {
    if (pending_ == 0) return;
    tx_.copy_in(table_, columns_, buffer_, sent_ + 1);
    sent_ += pending_;
    pending_ = 0;
    buffer_.clear();
  }

 private:
  std::string insert_sql() const {
    std::string s = fmt::format("INSERT INTO {} ({}) VALUES (", table_, fmt::join(columns_, ", "));
    for (std::size_t c = 0; c < columns_.size(); ++c) s += fmt::format("{}${}", c ? ", " : "", c + 1);
    return s + ")";
  }

  Transaction& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  bool copy_;
  Statement* insert_ = nullptr;  // SQLite
  std::string buffer_;           // PostgreSQL: COPY text not sent yet
  std::int64_t pending_ = 0;     // rows in buffer_
  std::int64_t sent_ = 0;        // rows sent before them
};

}  // namespace xeploai::store
