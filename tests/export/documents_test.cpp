// The renderers' output opened with real readers: poppler for PDF, headless LibreOffice for DOCX and XLSX.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

#include "export/csv_writer.hpp"
#include "export/docx.hpp"
#include "export/pdf.hpp"
#include "export/readers.hpp"
#include "export/sample_document.hpp"
#include "export/xlsx.hpp"

namespace xeploai::documents {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::read_file;
using testing::run;

constexpr std::size_t kDecisionRows = 60;  // enough for the table to continue on a second page
constexpr std::size_t kStatisticsRows = 120;

// Generates the three files once per process; LibreOffice converts only for the test that reads its output (ctest
// runs each test in its own process, and each LibreOffice run costs seconds).
class Documents : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("xeploai-documents-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const Document doc = testing::sample_decision(kDecisionRows);
    pdf_ok_ = write_pdf(doc, dir_ / "decision.pdf").ok();
    docx_ok_ = write_docx(doc, dir_ / "decision.docx").ok();
    auto xlsx = XlsxWriter::create(dir_ / "statistics.xlsx");
    xlsx_ok_ = xlsx.ok() && xlsx->add_sheet(testing::statistics_sheet()).ok();
    for (const auto& r : testing::sample_statistics(kStatisticsRows))
      xlsx_ok_ = xlsx_ok_ && xlsx->add_row(testing::statistics_cells(r)).ok();
    xlsx_ok_ = xlsx_ok_ && xlsx->close().ok();
    // Refreshes docs/samples when asked (XEPLOAI_UPDATE_SAMPLES=1): the files a reviewer opens.
    if (const char* u = std::getenv("XEPLOAI_UPDATE_SAMPLES"); u != nullptr && std::string(u) == "1") {
      const fs::path samples = fs::path(XEPLOAI_SOURCE_DIR) / "docs" / "samples";
      fs::create_directories(samples);
      for (const char* f : {"decision.pdf", "decision.docx", "statistics.xlsx"})
        fs::copy_file(dir_ / f, samples / f, fs::copy_options::overwrite_existing);
    }
  }
  static void TearDownTestSuite() {
    if (std::getenv("XEPLOAI_KEEP_OUTPUT") == nullptr) fs::remove_all(dir_);
  }

  // The text of the PDF with line breaks and runs of spaces as one space (justified lines break phrases).
  static std::string pdf_words(int first = 0, int last = 0) {
    std::string out;
    for (char c : pdftotext(first, last)) {
      if (c == '\n' || c == '\f') c = ' ';
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      out += c;
    }
    return out;
  }

  static fs::path convert(const char* file, const char* filter, const char* extension) {
    testing::soffice_convert({dir_ / file}, filter, dir_, &soffice_log_);
    return (dir_ / file).replace_extension(extension);
  }

  static std::string pdftotext(int first = 0, int last = 0) {
    std::string cmd = "pdftotext -enc UTF-8";
    if (first > 0) cmd += " -f " + std::to_string(first) + " -l " + std::to_string(last);
    std::string out;
    EXPECT_EQ(run(cmd + " " + quote(dir_ / "decision.pdf") + " -", &out), 0) << out;
    return out;
  }

  static int pdf_pages() {
    std::string info;
    EXPECT_EQ(run("pdfinfo " + quote(dir_ / "decision.pdf"), &info), 0) << info;
    std::smatch m;
    const std::regex pages("Pages:\\s+(\\d+)");
    return std::regex_search(info, m, pages) ? std::stoi(m[1]) : 0;
  }

  static inline fs::path dir_;
  static inline bool pdf_ok_ = false, docx_ok_ = false, xlsx_ok_ = false;
  static inline std::string soffice_log_;
};

TEST_F(Documents, PdfTextKeepsVietnameseAndTheFormatParts) {
  ASSERT_TRUE(pdf_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("pdftotext", "pdfinfo");
  const std::string text = pdf_words();
  for (const char* expected :
       {"ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ HUYỆN YÊN SƠN", "ĐẢNG ỦY XÃ YÊN PHÚC", "Số 15-QĐ/ĐU",
        "Yên Phúc, ngày 05 tháng 12 năm 2025", "QUYẾT ĐỊNH", "về việc xếp loại chất lượng đảng viên năm 2025",
        "Đảng bộ xã Yên Phúc", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn Thắng"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
  // Every name of the table, in order.
  std::size_t at = 0;
  for (std::size_t i = 0; i < kDecisionRows; ++i) {
    const std::string name = testing::sample_name(i);
    const std::size_t found = text.find(name, at);
    ASSERT_NE(found, std::string::npos) << "row " << i + 1 << " missing or out of order: " << name;
    at = found + name.size();
  }
}

TEST_F(Documents, PdfTableContinuesWithItsHeaderAndPageNumbers) {
  ASSERT_TRUE(pdf_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("pdftotext", "pdfinfo");
  const int pages = pdf_pages();
  ASSERT_GE(pages, 2);
  EXPECT_NE(pdftotext(1, 1).find("Họ và tên"), std::string::npos);
  const std::string page2 = pdftotext(2, 2);
  EXPECT_NE(page2.find("Họ và tên"), std::string::npos) << "the header row is not repeated on page 2";
  EXPECT_NE(page2.find("Mức xếp loại"), std::string::npos);
  // The page number "2" is the first line of page 2; page 1 carries none.
  EXPECT_EQ(page2.substr(0, page2.find('\n')), "2");
  const std::string page1 = pdftotext(1, 1);
  EXPECT_EQ(page1.substr(0, page1.find('\n')), "ĐẢNG BỘ HUYỆN YÊN SƠN");
}

TEST_F(Documents, PdfFontsAreEmbeddedLiberationSerif) {
  ASSERT_TRUE(pdf_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("pdffonts");
  std::string out;
  ASSERT_EQ(run("pdffonts " + quote(dir_ / "decision.pdf"), &out), 0) << out;
  std::istringstream lines(out);
  std::string line;
  int fonts = 0;
  std::getline(lines, line);  // column titles
  std::getline(lines, line);  // rule
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++fonts;
    EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << "unexpected font: " << line;
    // Columns: name type encoding emb sub uni object ID; "emb" must be yes.
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string w; cols >> w;) c.push_back(w);
    ASSERT_GE(c.size(), 7u) << line;
    EXPECT_EQ(c[c.size() - 5], "yes") << "not embedded: " << line;
  }
  EXPECT_GE(fonts, 3) << out;  // regular, bold, italic at least
}

TEST_F(Documents, PdfPagesRender) {
  ASSERT_TRUE(pdf_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("pdftoppm", "pdfinfo");
  const int pages = pdf_pages();
  const fs::path prefix = dir_ / "page";
  std::string out;
  ASSERT_EQ(run("pdftoppm -r 30 -gray " + quote(dir_ / "decision.pdf") + " " + quote(prefix), &out), 0) << out;
  int rendered = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    const std::string n = e.path().filename().string();
    if (!n.starts_with("page-")) continue;
    ++rendered;
    // A rendered page with text has dark pixels: a PGM of a blank page would be all 255.
    const std::string pgm = read_file(e.path());
    std::size_t dark = 0;
    for (std::size_t i = pgm.size() / 20; i < pgm.size(); ++i) dark += static_cast<unsigned char>(pgm[i]) < 128;
    EXPECT_GT(dark, 100u) << n << " is blank";
  }
  EXPECT_EQ(rendered, pages);
}

TEST_F(Documents, DocxOpensInLibreOffice) {
  ASSERT_TRUE(docx_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("soffice");
  const fs::path txt = convert("decision.docx", "txt:Text (encoded):UTF8", ".txt");
  ASSERT_TRUE(fs::exists(txt)) << soffice_log_;
  std::string text = read_file(txt);
  if (text.starts_with("\xEF\xBB\xBF")) text = text.substr(3);
  for (const char* expected :
       {"ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ YÊN PHÚC", "Số 15-QĐ/ĐU", "Yên Phúc, ngày 05 tháng 12 năm 2025",
        "QUYẾT ĐỊNH", "Đảng bộ xã Yên Phúc", "Họ và tên", "Nơi nhận:", "BÍ THƯ", "Nguyễn Văn Thắng"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
  for (std::size_t i = 0; i < kDecisionRows; ++i)
    EXPECT_NE(text.find(testing::sample_name(i)), std::string::npos) << testing::sample_name(i);
}

std::string shown(double v, bool percent) {
  // LibreOffice writes cells as shown: "12.5%" for a share, "23" for a count.
  if (percent) return fmt::format("{:.1f}%", v * 100);
  return fmt::format("{}", v);
}

TEST_F(Documents, XlsxCellsMatchThroughLibreOffice) {
  ASSERT_TRUE(xlsx_ok_);
  XEPLOAI_REQUIRE_PROGRAMS("soffice");
  const fs::path csv = convert("statistics.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", ".csv");
  ASSERT_TRUE(fs::exists(csv)) << soffice_log_;
  const auto rows = testing::parse_csv(read_file(csv));
  const auto spec = testing::statistics_sheet();
  ASSERT_EQ(rows.size(), 3 + kStatisticsRows);  // title, blank, header, data
  EXPECT_EQ(rows[0][0], spec.title);
  EXPECT_EQ(rows[2], spec.header);
  const auto data = testing::sample_statistics(kStatisticsRows);
  for (std::size_t r = 0; r < data.size(); ++r) {
    const auto cells = testing::statistics_cells(data[r]);
    ASSERT_EQ(rows[3 + r].size(), cells.size()) << "row " << r;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string expected = std::holds_alternative<std::string>(cells[c])
                                       ? std::get<std::string>(cells[c])
                                       : shown(std::get<double>(cells[c]), spec.percent[c]);
      EXPECT_EQ(rows[3 + r][c], expected) << "row " << r << ", column " << c;
    }
  }
}

TEST(DocumentValidation, BadTablesAreRefusedAndWriteNothing) {
  Document doc = testing::sample_decision(3);
  std::get<Table>(doc.body[4]).rows[1].pop_back();
  const fs::path path = fs::temp_directory_path() / ("xeploai-bad-" + std::to_string(::getpid()) + ".pdf");
  auto pdf = write_pdf(doc, path);
  ASSERT_FALSE(pdf.ok());
  ASSERT_EQ(pdf.error().details.size(), 1u);
  EXPECT_EQ(pdf.error().details[0].path, "body[4].rows[1]");
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(write_docx(doc, path).ok());
  EXPECT_FALSE(fs::exists(path));

  Document no_issuer = testing::sample_decision(1);
  no_issuer.heading.issuer.clear();
  no_issuer.signature.name = "Nguy\xE1\xBB";  // truncated UTF-8
  auto v = validate(no_issuer);
  ASSERT_FALSE(v.ok());
  ASSERT_EQ(v.error().details.size(), 2u);
  EXPECT_EQ(v.error().details[0].path, "heading.issuer");
  EXPECT_EQ(v.error().details[1].path, "signature.name");
}

TEST(DocumentFormat, DateAndNumberLines) {
  Heading h{
      .issuer = "ĐẢNG ỦY XÃ YÊN PHÚC", .number = "15-QĐ/ĐU", .place = "Yên Phúc", .day = 5, .month = 2, .year = 2026};
  EXPECT_EQ(date_line(h), "Yên Phúc, ngày 05 tháng 02 năm 2026");
  h.day = 25;
  h.month = 11;
  EXPECT_EQ(date_line(h), "Yên Phúc, ngày 25 tháng 11 năm 2026");
  h.day = 0;
  h.month = 0;
  EXPECT_EQ(date_line(h), "Yên Phúc, ngày      tháng      năm 2026");
  EXPECT_EQ(number_line(h), "Số 15-QĐ/ĐU");
}

TEST(XlsxValidation, BadSheetAndRowAreRefused) {
  const fs::path path = fs::temp_directory_path() / ("xeploai-bad-" + std::to_string(::getpid()) + ".xlsx");
  auto x = XlsxWriter::create(path);
  ASSERT_TRUE(x.ok());
  auto bad = x->add_sheet({.name = "a/b", .header = {"x"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("a/b"), std::string::npos);
  ASSERT_TRUE(x->add_sheet({.name = "ok", .header = {"x", "y"}}).ok());
  auto wide = x->add_row({std::string("1"), 2.0, 3.0});
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("3 cells for 2 columns"), std::string::npos);
  ASSERT_TRUE(x->close().ok());
  EXPECT_TRUE(fs::exists(path));
  fs::remove(path);
}

TEST(CsvWriter, QuotesOnlyWhatNeedsIt) {
  std::ostringstream out;
  CsvWriter w(out, false);
  w.row({"Nguyễn Thị Hằng", "a,b", "say \"hi\"", "two\nlines", " padded", ""});
  EXPECT_EQ(out.str(), "Nguyễn Thị Hằng,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");
  std::ostringstream bom;
  CsvWriter b(bom);
  b.row({"x"});
  EXPECT_EQ(bom.str(), "\xEF\xBB\xBFx\r\n");
}

}  // namespace
}  // namespace xeploai::documents

namespace xeploai::documents {
namespace {

TEST(Writers, UnwritablePlaceIsAnErrorNamingTheFile) {
  const std::filesystem::path dir = "/nonexistent-xeploai-dir";
  const Document doc = testing::sample_decision(2);
  auto pdf = write_pdf(doc, dir / "a.pdf");
  ASSERT_FALSE(pdf.ok());
  EXPECT_NE(pdf.error().message.find("PDF"), std::string::npos) << pdf.error().message;
  auto docx = write_docx(doc, dir / "a.docx");
  ASSERT_FALSE(docx.ok());
  EXPECT_NE(docx.error().message.find("a.docx"), std::string::npos) << docx.error().message;
  auto xlsx = XlsxWriter::create(dir / "a.xlsx");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_NE(xlsx.error().message.find("a.xlsx"), std::string::npos) << xlsx.error().message;
}

}  // namespace
}  // namespace xeploai::documents
