#include "importer/roster.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "importer/csv_reader.hpp"
#include "importer/xlsx_reader.hpp"
#include "text/text.hpp"

namespace xeploai::importer::roster {
namespace {

// Member columns, in the order of member_schema() and of the export.
enum MemberColumn {
  m_card,
  m_name,
  m_gender,
  m_birth,
  m_admitted,
  m_official,
  m_cell,
  m_status,
  m_residence,
  m_civil,
  m_joined,
};
enum UnitColumn { u_code, u_name, u_kind, u_parent, u_established };

struct KindName {
  const char* kind;
  std::vector<const char*> aliases;  // read beside kind_label(kind), which the export writes
};
const std::vector<KindName>& kind_names() {
  static const std::vector<KindName> names = {
      {"province_committee", {"Đảng bộ thành phố trực thuộc Trung ương", "Tỉnh ủy"}},
      {"upper_grassroots_committee", {"Đảng bộ huyện", "Đảng bộ quận", "Huyện ủy"}},
      {"grassroots_committee", {"Đảng ủy cơ sở", "Đảng bộ xã", "Đảng bộ phường"}},
      {"grassroots_cell", {}},
      {"sectional_committee", {}},
      {"cell", {"Chi bộ"}},
      {"agency", {}},
  };
  return names;
}

std::vector<std::string> kind_values() {
  std::vector<std::string> v;
  for (const auto& k : kind_names()) {
    v.emplace_back(kind_label(k.kind));
    for (const char* a : k.aliases) v.emplace_back(a);
    v.emplace_back(k.kind);
  }
  return v;
}

// Search key of any accepted spelling -> canonical code.
const std::unordered_map<std::string, std::string>& kind_by_key() {
  static const auto map = [] {
    std::unordered_map<std::string, std::string> m;
    for (const auto& k : kind_names()) {
      m.emplace(text::search_key(kind_label(k.kind)), k.kind);
      for (const char* a : k.aliases) m.emplace(text::search_key(a), k.kind);
      m.emplace(text::search_key(k.kind), k.kind);
    }
    return m;
  }();
  return map;
}

std::string dmy(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// Every row is asked whether it is the next section's header, so header names are compared through a fold much
// cheaper than text::search_key (ICU transliteration, a few microseconds a cell): precomposed Latin letters to
// their search_key (computed once per code point), ASCII lowercased, white space collapsed. Header names are
// folded the same way, so they match whatever case and diacritics a file uses (NFD text is not folded: a header
// typed with combining marks is still found when it heads the file, through search_key).
std::string fold(std::string_view s) {
  static const auto table = [] {
    std::unordered_map<char32_t, std::string> t;
    auto add = [&](char32_t cp) {
      std::string utf8;
      if (cp < 0x800) {
        utf8 += static_cast<char>(0xC0 | (cp >> 6));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        utf8 += static_cast<char>(0xE0 | (cp >> 12));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      }
      t.emplace(cp, text::search_key(utf8));
    };
    for (char32_t cp = 0xC0; cp <= 0x24F; ++cp) add(cp);
    for (char32_t cp = 0x1E00; cp <= 0x1EFF; ++cp) add(cp);
    return t;
  }();
  std::string out;
  out.reserve(s.size());
  bool space = false;
  auto put = [&](std::string_view piece) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += piece;
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        space = true;
      } else {
        const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        put(std::string_view(&lower, 1));
      }
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = 0;
    if (len == 2)
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    else if (len == 3)
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    if (auto it = table.find(cp); it != table.end())
      put(it->second);
    else
      put(s.substr(i, len));
    i += len;
  }
  return out;
}

// The folded names a schema's columns go by (key, labels, aliases, mapped headers).
std::unordered_set<std::string> header_names(const Schema& schema, const Mapping& mapping) {
  std::unordered_set<std::string> names;
  for (const auto& c : schema.columns) {
    for (const std::string& n : {c.key, c.label_vi, c.label_en}) names.insert(fold(n));
    for (const auto& a : c.aliases) names.insert(fold(a));
    if (auto it = mapping.find(c.key); it != mapping.end()) names.insert(fold(it->second));
  }
  names.erase("");
  return names;
}

std::size_t matches(const Row& row, const std::unordered_set<std::string>& names) {
  std::size_t n = 0;
  for (const auto& cell : row.cells)
    if (!cell.empty() && cell.size() < 80 && names.count(fold(cell))) ++n;
  return n;
}

bool blank(const Row& row) {
  for (const auto& c : row.cells)
    if (c.find_first_not_of(" \t\r\n") != std::string::npos) return false;
  return true;
}

// One section of the file: the rows read ahead (titles and the header), then the source's rows until the header
// of the other section, which is kept for it.
class Section final : public RowSource {
 public:
  Section(RowSource& inner, std::deque<Row> ahead, std::function<bool(const Row&)> is_other_header)
      : inner_(inner), ahead_(std::move(ahead)), is_other_header_(std::move(is_other_header)) {}
  Result<bool> next(Row& row) override {
    if (!ahead_.empty()) {
      row = std::move(ahead_.front());
      ahead_.pop_front();
      return true;
    }
    if (done_) return false;
    auto more = inner_.next(row);
    if (!more) return std::move(more).error();
    if (!*more) {
      done_ = true;
      return false;
    }
    if (is_other_header_(row)) {
      next_header_ = row;
      done_ = true;
      return false;
    }
    return true;
  }
  std::optional<Row>& next_header() { return next_header_; }

 private:
  RowSource& inner_;
  std::deque<Row> ahead_;
  std::function<bool(const Row&)> is_other_header_;
  bool done_ = false;
  std::optional<Row> next_header_;
};

// A reading failure as problems: one per place the error names ("line 12"), else one at row 0.
void add_read_error(Roster& roster, const Error& error) {
  const bool encoding = error.message.find("UTF") != std::string::npos;
  auto split = [](const std::string& s) {
    auto slash = s.find(" / ");
    if (slash == std::string::npos) return std::pair<std::string, std::string>{s, s};
    return std::pair<std::string, std::string>{s.substr(0, slash), s.substr(slash + 3)};
  };
  auto [vi, en] = split(error.message);
  if (error.details.empty()) {
    roster.problems.push_back({0, "", encoding ? "encoding" : "file", vi, en});
    return;
  }
  bool first = true;
  for (const auto& d : error.details) {
    std::size_t row = 0;
    if (d.path.starts_with("line ")) row = std::strtoull(d.path.c_str() + 5, nullptr, 10);
    auto [dvi, den] = split(d.problem);
    // The first place carries the whole message (the likely encoding and what to do); the others say what is
    // wrong there.
    roster.problems.push_back(
        {row, "", encoding ? "encoding" : "file", first ? vi + " — " + dvi : dvi, first ? en + " — " + den : den});
    first = false;
  }
}

void too_long(Roster& roster, std::size_t row, const std::string& column, const std::string& value, std::size_t max) {
  // Code points, as the service's limits count them.
  std::size_t n = 0;
  for (unsigned char c : value) n += (c & 0xC0) != 0x80;
  if (n <= max) return;
  roster.problems.push_back({row, column, "too_long", fmt::format("dài {} ký tự, tối đa {}", n, max),
                             fmt::format("{} characters long, at most {}", n, max)});
}

}  // namespace

const Schema& member_schema() {
  static const Schema schema{{
      {.key = "card_number",
       .label_vi = "Số thẻ đảng viên",
       .label_en = "Party card number",
       .aliases = {"Số thẻ", "Số thẻ Đảng", "Số thẻ ĐV", "So the DV", "card"},
       .type = ColumnType::pattern,
       .unique = true,
       .pattern = "[0-9]{8,12}",
       .pattern_hint_vi = "8 đến 12 chữ số",
       .pattern_hint_en = "8 to 12 digits"},
      {.key = "full_name",
       .label_vi = "Họ và tên",
       .label_en = "Full name",
       .aliases = {"Họ tên", "Họ và tên đảng viên", "Tên đảng viên", "name"},
       .required = true},
      {.key = "gender",
       .label_vi = "Giới tính",
       .label_en = "Gender",
       .aliases = {"Nam/Nữ"},
       .type = ColumnType::enumeration,
       .values = {"Nam", "Nữ", "male", "female"}},
      {.key = "birth_date",
       .label_vi = "Ngày sinh",
       .label_en = "Date of birth",
       .aliases = {"Ngày tháng năm sinh", "Sinh ngày"},
       .type = ColumnType::date},
      {.key = "admitted_on",
       .label_vi = "Ngày vào Đảng",
       .label_en = "Admission date",
       .aliases = {"Ngày kết nạp", "Ngày kết nạp Đảng"},
       .type = ColumnType::date},
      {.key = "official_on",
       .label_vi = "Ngày chính thức",
       .label_en = "Official date",
       .aliases = {"Ngày công nhận chính thức", "Ngày chuyển chính thức"},
       .type = ColumnType::date},
      {.key = "cell",
       .label_vi = "Mã chi bộ",
       .label_en = "Cell code",
       .aliases = {"Chi bộ", "Chi bộ sinh hoạt", "Mã chi bộ sinh hoạt", "cell_code"},
       .required = true},
      {.key = "status",
       .label_vi = "Trạng thái",
       .label_en = "Status",
       .aliases = {"Tình trạng", "Loại đảng viên"},
       .type = ColumnType::enumeration,
       .values = {"Chính thức", "Dự bị", "Miễn sinh hoạt", "Đình chỉ sinh hoạt", "active", "probationary", "exempt",
                  "suspended"}},
      {.key = "residence",
       .label_vi = "Nơi cư trú",
       .label_en = "Place of residence",
       .aliases = {"Nơi ở hiện nay", "Nơi thường trú", "Địa chỉ thường trú"}},
      {.key = "civil_servant",
       .label_vi = "Cán bộ, công chức, viên chức",
       .label_en = "Civil servant",
       .aliases = {"CBCCVC", "Là công chức", "Công chức, viên chức"},
       .type = ColumnType::enumeration,
       .values = {"x", "Có", "Không", "1", "0", "true", "false"}},
      {.key = "joined_on",
       .label_vi = "Ngày sinh hoạt tại chi bộ",
       .label_en = "Active in the cell since",
       .aliases = {"Ngày chuyển đến chi bộ", "Sinh hoạt từ ngày"},
       .type = ColumnType::date},
  }};
  return schema;
}

const Schema& unit_schema() {
  static const Schema schema{{
      {.key = "unit_code",
       .label_vi = "Mã đơn vị",
       .label_en = "Unit code",
       .aliases = {"Mã tổ chức đảng", "Mã tổ chức", "Mã TCĐ"},
       .required = true,
       .unique = true},
      {.key = "unit_name",
       .label_vi = "Tên đơn vị",
       .label_en = "Unit name",
       .aliases = {"Tên tổ chức đảng", "Tên tổ chức", "Tên TCĐ"},
       .required = true},
      {.key = "unit_kind",
       .label_vi = "Loại đơn vị",
       .label_en = "Unit kind",
       .aliases = {"Loại hình tổ chức", "Loại tổ chức đảng"},
       .type = ColumnType::enumeration,
       .required = true,
       .values = kind_values()},
      {.key = "parent_code",
       .label_vi = "Mã đơn vị cấp trên",
       .label_en = "Parent unit code",
       .aliases = {"Mã cấp trên", "Mã tổ chức cấp trên", "Trực thuộc"}},
      {.key = "established_on",
       .label_vi = "Ngày thành lập",
       .label_en = "Established on",
       .aliases = {"Thành lập ngày"},
       .type = ColumnType::date},
  }};
  return schema;
}

Result<Mapping> parse_mapping(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error::invalid(
        "Tệp ánh xạ cột phải là một đối tượng JSON {\"tiêu đề\": \"trường\"} / the column mapping must be a JSON "
        "object {\"header\": \"field\"}");
  std::set<std::string> keys;
  for (const Schema* s : {&member_schema(), &unit_schema()})
    for (const auto& c : s->columns) keys.insert(c.key);
  std::string known;
  for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
  Mapping mapping;
  std::vector<ErrorDetail> details;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string path = "mapping[\"" + it.key() + "\"]";
    if (!it.value().is_string()) {
      details.push_back({path, "phải là tên trường (chuỗi) / must be a field name (a string)"});
      continue;
    }
    const auto field = it.value().get<std::string>();
    if (!keys.count(field)) {
      details.push_back({path, fmt::format("không có trường \"{}\" (có: {}) / no field \"{}\" (fields: {})", field,
                                           known, field, known)});
      continue;
    }
    if (mapping.count(field)) {
      details.push_back({path, fmt::format("trường {} đã được gán cho \"{}\" / field {} is already mapped to \"{}\"",
                                           field, mapping[field], field, mapping[field])});
      continue;
    }
    mapping[field] = it.key();
  }
  if (!details.empty()) return Error::invalid("Ánh xạ cột không hợp lệ / invalid column mapping", std::move(details));
  return mapping;
}

Roster read_roster(RowSource& source, const Mapping& mapping) {
  Roster roster;
  const Schema& members = member_schema();
  const Schema& units = unit_schema();
  const auto member_names = header_names(members, mapping);
  const auto unit_names = header_names(units, mapping);
  Options options;
  for (const Schema* s : {&members, &units})
    for (const auto& c : s->columns)
      if (auto it = mapping.find(c.key); it != mapping.end()) options.mapping[c.key] = it->second;
  auto options_for = [&](const Schema& schema) {
    Options o;
    o.header_search_rows = options.header_search_rows;
    for (const auto& c : schema.columns)
      if (auto it = options.mapping.find(c.key); it != options.mapping.end()) o.mapping[c.key] = it->second;
    return o;
  };

  // The first header among the leading rows decides which section comes first.
  std::deque<Row> ahead;
  Row row;
  const Schema* first = nullptr;
  while (ahead.size() < options.header_search_rows) {
    auto more = source.next(row);
    if (!more) {
      add_read_error(roster, more.error());
      return roster;
    }
    if (!*more) break;
    if (blank(row)) continue;
    ahead.push_back(row);
    const auto m = matches(row, member_names), u = matches(row, unit_names);
    if (m > 0 || u > 0) {
      first = u > m ? &units : &members;
      break;
    }
  }
  if (first == nullptr) first = &members;  // no header: report the member columns missing

  auto on_member = [&](const ValidatedRow& r) {
    MemberRecord m;
    m.row = r.row;
    m.card_number = r.values[m_card];
    m.full_name = r.values[m_name];
    const auto& g = r.values[m_gender];
    m.gender = g.empty() ? "" : (g == "Nam" || g == "male") ? "male" : "female";
    m.birth_date = r.values[m_birth];
    m.admitted_on = r.values[m_admitted];
    m.official_on = r.values[m_official];
    m.cell = r.values[m_cell];
    for (const auto& [status, label] : kStatusLabels)
      if (r.values[m_status] == label || r.values[m_status] == status) m.status = status;
    m.residence = r.values[m_residence];
    const auto& c = r.values[m_civil];
    m.civil_servant = c == "x" || c == "Có" || c == "1" || c == "true";
    m.joined_on = r.values[m_joined];
    too_long(roster, m.row, "full_name", m.full_name, 120);
    too_long(roster, m.row, "residence", m.residence, 300);
    too_long(roster, m.row, "cell", m.cell, 200);
    roster.members.push_back(std::move(m));
  };
  auto on_unit = [&](const ValidatedRow& r) {
    UnitRecord u;
    u.row = r.row;
    u.code = r.values[u_code];
    u.name = r.values[u_name];
    u.kind = kind_by_key().at(text::search_key(r.values[u_kind]));
    u.parent_code = r.values[u_parent];
    u.established_on = r.values[u_established];
    too_long(roster, u.row, "unit_code", u.code, 64);
    too_long(roster, u.row, "unit_name", u.name, 200);
    too_long(roster, u.row, "parent_code", u.parent_code, 64);
    roster.units.push_back(std::move(u));
  };

  const Schema* current = first;
  std::size_t sections = 0;
  while (current != nullptr && sections < 2) {
    ++sections;
    const bool is_members = current == &members;
    const auto& own = is_members ? member_names : unit_names;
    const auto& other = is_members ? unit_names : member_names;
    const bool other_done = is_members ? roster.has_units_section : roster.has_members_section;
    // A row is the other section's header when it names at least two of its columns, more than of this one.
    Section section(source, std::move(ahead), [&](const Row& r) {
      if (other_done) return false;
      const auto o = matches(r, other);
      return o >= 2 && o > matches(r, own);
    });
    ahead.clear();
    (is_members ? roster.has_members_section : roster.has_units_section) = true;
    const std::size_t members_before = roster.members.size(), units_before = roster.units.size();
    auto report = check(section, *current, options_for(*current),
                        is_members ? std::function<void(const ValidatedRow&)>(on_member)
                                   : std::function<void(const ValidatedRow&)>(on_unit));
    if (!report) {
      // The file cannot be read to its end: what was read is incomplete, so only the reading problem is reported
      // (a cell or a card checked against the store would be noise beside it).
      add_read_error(roster, report.error());
      roster.members.clear();
      roster.units.clear();
      break;
    }
    roster.rows += report->rows;
    // Without a required column every row of the section is incomplete: its rows are not checked further (the
    // missing column is the one problem to fix), so a cell or card cannot be reported on each of them.
    const bool incomplete = std::any_of(report->problems.begin(), report->problems.end(), [](const Problem& p) {
      return p.code == "missing_column" || p.code == "unmapped_header";
    });
    if (incomplete) {
      roster.members.resize(members_before);
      roster.units.resize(units_before);
    }
    for (auto& p : report->problems) {
      if (p.column == "unit_kind" && p.code == "invalid_value") p.code = "unknown_kind";
      roster.problems.push_back(std::move(p));
    }
    for (auto& h : report->ignored_headers) roster.ignored_headers.push_back(std::move(h));
    if (section.next_header()) {
      ahead.push_back(std::move(*section.next_header()));
      current = is_members ? &units : &members;
    } else {
      current = nullptr;
    }
  }
  std::stable_sort(roster.problems.begin(), roster.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  return roster;
}

bool looks_like_xlsx(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<std::unique_ptr<RowSource>> open_roster_file(const std::filesystem::path& path) {
  char magic[4] = {};
  {
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return Error::invalid(
          fmt::format("không mở được tệp {} / cannot open the file {}", path.string(), path.string()));
    in.read(magic, 4);
  }
  if (looks_like_xlsx(std::string_view(magic, 4))) {
    auto r = XlsxReader::open(path);
    if (!r) return std::move(r).error();
    return std::unique_ptr<RowSource>(std::move(*r));
  }
  auto r = CsvReader::open(path);
  if (!r) return std::move(r).error();
  return std::unique_ptr<RowSource>(std::move(*r));
}

Result<std::unique_ptr<RowSource>> open_roster_bytes(std::string bytes, const std::string& name) {
  if (!looks_like_xlsx(bytes)) {
    auto r = CsvReader::from_string(std::move(bytes), name);
    if (!r) return std::move(r).error();
    return std::unique_ptr<RowSource>(std::move(*r));
  }
  // minizip reads files: the upload goes to a private temporary file, unlinked as soon as the reader has it open.
  std::string tmpl = (std::filesystem::temp_directory_path() / "xeploai-roster-XXXXXX").string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return Error::internal("cannot create a temporary file for the upload");
  std::size_t written = 0;
  while (written < bytes.size()) {
    auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (written != bytes.size()) {
    std::filesystem::remove(tmpl);
    return Error::internal("cannot write the upload to a temporary file");
  }
  auto r = XlsxReader::open(tmpl);
  std::error_code ec;
  std::filesystem::remove(tmpl, ec);
  if (!r) return std::move(r).error();
  return std::unique_ptr<RowSource>(std::move(*r));
}

Roster read_roster_file(const std::filesystem::path& path, const Mapping& mapping) {
  auto source = open_roster_file(path);
  if (!source) {
    Roster r;
    add_read_error(r, source.error());
    return r;
  }
  return read_roster(**source, mapping);
}

Roster read_roster_bytes(std::string bytes, const std::string& name, const Mapping& mapping) {
  auto source = open_roster_bytes(std::move(bytes), name);
  if (!source) {
    Roster r;
    add_read_error(r, source.error());
    return r;
  }
  return read_roster(**source, mapping);
}

std::vector<std::string> member_header() {
  std::vector<std::string> h;
  for (const auto& c : member_schema().columns) h.push_back(c.label_vi);
  return h;
}

std::vector<std::string> member_cells(const MemberRecord& m) {
  return {m.card_number,
          m.full_name,
          m.gender == "male"     ? "Nam"
          : m.gender == "female" ? "Nữ"
                                 : "",
          dmy(m.birth_date),
          dmy(m.admitted_on),
          dmy(m.official_on),
          m.cell,
          std::string(status_label(m.status)),
          m.residence,
          m.civil_servant ? "x" : "",
          dmy(m.joined_on)};
}

std::vector<std::string> unit_header() {
  std::vector<std::string> h;
  for (const auto& c : unit_schema().columns) h.push_back(c.label_vi);
  return h;
}

std::vector<std::string> unit_cells(const UnitRecord& u) {
  return {u.code, u.name, std::string(kind_label(u.kind)), u.parent_code, dmy(u.established_on)};
}

}  // namespace xeploai::importer::roster
