#include "export/docx.hpp"

#include <fmt/format.h>

#include <numeric>
#include <string>

#include "export/internal/zip_writer.hpp"
#include "export/layout.hpp"

namespace xeploai::documents {
namespace {

using namespace layout;
using internal::xml_escape;

constexpr int kContentTwips = twips(kPageWidthMm - kMarginLeftMm - kMarginRightMm);
constexpr int kLeftTwips = static_cast<int>(kContentTwips * kHeadingLeftShare);
constexpr int kRightTwips = kContentTwips - kLeftTwips;

struct Run {
  double size = kBodySize;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  Align align = Align::left;
  bool indent = false;
  double after_pt = 0;
};

std::string jc(Align a) {
  switch (a) {
    case Align::center:
      return "center";
    case Align::right:
      return "right";
    case Align::justify:
      return "both";
    case Align::left:
      break;
  }
  return "left";
}

// One paragraph with one run; line breaks in the text become <w:br/>.
std::string para(std::string_view text, const Run& r) {
  std::string rpr = "<w:rPr>";
  if (r.bold) rpr += "<w:b/>";
  if (r.italic) rpr += "<w:i/>";
  if (r.underline) rpr += "<w:u w:val=\"single\"/>";
  rpr += fmt::format("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/></w:rPr>", static_cast<int>(r.size * 2));
  std::string out =
      fmt::format("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"{}\"/>", static_cast<int>(r.after_pt * 20));
  if (r.indent) out += fmt::format("<w:ind w:firstLine=\"{}\"/>", twips(kFirstLineIndentMm));
  out += "<w:jc w:val=\"" + jc(r.align) + "\"/>" + rpr + "</w:pPr>";
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    std::string_view piece = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + xml_escape(piece) + "</w:t>";
    if (nl == std::string_view::npos) {
      out += "</w:r>";
      break;
    }
    out += "<w:br/></w:r>";
    start = nl + 1;
  }
  return out + "</w:p>";
}

std::string cell(int width, const std::string& content, const char* shade = nullptr) {
  std::string out = fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>", width);
  if (shade != nullptr) out += fmt::format("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>", shade);
  return out + "</w:tcPr>" + content + "</w:tc>";
}

std::string table_start(const std::vector<int>& widths, bool borders) {
  std::string out = "<w:tbl><w:tblPr>";
  out += fmt::format("<w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>",
                     std::accumulate(widths.begin(), widths.end(), 0));
  const char* val = borders ? "single" : "nil";
  out += "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += fmt::format("<w:{} w:val=\"{}\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", side, val);
  out += "</w:tblBorders>";
  out += fmt::format(
      "<w:tblCellMar><w:left w:w=\"{0}\" w:type=\"dxa\"/><w:right w:w=\"{0}\" w:type=\"dxa\"/>"
      "</w:tblCellMar></w:tblPr><w:tblGrid>",
      borders ? static_cast<int>(kCellPaddingPt * 20) : 0);
  for (int w : widths) out += fmt::format("<w:gridCol w:w=\"{}\"/>", w);
  return out + "</w:tblGrid>";
}

std::string heading(const Heading& h) {
  const Run org{.size = kOrganizationSize, .align = Align::center};
  std::string left;
  if (!h.parent_organization.empty()) left += para(h.parent_organization, org);
  Run issuer = org;
  issuer.bold = true;
  left += para(h.issuer, issuer);
  left += para("*", org);
  if (h.numbered) left += para(number_line(h), org);
  std::string right =
      para("ĐẢNG CỘNG SẢN VIỆT NAM",
           {.size = kPartyTitleSize, .bold = true, .underline = true, .align = Align::center, .after_pt = 6});
  right += para(date_line(h), {.size = kDateSize, .italic = true, .align = Align::center});
  return table_start({kLeftTwips, kRightTwips}, false) + "<w:tr>" + cell(kLeftTwips, left) + cell(kRightTwips, right) +
         "</w:tr></w:tbl>" + para("", {.after_pt = 12});
}

std::string table(const Table& t) {
  const double total =
      t.widths.empty() ? static_cast<double>(t.header.size()) : std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
  std::vector<int> widths;
  for (std::size_t c = 0; c < t.header.size(); ++c)
    widths.push_back(static_cast<int>(kContentTwips * (t.widths.empty() ? 1.0 : t.widths[c]) / total));
  std::string out = table_start(widths, true);
  // The header row repeats on every page (tblHeader); rows do not split across pages (cantSplit), as in the PDF.
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += cell(widths[c], para(t.header[c], {.size = kTableSize, .bold = true, .align = Align::center}), "E6E6E6");
  out += "</w:tr>";
  for (const auto& row : t.rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      out += cell(widths[c], para(row[c], {.size = kTableSize, .align = t.align.empty() ? Align::left : t.align[c]}));
    out += "</w:tr>";
  }
  return out + "</w:tbl>" + para("", {.after_pt = kParagraphAfterPt});
}

// A signature column: authority, position, room for the signature and the seal, name.
std::string signature(const Signature& s) {
  const Run sig{.size = kSignatureSize, .bold = true, .align = Align::center};
  std::string out;
  if (!s.authority.empty()) out += para(s.authority, sig);
  Run position = sig;
  position.after_pt = kSignatureGapMm * kPointsPerMm;  // room for the signature and the seal
  out += para(s.position, position);
  return out + para(s.name, sig);
}

std::string closing(const Document& doc) {
  std::string left;
  if (doc.left_signature) {
    left = signature(*doc.left_signature);
  } else if (!doc.recipients.empty()) {
    left = para("Nơi nhận:", {.size = kRecipientsLabelSize, .bold = true, .italic = true, .underline = true});
    for (const auto& r : doc.recipients) left += para(r, {.size = kRecipientsSize});
  } else {
    left = para("", {});  // a table cell needs a paragraph
  }
  // cantSplit keeps recipients and signature on one page, as the PDF does.
  return table_start({kLeftTwips, kRightTwips}, false) + "<w:tr><w:trPr><w:cantSplit/></w:trPr>" +
         cell(kLeftTwips, left) + cell(kRightTwips, signature(doc.signature)) + "</w:tr></w:tbl>";
}

constexpr const char* kNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string document_xml(const Document& doc) {
  std::string out = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ") +
                    kNamespaces + "><w:body>";
  if (!doc.form.empty()) out += para(doc.form, {.size = kFormCodeSize, .bold = true, .align = Align::right});
  out += heading(doc.heading);
  out += para(doc.kind, {.size = kKindSize, .bold = true, .align = Align::center});
  if (!doc.summary.empty()) out += para(doc.summary, {.size = kSummarySize, .bold = true, .align = Align::center});
  out += para("-----", {.size = kSummarySize, .align = Align::center, .after_pt = 12});
  for (const Block& block : doc.body) {
    if (const auto* p = std::get_if<Paragraph>(&block))
      out += para(p->text, {.size = kBodySize,
                            .bold = p->bold,
                            .italic = p->italic,
                            .align = p->align,
                            .indent = p->first_line_indent,
                            .after_pt = kParagraphAfterPt});
    else
      out += table(std::get<Table>(block));
  }
  out += closing(doc);
  // A4, margins, the page-number header on every page but the first (titlePg with no first-page header).
  out += fmt::format(
      "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
      "<w:pgSz w:w=\"{}\" w:h=\"{}\"/>"
      "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" "
      "w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body></w:document>",
      twips(kPageWidthMm), twips(kPageHeightMm), twips(kMarginTopMm), twips(kMarginRightMm), twips(kMarginBottomMm),
      twips(kMarginLeftMm), twips(kPageNumberTopMm), twips(kPageNumberTopMm));
  return out;
}

std::string styles_xml() {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{0}\" w:hAnsi=\"{0}\" w:cs=\"{0}\" w:eastAsia=\"{0}\"/>"
      "<w:sz w:val=\"{1}\"/><w:szCs w:val=\"{1}\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
      "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
      "</w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
      "<w:tblPr><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
      "</w:tblPr></w:style></w:styles>",
      kDocxFontFamily, static_cast<int>(kBodySize * 2));
}

std::string header_xml() {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {}>"
      "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"{}\"/></w:rPr>"
      "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>",
      kNamespaces, static_cast<int>(kPageNumberSize * 2));
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>";

constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdHeader\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "</Relationships>";

std::string core_xml(const Document& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         xml_escape(doc.kind + " " + doc.summary) + "</dc:title><dc:creator>xeploai</dc:creator></cp:coreProperties>";
}

}  // namespace

Result<void> write_docx(const Document& doc, const std::filesystem::path& path) {
  if (auto ok = validate(doc); !ok) return ok;
  auto zip = internal::ZipWriter::open(path);
  if (!zip) return std::move(zip).error();
  const std::pair<const char*, std::string> parts[] = {{"[Content_Types].xml", kContentTypes},
                                                       {"_rels/.rels", kPackageRels},
                                                       {"word/_rels/document.xml.rels", kDocumentRels},
                                                       {"word/document.xml", document_xml(doc)},
                                                       {"word/styles.xml", styles_xml()},
                                                       {"word/header1.xml", header_xml()},
                                                       {"docProps/core.xml", core_xml(doc)}};
  for (const auto& [name, content] : parts)
    if (auto ok = zip->add(name, content); !ok) return ok;
  return zip->close();
}

}  // namespace xeploai::documents
