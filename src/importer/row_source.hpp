#pragma once
// A roster file read as rows of text cells, one row at a time, so that a file of 100,000 rows is never held whole.
#include <cstddef>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace xeploai::importer {

struct Row {
  std::size_t number = 0;          // as the user sees it: the CSV line where the record starts, the sheet row
  std::vector<std::string> cells;  // UTF-8 text; numbers and dates of XLSX cells as text (dates ISO)
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Fills `row` and returns true, returns false at the end, or an error naming the place in the file.
  virtual Result<bool> next(Row& row) = 0;
};

}  // namespace xeploai::importer
