#include "importer/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <deque>
#include <regex>
#include <unordered_map>

#include "text/text.hpp"

namespace xeploai::importer {
namespace {

bool all_blank(const Row& row) {
  for (const auto& c : row.cells)
    if (c.find_first_not_of(" \t\r\n") != std::string::npos) return false;
  return true;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Trims ASCII white space and collapses inner runs to one space (what normalize_field does, for ASCII input).
std::string collapse_ascii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string column_letter(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return out;
}

std::string parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  auto split3 = [](std::string_view v, char sep, std::string_view& a, std::string_view& b, std::string_view& c) {
    auto p1 = v.find(sep);
    if (p1 == std::string_view::npos) return false;
    auto p2 = v.find(sep, p1 + 1);
    if (p2 == std::string_view::npos || v.find(sep, p2 + 1) != std::string_view::npos) return false;
    a = v.substr(0, p1);
    b = v.substr(p1 + 1, p2 - p1 - 1);
    c = v.substr(p2 + 1);
    return true;
  };
  std::string_view a, b, c;
  if (s.size() == 19 && s.substr(10) == " 00:00:00") s = s.substr(0, 10);  // XLSX date-time at midnight
  if (s.size() == 10 && s[4] == '-' && split3(s, '-', a, b, c)) {
    if (!parse_int(a, y) || !parse_int(b, m) || !parse_int(c, d)) return {};
  } else {
    bool found = false;
    for (char sep : {'/', '-', '.'}) {
      if (split3(s, sep, a, b, c)) {
        found = a.size() <= 2 && b.size() <= 2 && c.size() == 4;
        break;
      }
    }
    if (!found || !parse_int(a, d) || !parse_int(b, m) || !parse_int(c, y)) return {};
  }
  if (y < 1900 || y > 2100) return {};
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (m < 1 || d < 1 || !ymd.ok()) return {};
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

Error Report::to_error() const {
  std::vector<ErrorDetail> details;
  details.reserve(problems.size());
  for (const auto& p : problems)
    details.push_back({fmt::format("row {}, column {}", p.row, p.column), p.reason_vi + " / " + p.reason_en});
  return Error::invalid(fmt::format("tệp có {} lỗi, không nhập gì / the file has {} problems; nothing was imported",
                                    problems.size(), problems.size()),
                        std::move(details));
}

Result<Report> check(RowSource& source, const Schema& schema, const Options& options,
                     const std::function<void(const ValidatedRow&)>& on_row) {
  Report report;
  const std::size_t n = schema.columns.size();
  report.source_column.assign(n, -1);

  // Header matching: the given mapping first, else the key, labels and aliases, compared as search keys.
  std::unordered_map<std::string, std::size_t> by_key;
  std::vector<std::string> wanted_for(n);
  for (std::size_t c = 0; c < n; ++c) {
    const ColumnSpec& spec = schema.columns[c];
    if (auto it = options.mapping.find(spec.key); it != options.mapping.end()) {
      by_key.emplace(text::search_key(it->second), c);
      continue;
    }
    for (const std::string& name : {spec.key, spec.label_vi, spec.label_en}) by_key.emplace(text::search_key(name), c);
    for (const auto& a : spec.aliases) by_key.emplace(text::search_key(a), c);
  }
  auto match = [&](const Row& row, std::vector<int>& columns) {
    columns.assign(n, -1);
    std::size_t found = 0;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      auto it = by_key.find(text::search_key(row.cells[i]));
      if (it == by_key.end() || columns[it->second] != -1) continue;
      columns[it->second] = static_cast<int>(i);
      ++found;
    }
    return found;
  };

  // Find the header among the leading rows; rows before it (titles) are skipped.
  std::deque<Row> pending;
  Row row;
  Row header;
  bool have_header = false;
  while (!have_header && pending.size() < options.header_search_rows) {
    auto more = source.next(row);
    if (!more) return std::move(more).error();
    if (!*more) break;
    if (all_blank(row)) continue;
    std::vector<int> columns;
    if (match(row, columns) > 0) {
      header = row;
      report.source_column = columns;
      have_header = true;
      pending.clear();
    } else {
      pending.push_back(row);
    }
  }
  if (!have_header) {
    // No row names a column: take the first row as the header so that every column is reported missing.
    if (!pending.empty()) {
      header = pending.front();
      pending.pop_front();
    }
  }
  report.header_row = header.number;
  std::vector<bool> header_used(header.cells.size(), false);
  for (int col : report.source_column)
    if (col >= 0) header_used[static_cast<std::size_t>(col)] = true;
  for (std::size_t i = 0; i < header.cells.size(); ++i)
    if (!header_used[i] && !header.cells[i].empty()) report.ignored_headers.push_back(header.cells[i]);

  auto problem = [&](std::size_t r, std::string column, std::string code, std::string vi, std::string en) {
    report.problems.push_back({r, std::move(column), std::move(code), std::move(vi), std::move(en)});
  };
  for (std::size_t c = 0; c < n; ++c) {
    const ColumnSpec& spec = schema.columns[c];
    if (report.source_column[c] >= 0) continue;
    if (auto it = options.mapping.find(spec.key); it != options.mapping.end())
      problem(header.number, spec.key, "unmapped_header",
              fmt::format("không có cột \"{}\" được chỉ định cho {}", it->second, spec.label_vi),
              fmt::format("the mapped header \"{}\" for {} is not in the file", it->second, spec.label_en));
    else if (spec.required)
      problem(header.number, spec.key, "missing_column", fmt::format("thiếu cột \"{}\"", spec.label_vi),
              fmt::format("the column \"{}\" is missing", spec.label_en));
  }

  std::vector<std::regex> patterns(n);
  std::vector<std::unordered_map<std::string, std::string>> enum_values(n);
  for (std::size_t c = 0; c < n; ++c) {
    const ColumnSpec& spec = schema.columns[c];
    if (spec.type == ColumnType::pattern) patterns[c] = std::regex(spec.pattern, std::regex::ECMAScript);
    for (const auto& v : spec.values) enum_values[c].emplace(text::search_key(v), v);
  }
  std::vector<std::unordered_map<std::string, std::size_t>> seen(n);

  ValidatedRow out;
  auto validate_row = [&](const Row& r) {
    if (all_blank(r)) return;
    ++report.rows;
    const std::size_t before = report.problems.size();
    out.row = r.number;
    out.values.assign(n, std::string());
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const bool known = i < header_used.size() && (header_used[i] || !header.cells[i].empty());
      if (!known && r.cells[i].find_first_not_of(" \t") != std::string::npos)
        problem(r.number, fmt::format("{} ({})", column_letter(i), i + 1), "unknown_cell",
                fmt::format("ô \"{}\" nằm ngoài các cột có tiêu đề", r.cells[i]),
                fmt::format("the cell \"{}\" is outside the columns with a header", r.cells[i]));
    }
    for (std::size_t c = 0; c < n; ++c) {
      const ColumnSpec& spec = schema.columns[c];
      const int col = report.source_column[c];
      if (col < 0) continue;
      const std::string_view raw =
          static_cast<std::size_t>(col) < r.cells.size() ? std::string_view(r.cells[col]) : std::string_view();
      const std::string& key = spec.key;
      // ASCII text (codes, numbers, dates) is NFC and needs no ICU: only its white space is trimmed and collapsed.
      const bool ascii =
          std::all_of(raw.begin(), raw.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
      if (!ascii && !text::is_nfc(raw) && !options.normalize_nfc) {
        problem(r.number, key, "not_nfc", fmt::format("\"{}\" không ở dạng chuẩn NFC (dấu tổ hợp)", text::to_nfc(raw)),
                fmt::format("\"{}\" is not in Unicode NFC (combining marks)", text::to_nfc(raw)));
        continue;
      }
      std::string value;
      if (ascii) {
        value = collapse_ascii(raw);
      } else {
        auto normalized = text::normalize_field(raw, key);
        if (!normalized) {
          problem(r.number, key, "invalid_value", "không phải UTF-8 hợp lệ", "not valid UTF-8");
          continue;
        }
        value = std::move(normalized).value();
      }
      if (value.empty()) {
        if (spec.required)
          problem(r.number, key, "required", fmt::format("thiếu {}", spec.label_vi),
                  fmt::format("{} is missing", spec.label_en));
        continue;
      }
      switch (spec.type) {
        case ColumnType::text:
          break;
        case ColumnType::date: {
          std::string iso = parse_date(value);
          if (iso.empty()) {
            problem(r.number, key, "invalid_date", fmt::format("\"{}\" không phải ngày hợp lệ (dd/mm/yyyy)", value),
                    fmt::format("\"{}\" is not a valid date (dd/mm/yyyy)", value));
            continue;
          }
          value = std::move(iso);
          break;
        }
        case ColumnType::enumeration: {
          // The canonical spelling itself is the common case (and an exported file's): no folding needed.
          if (std::find(spec.values.begin(), spec.values.end(), value) != spec.values.end()) break;
          auto it = enum_values[c].find(text::search_key(value));
          if (it == enum_values[c].end()) {
            std::string allowed;
            for (const auto& v : spec.values) allowed += (allowed.empty() ? "" : ", ") + v;
            problem(r.number, key, "invalid_value", fmt::format("\"{}\" không thuộc các giá trị: {}", value, allowed),
                    fmt::format("\"{}\" is not one of: {}", value, allowed));
            continue;
          }
          value = it->second;
          break;
        }
        case ColumnType::pattern:
          if (!std::regex_match(value, patterns[c])) {
            problem(r.number, key, "pattern", fmt::format("\"{}\" không đúng dạng {}", value, spec.pattern_hint_vi),
                    fmt::format("\"{}\" does not have the form {}", value, spec.pattern_hint_en));
            continue;
          }
          break;
        case ColumnType::integer: {
          long long v = 0;
          auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
          if (ec != std::errc() || p != value.data() + value.size()) {
            problem(r.number, key, "integer", fmt::format("\"{}\" không phải số nguyên", value),
                    fmt::format("\"{}\" is not a whole number", value));
            continue;
          }
          break;
        }
      }
      if (spec.unique) {
        auto [it, inserted] = seen[c].emplace(value, r.number);
        if (!inserted) {
          problem(r.number, key, "duplicate", fmt::format("\"{}\" trùng với dòng {}", value, it->second),
                  fmt::format("\"{}\" duplicates row {}", value, it->second));
          continue;
        }
      }
      out.values[c] = std::move(value);
    }
    if (report.problems.size() == before) {
      ++report.valid_rows;
      if (on_row) on_row(out);
    }
  };

  for (const Row& r : pending) validate_row(r);
  while (true) {
    auto more = source.next(row);
    if (!more) return std::move(more).error();
    if (!*more) break;
    validate_row(row);
  }
  return report;
}

}  // namespace xeploai::importer
