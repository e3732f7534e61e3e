#pragma once
// A small model of an official Party document (thể thức văn bản của Đảng, Hướng dẫn 36-HD/VPTW 2018) that the
// renderers turn into PDF (pdf.hpp) and DOCX (docx.hpp) with the same layout. Layout decisions: docs/documents.md.
// All text is UTF-8; callers pass NFC (the renderers do not normalize).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace xeploai::documents {

// The heading block: left the issuing organization with its number and symbol, right the party title and the
// place-and-date line.
struct Heading {
  std::string parent_organization;  // the directly superior committee, e.g. "ĐẢNG BỘ TỈNH YÊN BÌNH"; may be empty
  std::string issuer;               // e.g. "ĐẢNG ỦY XÃ YÊN PHÚC" (printed bold, upper case as given)
  std::string number;               // number and symbol without "Số", e.g. "12-QĐ/ĐU"
  std::string place;                // e.g. "Yên Phúc"
  int day = 0, month = 0, year = 0;  // 0 leaves blanks to be filled by hand ("ngày    tháng    năm 2025")
  bool numbered = true;  // false: no "Số …" line (a member's statement, minutes: the forms print none)
};

enum class Align { left, center, right, justify };

struct Paragraph {
  std::string text;
  Align align = Align::justify;
  bool bold = false;
  bool italic = false;
  bool first_line_indent = true;  // body paragraphs are indented (1.27 cm); headings inside the body are not
};

struct Table {
  std::vector<std::string> header;             // one header row, repeated on every page the table spans
  std::vector<std::vector<std::string>> rows;  // each row has header.size() cells
  std::vector<double> widths;                  // relative column widths; empty = equal
  std::vector<Align> align;                    // per column; empty = left
};

using Block = std::variant<Paragraph, Table>;

// The signature block: the authority line ("T/M ĐẢNG ỦY"), the position ("BÍ THƯ") and the signer's name.
// With no recipients and no left signature the left column is left empty (no "Nơi nhận:" label).
struct Signature {
  std::string authority;
  std::string position;
  std::string name;
};

struct Document {
  std::string form;  // the template's code printed alone at the top right ("Mẫu 2B-HD KĐ.ĐG 2025"); may be empty
  Heading heading;
  std::string kind;  // document kind, printed large and bold: "QUYẾT ĐỊNH", "BÁO CÁO"
  std::string summary;  // trích yếu under the kind, bold: "về việc xếp loại chất lượng đảng viên năm 2025"
  std::vector<Block> body;
  std::vector<std::string> recipients;  // "Nơi nhận:" items, e.g. "- Các chi bộ trực thuộc,"
  Signature signature;
  // A second signer in the left column, in place of the recipients (minutes: the secretary left, the chair right).
  std::optional<Signature> left_signature;
};

// The "…, ngày … tháng … năm …" line: "Yên Phúc, ngày 05 tháng 12 năm 2025" (days below 10 and months below 3
// with a leading zero, as the guidance writes them).
std::string date_line(const Heading& h);

// "Số 12-QĐ/ĐU" (or "Số" followed by blanks when the number is not assigned yet).
std::string number_line(const Heading& h);

// Checks what every renderer relies on: an issuer, a kind, table rows as wide as their header, widths and
// alignments matching the columns, valid UTF-8 everywhere. Errors name the block and row.
Result<void> validate(const Document& doc);
}  // namespace xeploai::documents
