#include "importer/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <minizip/unzip.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string_view>

namespace xeploai::importer {
namespace {

constexpr std::size_t kChunk = 1 << 16;
// Guards against a ZIP bomb: no part we hold whole (workbook, styles, shared strings) may inflate beyond this.
constexpr std::size_t kMaxWholePart = 512u << 20;

// Element and attribute names come as "namespace-uri local" (expat with namespace processing); we match on the
// local part, which is unambiguous in the parts we read.
std::string_view local(const XML_Char* name) {
  std::string_view n(name);
  auto space = n.rfind(' ');
  return space == std::string_view::npos ? n : n.substr(space + 1);
}

const char* attr(const XML_Char** attrs, std::string_view name, std::string_view ns = {}) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    std::string_view full(attrs[i]);
    if (local(attrs[i]) != name) continue;
    if (!ns.empty() && full.find(ns) == std::string_view::npos) continue;
    return attrs[i + 1];
  }
  return nullptr;
}

// A SAX parse with start/end/text callbacks.
struct Sax {
  std::function<void(std::string_view, const XML_Char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

class Parser {
 public:
  explicit Parser(Sax sax) : sax_(std::move(sax)), parser_(XML_ParserCreateNS("UTF-8", ' ')) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(
        parser_,
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          auto* p = static_cast<Parser*>(self);
          if (p->sax_.start) p->sax_.start(local(name), attrs);
        },
        [](void* self, const XML_Char* name) {
          auto* p = static_cast<Parser*>(self);
          if (p->sax_.end) p->sax_.end(local(name));
        });
    XML_SetCharacterDataHandler(parser_, [](void* self, const XML_Char* s, int len) {
      auto* p = static_cast<Parser*>(self);
      if (p->sax_.text) p->sax_.text(std::string_view(s, static_cast<std::size_t>(len)));
    });
  }
  ~Parser() { XML_ParserFree(parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  Result<void> feed(std::string_view data, bool final, const std::string& part) {
    if (XML_Parse(parser_, data.data(), static_cast<int>(data.size()), final ? 1 : 0) == XML_STATUS_ERROR)
      return Error::invalid(fmt::format("tệp XLSX hỏng / damaged XLSX file: {} line {}: {}", part,
                                        XML_GetCurrentLineNumber(parser_), XML_ErrorString(XML_GetErrorCode(parser_))));
    return {};
  }

 private:
  Sax sax_;
  XML_Parser parser_;
};

bool is_date_format(int id, const std::map<int, std::string>& custom, bool& has_time, bool& has_date) {
  has_time = false;
  has_date = false;
  if (auto it = custom.find(id); it != custom.end()) {
    // Quoted text, [colour]/[locale] sections and escaped characters are not date parts.
    const std::string& code = it->second;
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
      char c = code[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '[') bracket = true;
      if (c == ']') bracket = false;
      if (bracket) continue;
      if (c == '\\' || c == '_' || c == '*') {
        ++i;
        continue;
      }
      char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (l == 'y' || l == 'd') has_date = true;
      if (l == 'h' || l == 's') has_time = true;
    }
    return has_date || has_time;
  }
  // Built-in formats (ECMA-376 18.8.30): 14-17 and 22 dates, 18-21 and 45-47 times, 27-36 and 50-58 East Asian dates.
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) has_date = true;
  if (id == 22) has_date = has_time = true;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) has_time = true;
  return has_date || has_time;
}

std::size_t column_index(std::string_view ref) {
  std::size_t col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return col == 0 ? 0 : col - 1;
}

std::string format_number(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0') return v;
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
    return fmt::format("{}", static_cast<long long>(d));
  return v;
}

}  // namespace

long long excel_serial_to_unix_days(double serial, bool date1904) {
  using namespace std::chrono;
  const long long whole = static_cast<long long>(std::floor(serial));
  if (date1904) return (sys_days(year{1904} / January / 1) + days(whole)).time_since_epoch().count();
  // Serial 60 is the 29 February 1900 that never was (kept by Excel for Lotus compatibility): serials after it
  // count from 1899-12-30, serials before it from 1899-12-31.
  const sys_days epoch = whole >= 61 ? sys_days(year{1899} / December / 30) : sys_days(year{1899} / December / 31);
  return (epoch + days(whole)).time_since_epoch().count();
}

struct XlsxReader::State {
  std::string name;
  unzFile zip = nullptr;
  std::vector<std::string> sheet_names;
  std::vector<std::string> shared;
  std::map<int, std::string> custom_formats;
  std::vector<int> xf_formats;  // cellXfs index -> numFmtId
  bool date1904 = false;
  std::string sheet_part;

  // Streaming state of the sheet parse.
  std::unique_ptr<Parser> sheet_parser;
  bool sheet_open = false, sheet_done = false;
  std::deque<Row> ready;
  Row current;
  std::size_t last_row = 0;
  std::size_t cell_col = 0, next_col = 0;
  std::string cell_type, cell_value;
  int cell_style = 0;
  bool in_value = false, in_inline_text = false, in_phonetic = false;
  std::vector<char> chunk;

  ~State() {
    if (zip != nullptr) unzClose(zip);
  }

  Result<std::string> read_whole(const std::string& part, bool required) {
    if (unzLocateFile(zip, part.c_str(), 2) != UNZ_OK) {
      if (!required) return std::string();
      return Error::invalid(fmt::format("{}: tệp XLSX thiếu phần {} / the XLSX file has no {}", name, part, part));
    }
    unz_file_info64 info{};
    unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0);
    if (info.uncompressed_size > kMaxWholePart)
      return Error::invalid(fmt::format("{}: {} is too large ({} bytes)", name, part, info.uncompressed_size));
    if (unzOpenCurrentFile(zip) != UNZ_OK) return Error::invalid(fmt::format("{}: cannot open {}", name, part));
    std::string out;
    out.resize(static_cast<std::size_t>(info.uncompressed_size));
    int n = out.empty() ? 0 : unzReadCurrentFile(zip, out.data(), static_cast<unsigned>(out.size()));
    unzCloseCurrentFile(zip);
    if (n < 0 || static_cast<std::size_t>(n) != out.size())
      return Error::invalid(fmt::format("{}: phần {} bị hỏng / {} is damaged", name, part, part));
    return out;
  }

  void start_cell(const XML_Char** attrs) {
    const char* r = attr(attrs, "r");
    cell_col = r != nullptr ? column_index(r) : next_col;
    next_col = cell_col + 1;
    const char* t = attr(attrs, "t");
    cell_type = t != nullptr ? t : "n";
    const char* s = attr(attrs, "s");
    cell_style = s != nullptr ? std::atoi(s) : 0;
    cell_value.clear();
  }

  std::string cell_text() const {
    if (cell_type == "s") {
      char* end = nullptr;
      unsigned long i = std::strtoul(cell_value.c_str(), &end, 10);
      return i < shared.size() ? shared[i] : std::string();
    }
    if (cell_type == "inlineStr" || cell_type == "str" || cell_type == "e" || cell_type == "d") return cell_value;
    if (cell_type == "b") return cell_value == "1" ? "TRUE" : "FALSE";
    if (cell_value.empty()) return cell_value;
    const int fmt_id = cell_style >= 0 && static_cast<std::size_t>(cell_style) < xf_formats.size()
                           ? xf_formats[static_cast<std::size_t>(cell_style)]
                           : 0;
    bool has_time = false, has_date = false;
    if (is_date_format(fmt_id, custom_formats, has_time, has_date)) {
      char* end = nullptr;
      double serial = std::strtod(cell_value.c_str(), &end);
      if (end != cell_value.c_str() && std::isfinite(serial) && serial >= 0 && serial < 2958466) {
        using namespace std::chrono;
        const year_month_day ymd{sys_days(days(excel_serial_to_unix_days(serial, date1904)))};
        const long long seconds = std::llround((serial - std::floor(serial)) * 86400.0);
        std::string date = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        std::string time = fmt::format("{:02}:{:02}:{:02}", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        if (has_date && has_time) return date + " " + time;
        return has_date ? date : time;
      }
    }
    return format_number(cell_value);
  }

  Result<void> open_sheet() {
    if (unzLocateFile(zip, sheet_part.c_str(), 2) != UNZ_OK || unzOpenCurrentFile(zip) != UNZ_OK)
      return Error::invalid(fmt::format("{}: the XLSX file has no {}", name, sheet_part));
    sheet_open = true;
    chunk.resize(kChunk);
    Sax sax;
    sax.start = [this](std::string_view el, const XML_Char** attrs) {
      if (el == "row") {
        const char* r = attr(attrs, "r");
        current = Row{};
        current.number = r != nullptr ? std::strtoul(r, nullptr, 10) : last_row + 1;
        next_col = 0;
      } else if (el == "c") {
        start_cell(attrs);
      } else if (el == "v") {
        in_value = true;
      } else if (el == "rPh") {
        in_phonetic = true;
      } else if (el == "t" && cell_type == "inlineStr" && !in_phonetic) {
        in_inline_text = true;
      }
    };
    sax.end = [this](std::string_view el) {
      if (el == "v") {
        in_value = false;
      } else if (el == "t") {
        in_inline_text = false;
      } else if (el == "rPh") {
        in_phonetic = false;
      } else if (el == "c") {
        std::string text = cell_text();
        if (!text.empty()) {
          if (current.cells.size() <= cell_col) current.cells.resize(cell_col + 1);
          current.cells[cell_col] = std::move(text);
        }
      } else if (el == "row") {
        last_row = current.number;
        // Rows without any value (formatting only) are not records.
        if (!current.cells.empty()) ready.push_back(std::move(current));
        current = Row{};
      } else if (el == "sheetData") {
        sheet_done = true;
      }
    };
    sax.text = [this](std::string_view s) {
      if (in_value || in_inline_text) cell_value.append(s);
    };
    sheet_parser = std::make_unique<Parser>(std::move(sax));
    return {};
  }
};

XlsxReader::XlsxReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
XlsxReader::~XlsxReader() = default;

const std::vector<std::string>& XlsxReader::sheets() const { return state_->sheet_names; }

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(const std::filesystem::path& path, const std::string& sheet) {
  auto st = std::make_unique<State>();
  st->name = path.filename().string();
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return Error::invalid(fmt::format("không mở được tệp / cannot open the file {}", path.string()));
    char magic[4] = {};
    probe.read(magic, 4);
    if (std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0)
      return Error::invalid(
          fmt::format("{}: tệp Excel 97-2003 (.xls); hãy lưu lại dạng .xlsx / an Excel 97-2003 "
                      "file (.xls); save it again as .xlsx",
                      st->name));
    if (std::memcmp(magic, "PK\x03\x04", 4) != 0)
      return Error::invalid(fmt::format("{}: không phải tệp XLSX / not an XLSX file", st->name));
  }
  st->zip = unzOpen64(path.c_str());
  if (st->zip == nullptr) return Error::invalid(fmt::format("{}: tệp XLSX hỏng / damaged XLSX file", st->name));

  // Workbook: sheet names in order, their relationship ids, the date system.
  auto workbook = st->read_whole("xl/workbook.xml", true);
  if (!workbook) return std::move(workbook).error();
  std::vector<std::pair<std::string, std::string>> sheet_ids;
  {
    Parser p({.start =
                  [&](std::string_view el, const XML_Char** attrs) {
                    if (el == "sheet") {
                      const char* n = attr(attrs, "name");
                      const char* id = attr(attrs, "id", "relationships");
                      if (n != nullptr && id != nullptr) sheet_ids.emplace_back(n, id);
                    } else if (el == "workbookPr") {
                      const char* d = attr(attrs, "date1904");
                      st->date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
                    }
                  },
              .end = {},
              .text = {}});
    if (auto ok = p.feed(*workbook, true, "xl/workbook.xml"); !ok) return std::move(ok).error();
  }
  for (const auto& s : sheet_ids) st->sheet_names.push_back(s.first);
  if (sheet_ids.empty()) return Error::invalid(fmt::format("{}: the workbook has no sheet", st->name));
  std::string rel_id;
  if (sheet.empty()) {
    rel_id = sheet_ids.front().second;
  } else {
    for (const auto& [n, id] : sheet_ids)
      if (n == sheet) rel_id = id;
    if (rel_id.empty()) {
      std::string names;
      for (const auto& s : st->sheet_names) names += (names.empty() ? "" : ", ") + s;
      return Error::invalid(fmt::format("{}: không có trang tính \"{}\" (có: {}) / no sheet \"{}\" (sheets: {})",
                                        st->name, sheet, names, sheet, names));
    }
  }

  auto rels = st->read_whole("xl/_rels/workbook.xml.rels", true);
  if (!rels) return std::move(rels).error();
  {
    Parser p({.start =
                  [&](std::string_view el, const XML_Char** attrs) {
                    if (el != "Relationship") return;
                    const char* id = attr(attrs, "Id");
                    const char* target = attr(attrs, "Target");
                    if (id == nullptr || target == nullptr || rel_id != id) return;
                    std::string t(target);
                    st->sheet_part = t.starts_with("/") ? t.substr(1) : "xl/" + t;
                  },
              .end = {},
              .text = {}});
    if (auto ok = p.feed(*rels, true, "xl/_rels/workbook.xml.rels"); !ok) return std::move(ok).error();
  }
  if (st->sheet_part.empty()) return Error::invalid(fmt::format("{}: the sheet's part is not listed", st->name));

  // Styles: which cell formats are dates.
  auto styles = st->read_whole("xl/styles.xml", false);
  if (!styles) return std::move(styles).error();
  if (!styles->empty()) {
    bool in_cell_xfs = false;
    Parser p({.start =
                  [&](std::string_view el, const XML_Char** attrs) {
                    if (el == "numFmt") {
                      const char* id = attr(attrs, "numFmtId");
                      const char* code = attr(attrs, "formatCode");
                      if (id != nullptr && code != nullptr) st->custom_formats[std::atoi(id)] = code;
                    } else if (el == "cellXfs") {
                      in_cell_xfs = true;
                    } else if (el == "xf" && in_cell_xfs) {
                      const char* id = attr(attrs, "numFmtId");
                      st->xf_formats.push_back(id != nullptr ? std::atoi(id) : 0);
                    }
                  },
              .end =
                  [&](std::string_view el) {
                    if (el == "cellXfs") in_cell_xfs = false;
                  },
              .text = {}});
    if (auto ok = p.feed(*styles, true, "xl/styles.xml"); !ok) return std::move(ok).error();
  }

  // Shared strings: the text of <t> in each <si>, rich-text runs joined, phonetic runs skipped.
  auto shared = st->read_whole("xl/sharedStrings.xml", false);
  if (!shared) return std::move(shared).error();
  if (!shared->empty()) {
    bool in_t = false, in_phonetic = false;
    std::string current;
    Parser p({.start =
                  [&](std::string_view el, const XML_Char**) {
                    if (el == "si") current.clear();
                    if (el == "rPh") in_phonetic = true;
                    if (el == "t" && !in_phonetic) in_t = true;
                  },
              .end =
                  [&](std::string_view el) {
                    if (el == "t") in_t = false;
                    if (el == "rPh") in_phonetic = false;
                    if (el == "si") st->shared.push_back(current);
                  },
              .text =
                  [&](std::string_view s) {
                    if (in_t) current.append(s);
                  }});
    if (auto ok = p.feed(*shared, true, "xl/sharedStrings.xml"); !ok) return std::move(ok).error();
  }
  if (auto ok = st->open_sheet(); !ok) return std::move(ok).error();
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(st)));
}

Result<bool> XlsxReader::next(Row& row) {
  State& s = *state_;
  while (s.ready.empty() && !s.sheet_done) {
    int n = unzReadCurrentFile(s.zip, s.chunk.data(), static_cast<unsigned>(s.chunk.size()));
    if (n < 0) return Error::invalid(fmt::format("{}: {} is damaged", s.name, s.sheet_part));
    if (auto ok =
            s.sheet_parser->feed(std::string_view(s.chunk.data(), static_cast<std::size_t>(n)), n == 0, s.sheet_part);
        !ok)
      return std::move(ok).error();
    if (n == 0) s.sheet_done = true;
  }
  if (s.ready.empty()) return false;
  row = std::move(s.ready.front());
  s.ready.pop_front();
  return true;
}

}  // namespace xeploai::importer
