#pragma once
// XLSX tables through libxlsxwriter: a bold, shaded, bordered header row that stays frozen when scrolling, column
// widths, an optional title line above the header, rows streamed in constant-memory mode so that a sheet of
// 100,000 rows is written without holding it (docs/performance-documents.md).
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace xeploai::documents {

// A cell: empty, text or number (counts and shares are numbers so that spreadsheets can sum them).
using Cell = std::variant<std::monostate, std::string, double>;

struct SheetSpec {
  std::string name;                 // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::string title;                // printed bold in the first row when not empty
  std::vector<std::string> header;  // the header row
  std::vector<double> widths;       // column widths in characters; empty = 15
  std::vector<bool> percent;        // per column: numbers shown as "0.0%"; empty = none
};

class XlsxWriter {
 public:
  // Creates the workbook; nothing appears under `path` until close() succeeds.
  static Result<XlsxWriter> create(const std::filesystem::path& path);
  XlsxWriter(XlsxWriter&&) noexcept;
  XlsxWriter& operator=(XlsxWriter&&) = delete;
  ~XlsxWriter();

  // Starts a sheet; rows go to the last sheet started (constant memory: earlier sheets are closed).
  Result<void> add_sheet(const SheetSpec& spec);
  // Adds a row under the header; at most header.size() cells.
  Result<void> add_row(const std::vector<Cell>& cells);
  Result<void> close();

 private:
  struct State;
  explicit XlsxWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace xeploai::documents
