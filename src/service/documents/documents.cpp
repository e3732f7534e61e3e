#include "service/documents/documents.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/grade.hpp"
#include "service/review/decisions.hpp"
#include "service/review/meetings.hpp"
#include "service/review/review.hpp"
#include "text/text.hpp"

namespace xeploai::service::docs {

namespace doc = ::xeploai::documents;
using doc::Align;
using doc::Paragraph;
using doc::Table;

namespace {

#define XEPLOAI_DOCS_TRY(var, expr)                        \
  auto var##_result = (expr);                              \
  if (!var##_result) return std::move(var##_result).error(); \
  const Json& var = *var##_result

struct UnitNames {
  std::string name, kind;
  std::optional<std::string> parent_name, parent_kind;
  std::optional<std::int64_t> parent_id;
};

UnitNames unit_names(store::Transaction& tx, std::int64_t id) {
  UnitNames u;
  if (auto r = tx.query_one(
          "SELECT u.name, u.kind, p.name, p.kind, p.id FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE "
          "u.id = $1",
          store::params(id))) {
    u.name = r->get_text(0);
    u.kind = r->get_text(1);
    u.parent_name = r->get_optional_text(2);
    u.parent_kind = r->get_optional_text(3);
    u.parent_id = r->get_optional_int(4);
  }
  return u;
}

bool is_cell_kind(const std::string& kind) { return kind == "cell" || kind == "grassroots_cell"; }

// The holder of the unit's head post today (the secretary of a cell, of a committee), or empty.
std::string head_of(store::Transaction& tx, std::int64_t unit_id) {
  auto r = tx.query_one(
      "SELECT p.full_name FROM posts s JOIN people p ON p.id = s.person_id WHERE s.unit_id = $1 AND s.is_head = 1 "
      "AND s.collective_id IS NULL AND s.valid_to IS NULL ORDER BY s.valid_from DESC, s.id DESC",
      store::params(unit_id));
  if (!r) {
    r = tx.query_one(
        "SELECT p.full_name FROM posts s JOIN people p ON p.id = s.person_id WHERE s.unit_id = $1 AND s.is_head = 1 "
        "AND s.valid_to IS NULL ORDER BY s.valid_from DESC, s.id DESC",
        store::params(unit_id));
  }
  return r ? r->get_text(0) : std::string();
}

struct Ymd {
  int year = 0, month = 0, day = 0;
};
Ymd ymd_of_iso(const std::string& iso) {
  Ymd d;
  if (iso.size() >= 10 && domain::parse_iso_date(iso.substr(0, 10))) {
    d.year = std::stoi(iso.substr(0, 4));
    d.month = std::stoi(iso.substr(5, 2));
    d.day = std::stoi(iso.substr(8, 2));
  }
  return d;
}
// A stored instant (ms since the epoch, UTC) as the date and time in Vietnam (UTC+7, no daylight saving), where
// the documents are signed.
std::string vn_iso(std::int64_t ms) {
  const std::int64_t local = ms + 7LL * 3600 * 1000;
  return domain::format_iso(static_cast<domain::Days>(local / 86'400'000));
}
std::string vn_time(std::int64_t ms) {
  const std::int64_t minutes = ((ms + 7LL * 3600 * 1000) / 60'000) % (24 * 60);
  return fmt::format("{:02} giờ {:02}", minutes / 60, minutes % 60);
}

std::string grade_vi(const Json& code) {
  if (!code.is_string()) return "";
  auto g = domain::parse_grade(code.get<std::string>());
  return g ? std::string(domain::name_vi(*g)) : code.get<std::string>();
}

std::string period_vi(const Json& review) {
  const int year = review.value("year", 0), quarter = review.value("quarter", 0);
  return quarter > 0 ? fmt::format("quý {} năm {}", quarter, year) : fmt::format("năm {}", year);
}

// "76,5", "30": Vietnamese documents write a decimal comma.
std::string points(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  return s;
}

const char* roman(std::size_t i) {
  static const char* const numerals[] = {"I",  "II",  "III", "IV", "V",   "VI",  "VII",
                                         "VIII", "IX", "X",   "XI", "XII", "XIII", "XIV"};
  return i < std::size(numerals) ? numerals[i] : "";
}

Paragraph heading_line(std::string text, Align align = Align::left) {
  return Paragraph{.text = std::move(text), .align = align, .bold = true, .first_line_indent = false};
}
Paragraph plain_line(std::string text) {
  return Paragraph{.text = std::move(text), .align = Align::left, .first_line_indent = false};
}
// A section's text as typed: one paragraph per line, blank lines dropped.
void add_text(std::vector<doc::Block>& body, const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) body.push_back(Paragraph{.text = line});
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

const std::map<std::string, std::string>& criterion_names() {
  static const std::map<std::string, std::string> names = {
      {"political_ideology", "Tư tưởng chính trị"},
      {"ethics_lifestyle", "Phẩm chất đạo đức, lối sống"},
      {"discipline", "Ý thức tổ chức kỷ luật"},
      {"style", "Tác phong, lề lối làm việc"},
      {"duties", "Kết quả thực hiện chức trách, nhiệm vụ được giao"},
      {"remedy", "Việc khắc phục hạn chế, khuyết điểm đã được chỉ ra"},
      {"solidarity", "Đoàn kết nội bộ"},
      {"example", "Trách nhiệm nêu gương"},
      {"leadership_results", "Kết quả lãnh đạo, chỉ đạo"},
      {"building", "Công tác xây dựng Đảng"},
      {"tasks", "Kết quả thực hiện nhiệm vụ chính trị"},
  };
  return names;
}
std::string rating_vi(const std::string& code) {
  if (code == "xuat_sac") return "Xuất sắc";
  if (code == "tot") return "Tốt";
  if (code == "trung_binh") return "Trung bình";
  if (code == "kem") return "Kém";
  return code;
}
std::string task_status_vi(const Json& t) {
  const std::string s = t.value("status", "");
  std::string out = s == "completed_on_time" ? "Hoàn thành đúng tiến độ"
                    : s == "completed_late"  ? "Hoàn thành chậm tiến độ"
                    : s == "not_completed"   ? "Không hoàn thành"
                                             : "Đang thực hiện";
  if (t.value("exceeded", false)) out += ", vượt mức";
  if (t.value("key", false)) out += " (chỉ tiêu chủ yếu)";
  return out;
}
std::string evidence_vi(const Json& evidence) {
  std::string out;
  for (const auto& e : evidence) {
    if (!e.is_string()) continue;
    std::string v = e.get<std::string>();
    if (v.starts_with("file:")) v = "Tệp đính kèm số " + v.substr(5);
    if (!out.empty()) out += "\n";
    out += v;
  }
  return out;
}

// The signer's stored text "Nguyễn Văn Thắng, Bí thư": the name, and the position printed upper case above it.
doc::Signature signer_of(const std::string& signer, const std::string& authority) {
  doc::Signature s{.authority = authority};
  if (auto comma = signer.find(','); comma != std::string::npos) {
    s.name = signer.substr(0, comma);
    std::string position = signer.substr(comma + 1);
    position.erase(0, position.find_first_not_of(' '));
    s.position = upper_vi(position);
  } else {
    s.name = signer;
  }
  return s;
}

// "T/M BAN THƯỜNG VỤ" / "T/M ĐẢNG ỦY" / "T/M CHI BỘ": in whose name the deciding organ signs.
std::string authority_of(const std::string& organ, const UnitNames& unit) {
  if (organ == "standing_committee") return "T/M BAN THƯỜNG VỤ";
  if (organ == "politburo") return "T/M BỘ CHÍNH TRỊ";
  if (is_cell_kind(unit.kind)) return "T/M CHI BỘ";
  const std::string committee = committee_name(unit.name);
  // "Huyện ủy", "Tỉnh ủy", "Thành ủy" sign as the committee ("T/M HUYỆN ỦY"); a commune committee "T/M ĐẢNG ỦY".
  if (committee.starts_with("Đảng ủy")) return "T/M ĐẢNG ỦY";
  const auto space = committee.find(' ', committee.find(' ') + 1);
  return "T/M " + upper_vi(committee.substr(0, space));
}

// The heading of a document issued by `unit` (its parent above it).
doc::Heading heading_for(const UnitNames& unit, bool as_committee, const Ymd& date) {
  doc::Heading h;
  if (unit.parent_name) h.parent_organization = upper_vi(*unit.parent_name);
  h.issuer = upper_vi(as_committee && !is_cell_kind(unit.kind) ? committee_name(unit.name) : unit.name);
  // A cell writes from its commune: the place is the commune's (or the parent's) name.
  h.place = place_name(is_cell_kind(unit.kind) && unit.parent_name ? *unit.parent_name : unit.name);
  h.year = date.year;
  h.month = date.month;
  h.day = date.day;
  return h;
}

std::string ascii_stem(const std::string& stem) {
  std::string key = text::search_key(stem), out;
  for (char c : key) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "van-ban" : out;
}

Built built(doc::Document d, std::string stem) {
  Built b{std::move(d), stem, ascii_stem(stem)};
  return b;
}

// The grade the competent level published for the subject: the latest published decision naming it.
std::optional<Json> published_decision(const Json& review) {
  std::optional<Json> out;
  for (const auto& d : review.value("decisions", Json::array()))
    if (!d["published_at"].is_null()) out = d;
  return out;
}

// ---- the statement ----------------------------------------------------------------------------------------------

struct SubjectFacts {
  std::string kind, place;
  std::optional<std::string> post_title;
  std::optional<std::int64_t> person_id;
  std::string full_name, birth_date;
  std::vector<std::string> posts;  // the person's current posts
};

SubjectFacts subject_facts(store::Transaction& tx, std::int64_t subject_id) {
  SubjectFacts f;
  auto r = tx.query_one(
      "SELECT s.kind, s.place, s.post_title, s.person_id, p.full_name, p.birth_date FROM review_subjects s LEFT JOIN "
      "people p ON p.id = s.person_id WHERE s.id = $1",
      store::params(subject_id));
  if (!r) return f;
  f.kind = r->get_text(0);
  f.place = r->get_text(1);
  f.post_title = r->get_optional_text(2);
  f.person_id = r->get_optional_int(3);
  f.full_name = r->get_optional_text(4).value_or("");
  f.birth_date = r->get_optional_text(5).value_or("");
  if (f.person_id)
    for (auto& p : tx.query("SELECT title FROM posts WHERE person_id = $1 AND valid_to IS NULL ORDER BY is_head DESC, "
                            "id",
                            store::params(*f.person_id)))
      f.posts.push_back(p.get_text(0));
  return f;
}

void add_score_table(std::vector<doc::Block>& body, const Json& statement) {
  const Json& form = statement["form"];
  if (form.value("points", false)) {
    Table t{.header = {"Nội dung", "Điểm tối đa", "Điểm tự chấm"},
            .widths = {4.6, 1.6, 1.8},
            .align = {Align::left, Align::center, Align::center}};
    double max = 0, total = 0;
    for (const auto& g : form["score_groups"]) {
      const std::string key = g["key"].get<std::string>();
      const double m = g["max"].get<double>();
      const bool given = statement["scores"].contains(key);
      const double v = given ? statement["scores"][key].get<double>() : 0;
      max += m;
      total += v;
      t.rows.push_back({g["title_vi"].get<std::string>(), points(m), given ? points(v) : ""});
    }
    t.rows.push_back({"Tổng cộng", points(max), points(total)});
    body.push_back(heading_line("I. Tự chấm điểm"));
    body.push_back(std::move(t));
    return;
  }
  Table t{.header = {"Tiêu chí", "Mức tự đánh giá"}, .widths = {5.2, 2.2}, .align = {Align::left, Align::center}};
  for (const auto& c : form["criteria"]) {
    const std::string code = c.get<std::string>();
    auto name = criterion_names().find(code);
    const Json& ratings = statement["ratings"];
    t.rows.push_back({name == criterion_names().end() ? code : name->second,
                      ratings.contains(code) ? rating_vi(ratings[code].get<std::string>()) : ""});
  }
  body.push_back(heading_line("I. Tự đánh giá theo tiêu chí"));
  body.push_back(std::move(t));
}

}  // namespace

std::string upper_vi(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

std::string committee_name(const std::string& unit_name) {
  static const std::pair<std::string_view, std::string_view> kCommittees[] = {
      {"Đảng bộ tỉnh ", "Tỉnh ủy "},       {"Đảng bộ thành phố ", "Thành ủy "}, {"Đảng bộ huyện ", "Huyện ủy "},
      {"Đảng bộ thị xã ", "Thị ủy "},      {"Đảng bộ quận ", "Quận ủy "},       {"Đảng bộ ", "Đảng ủy "},
      {"Chi bộ ", "Chi bộ "},
  };
  for (const auto& [prefix, committee] : kCommittees)
    if (unit_name.starts_with(prefix)) return std::string(committee) + unit_name.substr(prefix.size());
  return unit_name;
}

std::string place_name(const std::string& unit_name) {
  static const std::string_view kPrefixes[] = {"Đảng bộ ", "Chi bộ ", "Đảng ủy "};
  static const std::string_view kLevels[] = {"tỉnh ",     "thành phố ", "huyện ", "thị xã ", "quận ", "xã ",
                                             "phường ",   "thị trấn ",  "thôn ",  "bản ",    "ấp ",   "khu phố ",
                                             "tổ dân phố ", "khối "};
  std::string rest = unit_name;
  for (auto p : kPrefixes)
    if (rest.starts_with(p)) {
      rest = rest.substr(p.size());
      break;
    }
  for (auto l : kLevels)
    if (rest.starts_with(l)) {
      rest = rest.substr(l.size());
      break;
    }
  return rest;
}

Result<Built> statement_document(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  XEPLOAI_DOCS_TRY(statement, review::get_statement(tx, call, subject_id));
  XEPLOAI_DOCS_TRY(review, review::get_review(tx, call, subject_id));
  if (statement.value("status", "") != "submitted")
    return Error::not_found(
        fmt::format("Bản kiểm điểm {} chưa được nộp nên chưa có văn bản để in / The statement of review {} has not "
                    "been submitted, so there is no document to print yet",
                    subject_id, subject_id));
  const SubjectFacts facts = subject_facts(tx, subject_id);
  const UnitNames unit = unit_names(tx, review["unit_id"].get<std::int64_t>());
  const bool collective = facts.kind != "member";
  const std::string name = review.value("name", "");
  const std::string period = period_vi(review);
  const Json& form = statement["form"];
  const std::string code = form["code"].get<std::string>();

  doc::Document d;
  d.form = "Mẫu " + code;
  Ymd date;
  if (statement["submitted_at"].is_number_integer()) date = ymd_of_iso(vn_iso(statement["submitted_at"].get<std::int64_t>()));
  d.heading = heading_for(unit, false, date);
  // A member's statement has no number (the form prints none); a collective's report is numbered by its office.
  d.heading.numbered = collective;
  std::vector<doc::Block>& body = d.body;
  if (collective) {
    d.kind = "BÁO CÁO";
    d.summary = fmt::format("kiểm điểm, đánh giá, xếp loại chất lượng {} của {}", period, name);
  } else {
    d.kind = "BẢN KIỂM ĐIỂM CÁ NHÂN";
    d.summary = fmt::format("Kiểm điểm, đánh giá, xếp loại chất lượng {}", period);
    body.push_back(plain_line("Họ và tên: " + facts.full_name));
    if (!facts.birth_date.empty()) body.push_back(plain_line("Ngày sinh: " + domain::iso_to_dmy(facts.birth_date)));
    std::string posts;
    if (facts.place == "post" && facts.post_title) posts = *facts.post_title;
    for (const auto& p : facts.posts)
      if (facts.place != "post") posts += (posts.empty() ? "" : "; ") + p;
    body.push_back(plain_line("Chức vụ: " + (posts.empty() ? std::string("Đảng viên") : posts)));
    body.push_back(plain_line((facts.place == "post" ? "Kiểm điểm tại: " : "Sinh hoạt tại: ") + unit.name));
  }

  body.push_back(heading_line("A. NỘI DUNG KIỂM ĐIỂM"));
  std::size_t n = 0;
  for (const auto& s : form["sections"]) {
    const std::string key = s["key"].get<std::string>();
    const std::string text = statement["sections"].value(key, "");
    if (text.empty() && !s.value("required", true)) continue;
    body.push_back(heading_line(fmt::format("{}. {}", roman(n++), s["title_vi"].get<std::string>())));
    add_text(body, text);
  }
  const Json& limitations = statement["limitations"];
  if (limitations.contains("identified") || limitations.contains("remedied"))
    body.push_back(Paragraph{.text = fmt::format("Số hạn chế, khuyết điểm đã được chỉ ra: {}; đã khắc phục: {}.",
                                                 limitations.value("identified", 0), limitations.value("remedied", 0))});

  body.push_back(heading_line("B. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"));
  add_score_table(body, statement);
  body.push_back(heading_line("II. Tự xếp loại chất lượng"));
  body.push_back(Paragraph{.text = "Tự xếp loại: " + (statement["proposed"].is_string() ? grade_vi(statement["proposed"])
                                                                                       : std::string("……"))});
  if (!statement["tasks"].empty()) {
    body.push_back(heading_line("Kết quả thực hiện nhiệm vụ theo sản phẩm"));
    Table t{.header = {"STT", "Nhiệm vụ", "Kết quả", "Sản phẩm"},
            .widths = {0.6, 3.0, 2.2, 2.6},
            .align = {Align::center, Align::left, Align::left, Align::left}};
    for (const auto& task : statement["tasks"])
      t.rows.push_back({std::to_string(t.rows.size() + 1), task.value("title", ""), task_status_vi(task),
                        evidence_vi(task.value("evidence", Json::array()))});
    body.push_back(std::move(t));
  }

  // What the cell's meeting and the competent level made of it, once they have (the form's closing part).
  const auto decision = published_decision(review);
  if (!review["meeting_grade"].is_null() || decision) {
    body.push_back(heading_line(collective ? "PHẦN ĐÁNH GIÁ, XẾP LOẠI CỦA CẤP CÓ THẨM QUYỀN"
                                           : "PHẦN ĐÁNH GIÁ, XẾP LOẠI CỦA CHI BỘ / CẤP CÓ THẨM QUYỀN",
                                Align::center));
    if (!review["meeting_grade"].is_null())
      body.push_back(Paragraph{.text = fmt::format("{} đánh giá, đề nghị xếp loại: {}.",
                                                   collective ? "Hội nghị kiểm điểm" : "Chi bộ",
                                                   grade_vi(review["meeting_grade"]))});
    if (decision)
      body.push_back(Paragraph{.text = fmt::format("{} quyết định xếp loại: {} (Quyết định số {} ngày {}).",
                                                   (*decision)["unit_name"].get<std::string>(),
                                                   (*decision)["grade"].is_null() ? std::string("không xếp loại")
                                                                                  : grade_vi((*decision)["grade"]),
                                                   (*decision)["number"].get<std::string>(),
                                                   domain::iso_to_dmy((*decision)["date"].get<std::string>()))});
  }

  if (collective) {
    d.signature = {.authority = is_cell_kind(unit.kind) ? "T/M CHI BỘ" : authority_of("committee", unit),
                   .position = "BÍ THƯ",
                   .name = head_of(tx, review["unit_id"].get<std::int64_t>())};
    if (unit.parent_name) d.recipients.push_back("- " + committee_name(*unit.parent_name) + " (để báo cáo),");
    d.recipients.push_back(is_cell_kind(unit.kind) ? "- Lưu chi bộ." : "- Lưu Văn phòng cấp ủy.");
  } else {
    d.signature = {.authority = "NGƯỜI TỰ KIỂM ĐIỂM", .position = "", .name = facts.full_name};
  }
  const std::string year = std::to_string(review.value("year", 0));
  return built(std::move(d), collective ? fmt::format("Báo cáo kiểm điểm - {} - {}", name, year)
                                        : fmt::format("Bản kiểm điểm - {} - {}", name, year));
}

// ---- the minutes ------------------------------------------------------------------------------------------------

namespace {

// The text workflow::minutes froze at the close, read back line by line: the header lines, then per subject its
// lines, with the vote counts gathered into a table. A line this reader does not know stays as a paragraph, so a
// later change of the minutes' wording loses nothing.
struct ParsedMinutes {
  std::vector<std::string> header;
  std::string chair, secretary;
  struct Subject {
    std::string name;
    std::vector<std::string> before;                          // self-grade, comments, received comments, method
    std::vector<std::pair<std::string, std::string>> votes;   // grade name, count
    std::vector<std::string> after;                           // the result
  };
  std::vector<Subject> subjects;
};

bool is_vote_label(const std::string& label) {
  if (label == "Không chọn") return true;
  for (int g = 0; g < 4; ++g)
    if (label == domain::name_vi(static_cast<domain::Grade>(g))) return true;
  return false;
}

ParsedMinutes parse_minutes(const std::string& text) {
  ParsedMinutes m;
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? text.size() : nl + 1;
    if (first) {  // the title: the document prints its own
      first = false;
      if (line.starts_with("BIÊN BẢN")) continue;
    }
    if (line.empty()) continue;
    if (line.starts_with("Đối tượng: ")) {
      m.subjects.push_back({line.substr(std::string_view("Đối tượng: ").size()), {}, {}, {}});
      continue;
    }
    if (m.subjects.empty()) {
      static const std::string kChair = "Chủ trì: ", kSecretary = "; thư ký: ";
      if (line.starts_with(kChair)) {
        if (auto at = line.find(kSecretary); at != std::string::npos) {
          m.chair = line.substr(kChair.size(), at - kChair.size());
          m.secretary = line.substr(at + kSecretary.size());
        }
      }
      m.header.push_back(line);
      continue;
    }
    auto& s = m.subjects.back();
    std::string body = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    static const std::string kVotes = " phiếu";
    if (auto colon = body.rfind(": "); colon != std::string::npos && body.ends_with(kVotes)) {
      const std::string label = body.substr(0, colon);
      const std::string count = body.substr(colon + 2, body.size() - colon - 2 - kVotes.size());
      if (is_vote_label(label) && !count.empty() && count.find_first_not_of("0123456789") == std::string::npos) {
        s.votes.emplace_back(label, count);
        continue;
      }
    }
    (s.votes.empty() ? s.before : s.after).push_back(body);
  }
  return m;
}

}  // namespace

Result<Built> minutes_document(store::Transaction& tx, const Call& call, std::int64_t meeting_id) {
  XEPLOAI_DOCS_TRY(minutes, review::meeting_minutes(tx, call, meeting_id));
  if (!minutes.value("frozen", false))
    return Error::not_found(fmt::format(
        "Hội nghị {} chưa bế mạc nên chưa có biên bản / Meeting {} is not closed yet, so its minutes are not final",
        meeting_id, meeting_id));
  auto row = tx.query_one(
      "SELECT m.unit_id, m.meeting_date, c.year, c.quarter FROM review_meetings m JOIN review_cycles c ON c.id = m.cycle_id "
      "WHERE m.id = $1",
      store::params(meeting_id));
  if (!row) return Error::not_found(fmt::format("Không tìm thấy hội nghị {} / Meeting {} not found", meeting_id, meeting_id));
  const UnitNames unit = unit_names(tx, row->get_int(0));
  const std::string date = row->get_text(1);
  const Json period = {{"year", row->get_int(2)}, {"quarter", row->get_int(3)}};
  const ParsedMinutes m = parse_minutes(minutes["text"].get<std::string>());

  doc::Document d;
  d.heading = heading_for(unit, false, ymd_of_iso(date));
  d.heading.numbered = false;
  d.kind = "BIÊN BẢN";
  d.summary = "hội nghị kiểm điểm, đánh giá, xếp loại chất lượng " + period_vi(period);
  auto& body = d.body;
  body.push_back(heading_line("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"));
  for (const auto& line : m.header) body.push_back(plain_line(line));
  body.push_back(heading_line("II. NỘI DUNG KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI"));
  for (std::size_t i = 0; i < m.subjects.size(); ++i) {
    const auto& s = m.subjects[i];
    // The frozen text names a collective subject by its own name, which may be empty for the cell itself.
    body.push_back(heading_line(
        fmt::format("{}. {}", i + 1, s.name.empty() ? unit.name + " (tập thể chi bộ)" : s.name)));
    for (const auto& line : s.before) body.push_back(plain_line(line));
    if (!s.votes.empty()) {
      Table t{.header = {"Mức xếp loại", "Số phiếu"}, .widths = {5.0, 1.6}, .align = {Align::left, Align::center}};
      for (const auto& [label, count] : s.votes) t.rows.push_back({label, count});
      body.push_back(std::move(t));
    }
    for (const auto& line : s.after) body.push_back(Paragraph{.text = line, .bold = true, .first_line_indent = false});
  }
  if (minutes["closed_at"].is_number_integer()) {
    const auto closed = minutes["closed_at"].get<std::int64_t>();
    body.push_back(Paragraph{.text = fmt::format("Biên bản được khóa lúc {} ngày {}.", vn_time(closed),
                                                 domain::iso_to_dmy(vn_iso(closed)))});
  }
  d.left_signature = doc::Signature{.authority = "THƯ KÝ", .position = "", .name = m.secretary};
  d.signature = {.authority = "CHỦ TRÌ HỘI NGHỊ", .position = "", .name = m.chair};
  return built(std::move(d), fmt::format("Biên bản hội nghị - {} - {}", unit.name, date.substr(0, 4)));
}

// ---- the decision -----------------------------------------------------------------------------------------------

namespace {

std::string basis_of(const std::string& ruleset) {
  if (ruleset.find("366") != std::string::npos)
    return "Căn cứ Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng "
           "hằng năm đối với tập thể, cá nhân trong hệ thống chính trị và Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 "
           "của Ban Tổ chức Trung ương;";
  if (ruleset.find("124") != std::string::npos)
    return "Căn cứ Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất "
           "lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị và Hướng dẫn số 25-HD/BTCTW ngày "
           "10/11/2023 của Ban Tổ chức Trung ương;";
  return "Căn cứ Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng "
         "hằng năm đối với tập thể, cá nhân trong hệ thống chính trị;";
}

std::string cycle_ruleset(store::Transaction& tx, std::int64_t cycle_id, int& year, int& quarter) {
  auto r = tx.query_one("SELECT ruleset, year, quarter FROM review_cycles WHERE id = $1", store::params(cycle_id));
  if (!r) return "";
  year = static_cast<int>(r->get_int(1));
  quarter = static_cast<int>(r->get_int(2));
  return r->get_text(0);
}

}  // namespace

Result<Built> decision_document(store::Transaction& tx, const Call& call, std::int64_t decision_id) {
  XEPLOAI_DOCS_TRY(decision, review::get_decision(tx, call, decision_id));
  const UnitNames unit = unit_names(tx, decision["unit_id"].get<std::int64_t>());
  int year = 0, quarter = 0;
  const std::string ruleset = cycle_ruleset(tx, decision["cycle_id"].get<std::int64_t>(), year, quarter);
  const std::string period = period_vi(Json{{"year", year}, {"quarter", quarter}});
  const std::string organ = decision.value("organ", "committee");
  const std::string kind = decision.value("kind", "decision");

  bool members = false, organizations = false, regrade = false;
  for (const auto& g : decision["grades"]) {
    (g["kind"] == "member" ? members : organizations) = true;
    regrade = regrade || !g["previous_grade"].is_null();
  }
  const std::string whom = members && organizations ? "tổ chức đảng, tập thể và đảng viên"
                           : organizations          ? "tổ chức đảng, tập thể lãnh đạo, quản lý"
                                                    : "đảng viên";

  doc::Document d;
  d.heading = heading_for(unit, true, ymd_of_iso(decision["date"].get<std::string>()));
  d.heading.number = decision["number"].get<std::string>();
  d.kind = "QUYẾT ĐỊNH";
  d.summary = kind == "complaint" ? fmt::format("về việc giải quyết khiếu nại kết quả xếp loại chất lượng {}", period)
              : kind == "regrade" ? fmt::format("về việc xếp loại lại chất lượng {} {}", whom, period)
                                  : fmt::format("về việc xếp loại chất lượng {} {}", whom, period);
  auto& body = d.body;
  const std::string committee = committee_name(unit.name);
  body.push_back(heading_line(upper_vi(organ == "standing_committee" ? "Ban Thường vụ " + committee : committee),
                              Align::center));
  body.push_back(Paragraph{.text = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"});
  body.push_back(Paragraph{.text = basis_of(ruleset)});
  const std::string text = decision.value("body", "");
  if (!text.empty()) add_text(body, text);
  body.push_back(heading_line("QUYẾT ĐỊNH:", Align::center));
  const std::size_t count = decision["grades"].size();
  body.push_back(Paragraph{.text = fmt::format("Điều 1. {} chất lượng {} đối với {} {} có tên trong danh sách dưới đây.",
                                               regrade ? "Xếp loại lại" : "Xếp loại", period, count, whom)});
  std::map<std::int64_t, std::string> unit_name_of;
  Table t{.header = {"STT", "Họ và tên / Tổ chức", "Đơn vị", "Mức xếp loại"},
          .widths = {0.6, 2.6, 2.4, 2.6},
          .align = {Align::center, Align::left, Align::left, Align::left}};
  if (regrade) {
    t.header.insert(t.header.end() - 1, "Mức trước đây");
    t.widths = {0.6, 2.3, 2.0, 2.0, 2.2};
    t.align = {Align::center, Align::left, Align::left, Align::left, Align::left};
  }
  for (const auto& g : decision["grades"]) {
    const auto uid = g["unit_id"].get<std::int64_t>();
    auto it = unit_name_of.find(uid);
    if (it == unit_name_of.end()) it = unit_name_of.emplace(uid, unit_names(tx, uid).name).first;
    std::vector<std::string> row = {std::to_string(t.rows.size() + 1), g["name"].get<std::string>(), it->second};
    if (regrade) row.push_back(grade_vi(g["previous_grade"]));
    row.push_back(g["grade"].is_null() ? std::string("Không xếp loại") : grade_vi(g["grade"]));
    t.rows.push_back(std::move(row));
  }
  body.push_back(std::move(t));
  body.push_back(Paragraph{.text = "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Kết quả xếp loại được thông báo "
                                   "đến từng tổ chức, cá nhân có tên tại Điều 1 và lưu vào hồ sơ đảng viên."});
  body.push_back(Paragraph{.text = fmt::format("Điều 3. Văn phòng {}, các tổ chức đảng trực thuộc và các đồng chí có "
                                               "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                                               committee)});
  d.recipients.push_back("- Như Điều 3,");
  if (unit.parent_name) d.recipients.push_back("- " + committee_name(*unit.parent_name) + " (để báo cáo),");
  d.recipients.push_back("- Lưu Văn phòng cấp ủy.");
  d.signature = signer_of(decision.value("signer", ""), authority_of(organ, unit));
  std::string stem = fmt::format("Quyết định {} - {}", d.heading.number, committee);
  return built(std::move(d), std::move(stem));
}

// ---- the notification -------------------------------------------------------------------------------------------

Result<Built> notification_document(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  XEPLOAI_DOCS_TRY(review, review::get_review(tx, call, subject_id));
  const auto decision = published_decision(review);
  if (!decision)
    return Error::not_found(fmt::format(
        "Kết quả xếp loại của {} chưa được công bố nên chưa có thông báo / The grade of {} is not published yet, so "
        "there is no notification",
        review.value("name", ""), review.value("name", "")));
  const Json& dj = *decision;
  const UnitNames deciding = unit_names(tx, dj["unit_id"].get<std::int64_t>());
  const UnitNames reviewed_in = unit_names(tx, review["unit_id"].get<std::int64_t>());
  const std::string period = period_vi(review);
  const std::string name = review.value("name", "");
  const bool member = review.value("kind", "member") == "member";
  const std::string committee = committee_name(deciding.name);
  int complaint_days = 30;
  if (auto r = tx.query_one("SELECT complaint_days FROM review_cycles WHERE id = $1",
                            store::params(review["cycle_id"].get<std::int64_t>())))
    complaint_days = static_cast<int>(r->get_int(0));
  std::string signer, organ = "committee";
  if (auto r = tx.query_one("SELECT signer, organ FROM review_decisions WHERE id = $1",
                            store::params(dj["id"].get<std::int64_t>()))) {
    signer = r->get_text(0);
    organ = r->get_text(1);
  }

  doc::Document d;
  d.heading = heading_for(deciding, true, ymd_of_iso(vn_iso(dj["published_at"].get<std::int64_t>())));
  d.kind = "THÔNG BÁO";
  d.summary = fmt::format("kết quả xếp loại chất lượng {}", period);
  const std::string addressee = member ? "đồng chí " + name : name;
  d.body.push_back(heading_line("Kính gửi: " + (member ? "Đồng chí " + name : name), Align::center));
  d.body.push_back(Paragraph{
      .text = fmt::format("Căn cứ Quyết định số {} ngày {} của {} về việc xếp loại chất lượng {}, {} thông báo kết "
                          "quả xếp loại chất lượng {} đối với {}{}:",
                          dj["number"].get<std::string>(), domain::iso_to_dmy(dj["date"].get<std::string>()), committee, period,
                          committee, period, addressee,
                          member ? ", đảng viên " + reviewed_in.name : std::string())});
  d.body.push_back(heading_line(
      dj["grade"].is_null() ? std::string("KHÔNG XẾP LOẠI") : upper_vi(grade_vi(dj["grade"])), Align::center));
  d.body.push_back(Paragraph{
      .text = fmt::format("Trong thời hạn {} ngày kể từ ngày nhận được thông báo này, nếu không đồng ý với kết quả xếp "
                          "loại, {} có quyền khiếu nại đến cấp có thẩm quyền theo quy định.",
                          complaint_days, member ? "đồng chí" : "tổ chức")});
  d.recipients.push_back("- " + (member ? "Đồng chí " + name : name) + ",");
  if (member) d.recipients.push_back("- " + reviewed_in.name + ",");
  d.recipients.push_back("- Lưu Văn phòng cấp ủy.");
  d.signature = signer_of(signer, authority_of(organ, deciding));
  return built(std::move(d), fmt::format("Thông báo kết quả xếp loại - {} - {}", name, review.value("year", 0)));
}

}  // namespace xeploai::service::docs
