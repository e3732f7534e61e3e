// Row accessors: convert between representations only where no information is lost, so a repository reads the
// same column the same way on SQLite (typed values) and PostgreSQL (typed by OID, text for the rest).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "store/database.hpp"

namespace xeploai::store {

namespace {

const char* kind_name(const Value& v) {
  switch (v.index()) {
    case 0:
      return "NULL";
    case 1:
      return "integer";
    case 2:
      return "real";
    case 3:
      return "text";
    default:
      return "blob";
  }
}

[[noreturn]] void fail(std::size_t i, const Value& v, const char* wanted) {
  std::string shown;
  if (auto* s = std::get_if<std::string>(&v))
    shown = fmt::format(" '{}'", s->size() > 40 ? s->substr(0, 40) + "…" : *s);
  throw DatabaseError(fmt::format("column {}: expected {}, got {}{}", i, wanted, kind_name(v), shown));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::int64_t Row::get_int(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) {
    // 2^63 is exactly representable; anything at or above it overflows int64.
    if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0)
      return static_cast<std::int64_t>(*d);
    fail(i, v, "an integer");
  }
  if (auto* s = std::get_if<std::string>(&v)) {
    std::string_view t = trim(*s);
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec == std::errc() && end == t.data() + t.size() && !t.empty()) return out;
    fail(i, v, "an integer");
  }
  fail(i, v, "an integer");
}

double Row::get_double(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) {
    std::string_view t = trim(*s);
    double out = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec == std::errc() && end == t.data() + t.size() && !t.empty()) return out;
    // PostgreSQL spells the special values this way.
    if (t == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (t == "Infinity") return std::numeric_limits<double>::infinity();
    if (t == "-Infinity") return -std::numeric_limits<double>::infinity();
    fail(i, v, "a number");
  }
  fail(i, v, "a number");
}

std::string Row::get_text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);  // shortest form that reads back the same
  if (auto* b = std::get_if<Blob>(&v)) return std::string(b->begin(), b->end());
  fail(i, v, "text");
}

Blob Row::get_blob(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* b = std::get_if<Blob>(&v)) return *b;
  if (auto* s = std::get_if<std::string>(&v)) return Blob(s->begin(), s->end());
  fail(i, v, "a blob");
}

std::optional<std::int64_t> Row::get_optional_int(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_int(i);
}

std::optional<std::string> Row::get_optional_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_text(i);
}

}  // namespace xeploai::store
