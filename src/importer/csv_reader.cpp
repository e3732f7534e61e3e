#include "importer/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "text/text.hpp"

namespace xeploai::importer {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// The index of the first byte of `s` that does not start or continue a well-formed UTF-8 sequence.
std::size_t first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 1; i <= s.size(); ++i)
    if (!text::is_valid_utf8(s.substr(0, i))) {
      // A truncated sequence may become valid with the next bytes: only a prefix that stays invalid counts.
      bool recovers = false;
      for (std::size_t j = i + 1; j <= std::min(s.size(), i + 3) && !recovers; ++j)
        recovers = text::is_valid_utf8(s.substr(0, j));
      if (!recovers) return i - 1;
    }
  return s.size();
}

}  // namespace

std::string guess_legacy_encoding(std::string_view bytes) {
  std::size_t zeros = 0, tcvn3 = 0, cp1258 = 0, high = 0;
  for (unsigned char c : bytes) {
    if (c == 0) ++zeros;
    if (c >= 0x80) ++high;
    // TCVN3 puts ă â ê ô ơ ư đ and their capitals at A1-AE, where Windows-1258 has rarely used symbols.
    if (c >= 0xA1 && c <= 0xAE) ++tcvn3;
    // Windows-1258: Ă ă Đ đ Ơ ơ Ư ư and the combining tone marks (grave, acute, tilde, hook, dot below).
    switch (c) {
      case 0xC3:
      case 0xE3:
      case 0xD0:
      case 0xF0:
      case 0xD5:
      case 0xF5:
      case 0xDD:
      case 0xFD:
      case 0xCC:
      case 0xEC:
      case 0xD2:
      case 0xDE:
      case 0xF2:
        ++cp1258;
        break;
      default:
        break;
    }
  }
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return "UTF-16";
  if (zeros * 4 >= bytes.size() && zeros > 0) return "UTF-16";
  if (tcvn3 > 0 && tcvn3 * 2 >= cp1258) return "TCVN3 (ABC)";
  if (cp1258 > 0) return "Windows-1258";
  return high > 0 ? "Windows-1258" : "";
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::filesystem::path& path) {
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->name_ = path.filename().string();
  r->file_ = std::fopen(path.c_str(), "rb");
  if (r->file_ == nullptr)
    return Error::invalid(fmt::format("không mở được tệp / cannot open the file {}", path.string()));
  if (auto ok = r->start(); !ok) return std::move(ok).error();
  return r;
}

Result<std::unique_ptr<CsvReader>> CsvReader::from_string(std::string content, std::string name) {
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->name_ = std::move(name);
  r->buffer_ = std::move(content);
  r->eof_ = true;
  if (auto ok = r->start(); !ok) return std::move(ok).error();
  return r;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::fill() {
  if (eof_ || file_ == nullptr) return false;
  base_ += buffer_.size();
  buffer_.resize(kChunk);
  std::size_t n = std::fread(buffer_.data(), 1, kChunk, file_);
  buffer_.resize(n);
  pos_ = 0;
  if (n < kChunk) eof_ = true;
  return n > 0;
}

Result<void> CsvReader::start() {
  if (file_ != nullptr) fill();
  std::string_view head(buffer_);
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF"))
    return Error::invalid(
        fmt::format("{}: tệp mã hóa UTF-16; hãy lưu lại dạng CSV UTF-8 / the file is UTF-16; save "
                    "it again as CSV UTF-8",
                    name_));
  if (head.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  // The delimiter is the most frequent of , ; TAB outside quotes on the header line.
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (std::size_t i = pos_; i < head.size(); ++i) {
    char c = head[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab)
    delimiter_ = ';';
  else if (tab > comma && tab > semicolon)
    delimiter_ = '\t';
  return {};
}

Result<bool> CsvReader::next(Row& row) {
  // get() and peek() refill the buffer as they go, so a record may span chunks.
  auto get = [this]() -> int {
    if (pos_ == buffer_.size() && !fill()) return EOF;
    return static_cast<unsigned char>(buffer_[pos_++]);
  };
  auto peek = [this]() -> int {
    if (pos_ == buffer_.size() && !fill()) return EOF;
    return static_cast<unsigned char>(buffer_[pos_]);
  };
  // The whole file is in the wrong encoding, so the error lists every line that is not UTF-8 (the rest of the
  // input is scanned for them), naming the first and the likely encoding.
  auto bad_encoding = [this, &get](const std::string& field, std::size_t line, std::size_t field_offset) -> Error {
    std::string guess = guess_legacy_encoding(field);
    std::string vi = guess.empty() ? "" : fmt::format(" (có lẽ là {})", guess);
    std::string en = guess.empty() ? "" : fmt::format(" (probably {})", guess);
    const std::string problem = "không phải UTF-8 / not UTF-8";
    // The byte offset in the file of the first byte that is not UTF-8 (exact unless a doubled quote precedes it
    // in a quoted field).
    const std::size_t offset = field_offset + first_invalid_utf8(field);
    std::vector<ErrorDetail> details{{fmt::format("line {}", line),
                                      fmt::format("không phải UTF-8 (byte {}) / not UTF-8 (byte {})", offset, offset)}};
    std::string rest;
    std::size_t at = line_;
    for (int c = get();; c = get()) {
      if (c == '\n' || c == EOF) {
        if (at != line && !text::is_valid_utf8(rest)) details.push_back({fmt::format("line {}", at), problem});
        rest.clear();
        ++at;
        if (c == EOF) break;
        continue;
      }
      rest += static_cast<char>(c);
    }
    const std::size_t count = details.size();
    return Error::invalid(
        fmt::format("{}, dòng {}, byte {}: không phải UTF-8{} ({} dòng lỗi); hãy lưu lại tệp dạng CSV UTF-8 / line {}, "
                    "byte {}: not UTF-8{} ({} lines); save the file again as CSV UTF-8",
                    name_, line, offset, vi, count, line, offset, en, count),
        std::move(details));
  };

  while (true) {
    row.cells.clear();
    row.number = line_;
    int c = get();
    if (c == EOF) return false;
    bool blank_line = c == '\n' || c == '\r';
    while (true) {
      std::string field;
      const std::size_t field_line = line_;
      // c was just read: its offset is one before the read position (a quoted field's text starts after it).
      const std::size_t field_offset = base_ + pos_ - 1 + (c == '"' ? 1 : 0);
      if (c == '"') {
        while (true) {
          c = get();
          if (c == EOF)
            return Error::invalid(
                fmt::format("{}, dòng {}: dấu ngoặc kép không được đóng / line {}: a quoted field is never closed",
                            name_, field_line, field_line),
                {{fmt::format("line {}", field_line), "unterminated quote"}});
          if (c == '"') {
            if (peek() == '"') {
              get();
              field += '"';
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          field += static_cast<char>(c);
        }
        c = get();
        if (c != delimiter_ && c != '\r' && c != '\n' && c != EOF)
          return Error::invalid(
              fmt::format("{}, dòng {}: ký tự sau dấu ngoặc kép đóng / line {}: text after a closing quote", name_,
                          line_, line_),
              {{fmt::format("line {}", line_), "text after closing quote"}});
      } else {
        // A quote inside an unquoted field is kept as text, as Excel and LibreOffice read it.
        while (c != delimiter_ && c != '\r' && c != '\n' && c != EOF) {
          field += static_cast<char>(c);
          c = get();
        }
      }
      if (!text::is_valid_utf8(field)) return bad_encoding(field, field_line, field_offset);
      row.cells.push_back(std::move(field));
      if (c == delimiter_) {
        c = get();
        continue;
      }
      if (c == '\r' && peek() == '\n') get();
      if (c == '\r' || c == '\n') ++line_;
      break;
    }
    // Blank lines (a trailing newline, spacing between blocks) are not records.
    if (blank_line && row.cells.size() == 1) continue;
    return true;
  }
}

}  // namespace xeploai::importer
