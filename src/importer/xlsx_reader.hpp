#pragma once
// Reading XLSX roster files row by row: minizip opens the package, expat parses workbook, relationships, styles,
// shared strings and the sheet. The sheet XML is inflated and parsed in chunks, so that memory stays small for
// 100,000 rows (only the shared-string table is held). Cells come out as text: shared and inline strings, numbers
// (integral numbers without ".0", so card numbers typed as numbers stay intact), booleans as TRUE/FALSE, and
// numbers whose cell format is a date as ISO dates ("2024-03-05", with " HH:MM:SS" when the format shows a time).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "importer/row_source.hpp"

namespace xeploai::importer {

class XlsxReader final : public RowSource {
 public:
  // Opens the named sheet, or the first sheet when `sheet` is empty.
  static Result<std::unique_ptr<XlsxReader>> open(const std::filesystem::path& path, const std::string& sheet = "");
  ~XlsxReader() override;

  Result<bool> next(Row& row) override;
  // The sheet names in workbook order.
  const std::vector<std::string>& sheets() const;

  struct State;

 private:
  explicit XlsxReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Days since 1970-01-01 of an Excel serial day number (1900 date system, with its phantom 29 February 1900, or the
// 1904 system), exposed for tests.
long long excel_serial_to_unix_days(double serial, bool date1904);

}  // namespace xeploai::importer
