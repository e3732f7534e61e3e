#pragma once
// The generic layer between a roster file and the code that stores units and people: a schema of expected columns
// with types, the mapping of file headers to those columns (given, or found ignoring case and diacritics), and the
// validation of every row. Every problem is reported as {row, column, reason} in Vietnamese and English, so that a
// dry run lists them all and an import can refuse the whole file when there is any.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "importer/row_source.hpp"
#include "util/result.hpp"

namespace xeploai::importer {

enum class ColumnType {
  text,         // any text: trimmed, inner white space collapsed, must be NFC
  date,         // dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO yyyy-mm-dd; stored as ISO
  enumeration,  // one of `values`, matched ignoring case and diacritics; stored as the canonical value
  pattern,      // text matching the regular expression `pattern` (ECMAScript, whole value), e.g. card numbers
  integer,      // whole number
};

struct ColumnSpec {
  std::string key;                   // stable name used by code and in problems: "card_number"
  std::string label_vi;              // header as Vietnamese users write it: "Số thẻ đảng viên"
  std::string label_en;              // "Party card number"
  std::vector<std::string> aliases;  // other headers seen in the wild: "Số thẻ", "So the DV"
  ColumnType type = ColumnType::text;
  bool required = false;            // the column must be present and every row must have a value
  bool unique = false;              // no two rows may share a value
  std::vector<std::string> values;  // enumeration values
  std::string pattern;              // for ColumnType::pattern
  std::string pattern_hint_vi;      // what the pattern means, for the message: "8 đến 12 chữ số"
  std::string pattern_hint_en;      // "8 to 12 digits"
};

struct Schema {
  std::vector<ColumnSpec> columns;
};

struct Options {
  // Schema key -> header text in the file, overriding header matching (the user's column mapping).
  std::map<std::string, std::string> mapping;
  // Text not in NFC is a problem by default (a name typed with combining marks would not match search and sort);
  // with true it is normalized silently.
  bool normalize_nfc = false;
  // The header is the first of this many leading rows that names at least one schema column (files often carry a
  // title above the table).
  std::size_t header_search_rows = 10;
};

struct Problem {
  std::size_t row = 0;  // the file's row (CSV line, sheet row)
  std::string column;   // schema key, or the file's column ("column 9") for cells outside the schema
  std::string code;     // missing_column, required, invalid_date, invalid_value, pattern, integer, duplicate,
                        // not_nfc, unknown_cell, unmapped_header
  std::string reason_vi;
  std::string reason_en;
};

struct ValidatedRow {
  std::size_t row = 0;
  std::vector<std::string> values;  // one per schema column, normalized; empty when absent
};

struct Report {
  std::size_t header_row = 0;
  std::size_t rows = 0;  // data rows read (blank rows skipped)
  std::size_t valid_rows = 0;
  std::vector<int> source_column;            // per schema column, the file column it comes from, or -1
  std::vector<std::string> ignored_headers;  // file headers that map to no schema column
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
  // The problems as an invalid_input error, one detail per problem ("row 12, column card_number").
  Error to_error() const;
};

// Reads every row of `source` and checks it against `schema`. Valid rows are passed to `on_row` as they are read
// (a caller stages them and commits only when the report is clean: all or nothing). Reading errors (encoding,
// damaged file) are returned as an Error; data problems are listed in the Report.
Result<Report> check(RowSource& source, const Schema& schema, const Options& options = {},
                     const std::function<void(const ValidatedRow&)>& on_row = {});

// Parses dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd (an ISO date-time at midnight too) to
// "yyyy-mm-dd"; empty when it is not a real calendar date between 1900 and 2100.
std::string parse_date(std::string_view s);

// "A", "B", ..., "Z", "AA": the spreadsheet name of a 0-based column.
std::string column_letter(std::size_t index);

}  // namespace xeploai::importer
