#include "export/csv_writer.hpp"

namespace xeploai::documents {

CsvWriter::CsvWriter(std::ostream& out, bool byte_order_mark) : out_(out) {
  if (byte_order_mark) out_ << "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ << ',';
    out_ << csv_field(cells[i]);
  }
  out_ << "\r\n";
}

std::string csv_field(std::string_view s) {
  // Leading/trailing spaces are quoted too, so that readers that trim unquoted fields keep them.
  const bool quote =
      s.find_first_of(",;\"\r\n") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace xeploai::documents
