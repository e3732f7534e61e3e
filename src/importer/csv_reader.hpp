#pragma once
// Reading CSV roster files row by row (RFC 4180): quoted fields with doubled quotes and line breaks, CRLF or LF,
// a UTF-8 byte-order mark, the delimiter (comma, semicolon or tab) detected from the header line. Every line must
// be valid UTF-8; when it is not, the error names the line and the likely encoding (Windows-1258, TCVN3, UTF-16)
// so that the user knows how to re-save the file.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "importer/row_source.hpp"

namespace xeploai::importer {

class CsvReader final : public RowSource {
 public:
  // Opens the file and reads its first line to detect the delimiter.
  static Result<std::unique_ptr<CsvReader>> open(const std::filesystem::path& path);
  // The same over text in memory (tests, uploads); `name` appears in errors.
  static Result<std::unique_ptr<CsvReader>> from_string(std::string content, std::string name = "CSV");
  ~CsvReader() override;

  Result<bool> next(Row& row) override;
  char delimiter() const { return delimiter_; }

 private:
  CsvReader() = default;
  Result<void> start();
  bool fill();  // reads the next chunk; false at the end of input

  std::FILE* file_ = nullptr;
  std::string name_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  char delimiter_ = ',';
  std::size_t line_ = 1;  // line number of the next character
  std::size_t base_ = 0;  // file offset of buffer_[0]
};

// The likely legacy encoding of bytes that are not UTF-8: "Windows-1258", "TCVN3 (ABC)", "UTF-16" or "" when
// no guess stands out.
std::string guess_legacy_encoding(std::string_view bytes);

}  // namespace xeploai::importer
