#include "export/document.hpp"

#include <fmt/format.h>

#include "text/text.hpp"

namespace xeploai::documents {

std::string date_line(const Heading& h) {
  // Blanks are wide enough to be filled in by hand on a printed draft.
  const std::string blank = "    ";
  std::string day = h.day > 0 ? fmt::format("{:02}", h.day) : blank;
  // The guidance pads only months 1 and 2 ("tháng 01", "tháng 02") so that "tháng 1" is not later read as 10-12.
  std::string month = h.month > 0 ? (h.month < 3 ? fmt::format("{:02}", h.month) : std::to_string(h.month)) : blank;
  std::string year = h.year > 0 ? std::to_string(h.year) : blank;
  std::string place = h.place.empty() ? "…" : h.place;
  return fmt::format("{}, ngày {} tháng {} năm {}", place, day, month, year);
}

std::string number_line(const Heading& h) { return h.number.empty() ? "Số     -" : "Số " + h.number; }

Result<void> validate(const Document& doc) {
  std::vector<ErrorDetail> details;
  auto text_ok = [&](std::string_view s, const std::string& where) {
    if (!text::is_valid_utf8(s)) details.push_back({where, "không phải UTF-8 hợp lệ / not valid UTF-8"});
  };
  if (doc.heading.issuer.empty())
    details.push_back({"heading.issuer", "thiếu cơ quan ban hành / the issuing organization is missing"});
  if (doc.kind.empty()) details.push_back({"kind", "thiếu tên loại văn bản / the document kind is missing"});
  const Heading& h = doc.heading;
  if (h.day < 0 || h.day > 31 || h.month < 0 || h.month > 12 || h.year < 0)
    details.push_back({"heading.date", "ngày tháng không hợp lệ / invalid date"});
  text_ok(h.parent_organization, "heading.parent_organization");
  text_ok(h.issuer, "heading.issuer");
  text_ok(h.number, "heading.number");
  text_ok(h.place, "heading.place");
  text_ok(doc.kind, "kind");
  text_ok(doc.summary, "summary");
  for (std::size_t b = 0; b < doc.body.size(); ++b) {
    const std::string where = fmt::format("body[{}]", b);
    if (const auto* p = std::get_if<Paragraph>(&doc.body[b])) {
      text_ok(p->text, where);
      continue;
    }
    const auto& t = std::get<Table>(doc.body[b]);
    if (t.header.empty()) details.push_back({where, "bảng không có cột / the table has no columns"});
    if (!t.widths.empty() && t.widths.size() != t.header.size())
      details.push_back({where + ".widths", fmt::format("{} widths for {} columns", t.widths.size(), t.header.size())});
    for (double w : t.widths)
      if (!(w > 0)) details.push_back({where + ".widths", "widths must be positive"});
    if (!t.align.empty() && t.align.size() != t.header.size())
      details.push_back(
          {where + ".align", fmt::format("{} alignments for {} columns", t.align.size(), t.header.size())});
    for (std::size_t c = 0; c < t.header.size(); ++c) text_ok(t.header[c], fmt::format("{}.header[{}]", where, c));
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r].size() != t.header.size()) {
        details.push_back({fmt::format("{}.rows[{}]", where, r),
                           fmt::format("dòng có {} ô, bảng có {} cột / the row has {} cells for {} columns",
                                       t.rows[r].size(), t.header.size(), t.rows[r].size(), t.header.size())});
        continue;
      }
      for (std::size_t c = 0; c < t.rows[r].size(); ++c)
        text_ok(t.rows[r][c], fmt::format("{}.rows[{}][{}]", where, r, c));
    }
  }
  for (std::size_t i = 0; i < doc.recipients.size(); ++i) text_ok(doc.recipients[i], fmt::format("recipients[{}]", i));
  text_ok(doc.signature.authority, "signature.authority");
  text_ok(doc.signature.position, "signature.position");
  text_ok(doc.signature.name, "signature.name");
  text_ok(doc.form, "form");
  if (doc.left_signature) {
    text_ok(doc.left_signature->authority, "left_signature.authority");
    text_ok(doc.left_signature->position, "left_signature.position");
    text_ok(doc.left_signature->name, "left_signature.name");
  }
  if (!details.empty()) return Error::invalid("văn bản không hợp lệ / invalid document", std::move(details));
  return {};
}

}  // namespace xeploai::documents
