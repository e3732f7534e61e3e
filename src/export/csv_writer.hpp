#pragma once
// CSV in the shape the roster importer reads (RFC 4180: comma, CRLF, quotes doubled, fields with a comma, quote or
// line break quoted), UTF-8 with a byte-order mark so that Excel opens Vietnamese text correctly.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace xeploai::documents {

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, bool byte_order_mark = true);
  void row(const std::vector<std::string>& cells);

 private:
  std::ostream& out_;
};

// One field as written (quoted when needed).
std::string csv_field(std::string_view s);

}  // namespace xeploai::documents
