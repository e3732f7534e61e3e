// CSV and XLSX roster files read as rows: RFC 4180 details, encodings, chunk boundaries, hand-made and
// real-world (libxlsxwriter, LibreOffice) workbooks.
#include "export/readers.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>

#include "importer/csv_reader.hpp"
#include "importer/xlsx_reader.hpp"

namespace xeploai::importer {
namespace {

namespace fs = std::filesystem;

std::vector<Row> all_rows(RowSource& source) {
  std::vector<Row> rows;
  Row row;
  while (true) {
    auto more = source.next(row);
    EXPECT_TRUE(more.ok()) << (more.ok() ? "" : more.error().message);
    if (!more.ok() || !*more) break;
    rows.push_back(row);
  }
  return rows;
}

std::vector<Row> csv_rows(const std::string& content) {
  auto reader = CsvReader::from_string(content, "test.csv");
  EXPECT_TRUE(reader.ok());
  return all_rows(**reader);
}

fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("xeploai-importer-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

using Cells = std::vector<std::string>;

TEST(CsvReader, Rfc4180QuotingLineBreaksAndRowNumbers) {
  auto rows = csv_rows(
      "\xEF\xBB\xBFSố thẻ,Họ và tên,Ghi chú\r\n"
      "012345678,\"Nguyễn Thị Hằng\",\"nói \"\"có\"\", rồi đi\"\r\n"
      "\r\n"
      "023456789,Trần Văn Đức,\"hai\r\ndòng\"\r\n"
      "034567890,Lê \"Tèo\",\n"
      "045678901,,");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].cells, (Cells{"Số thẻ", "Họ và tên", "Ghi chú"}));  // BOM dropped
  EXPECT_EQ(rows[1].cells, (Cells{"012345678", "Nguyễn Thị Hằng", "nói \"có\", rồi đi"}));
  EXPECT_EQ(rows[1].number, 2u);
  EXPECT_EQ(rows[2].number, 4u);  // the blank line 3 is not a record
  EXPECT_EQ(rows[2].cells[2], "hai\r\ndòng");
  EXPECT_EQ(rows[3].number, 6u);  // the quoted field spanned lines 4-5
  EXPECT_EQ(rows[3].cells, (Cells{"034567890", "Lê \"Tèo\"", ""}));
  EXPECT_EQ(rows[4].number, 7u);
  EXPECT_EQ(rows[4].cells, (Cells{"045678901", "", ""}));
}

TEST(CsvReader, DetectsSemicolonAndTab) {
  auto semi = CsvReader::from_string("a;\"b,c\";d\n1;2,5;3\n");
  ASSERT_TRUE(semi.ok());
  EXPECT_EQ((*semi)->delimiter(), ';');
  auto rows = all_rows(**semi);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"a", "b,c", "d"}));
  EXPECT_EQ(rows[1].cells, (Cells{"1", "2,5", "3"}));
  auto tab = CsvReader::from_string("a\tb\n1\t2\n");
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ((*tab)->delimiter(), '\t');
}

TEST(CsvReader, StructuralErrorsNameTheLine) {
  auto open = CsvReader::from_string("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_TRUE(open.ok());
  Row row;
  ASSERT_TRUE(*(*open)->next(row));
  ASSERT_TRUE(*(*open)->next(row));
  auto bad = (*open)->next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("dòng 3"), std::string::npos) << bad.error().message;

  auto after = CsvReader::from_string("a,b\n\"x\"y,2\n");
  ASSERT_TRUE(after.ok());
  ASSERT_TRUE(*(*after)->next(row));
  auto bad2 = (*after)->next(row);
  ASSERT_FALSE(bad2.ok());
  EXPECT_NE(bad2.error().message.find("line 2"), std::string::npos) << bad2.error().message;
}

TEST(CsvReader, LegacyEncodingsAreNamedWithTheLine) {
  // "Nguyễn Thị Hằng" in Windows-1258 (base letters with combining tone marks) on line 3.
  const std::string cp1258 = "the,ten\n1,An\n2,Nguy\xEA\xDEn Thi\xF2 H\xE3\xCCng\n";
  auto r = CsvReader::from_string(cp1258, "roster.csv");
  ASSERT_TRUE(r.ok());
  Row row;
  ASSERT_TRUE(*(*r)->next(row));
  ASSERT_TRUE(*(*r)->next(row));
  auto bad = (*r)->next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  EXPECT_NE(bad.error().message.find("roster.csv"), std::string::npos);
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("Windows-1258"), std::string::npos) << bad.error().message;

  // "Đảng viên" in TCVN3 (ABC).
  auto t = CsvReader::from_string("ten\n\xA7\xB6ng vi\xAAn\n");
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(*(*t)->next(row));
  auto bad2 = (*t)->next(row);
  ASSERT_FALSE(bad2.ok());
  EXPECT_NE(bad2.error().message.find("TCVN3"), std::string::npos) << bad2.error().message;

  auto utf16 = CsvReader::from_string(std::string("\xFF\xFEt\0e\0n\0", 8));
  ASSERT_FALSE(utf16.ok());
  EXPECT_NE(utf16.error().message.find("UTF-16"), std::string::npos);
}

TEST(CsvReader, FileReadAcrossChunkBoundaries) {
  // Quoted fields with line breaks and doubled quotes land on every position of the 64 KiB chunks.
  const fs::path path = temp_dir() / "chunks.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "stt,ten,ghi chu\r\n";
    for (int i = 0; i < 6000; ++i)
      out << i << ",Nguyễn Thị Hằng " << i << ",\"dòng một\r\n\"\"" << i << "\"\" dòng hai\"\r\n";
  }
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok());
  auto rows = all_rows(**reader);
  ASSERT_EQ(rows.size(), 6001u);
  for (int i = 0; i < 6000; ++i) {
    const Row& r = rows[static_cast<std::size_t>(i) + 1];
    ASSERT_EQ(r.cells, (Cells{std::to_string(i), "Nguyễn Thị Hằng " + std::to_string(i),
                              "dòng một\r\n\"" + std::to_string(i) + "\" dòng hai"}))
        << "record " << i;
    ASSERT_EQ(r.number, 2u + 2u * static_cast<std::size_t>(i));
  }
  auto missing = CsvReader::open(temp_dir() / "nope.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nope.csv"), std::string::npos);
}

// Writes a ZIP with the given parts (a hand-made XLSX: exact control over the XML real producers write).
void write_zip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())), ZIP_OK);
    ASSERT_EQ(zipCloseFileInZip(zip), ZIP_OK);
  }
  ASSERT_EQ(zipClose(zip, nullptr), ZIP_OK);
}

const std::string kMain = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
const std::string kRel = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::vector<std::pair<std::string, std::string>> handmade_parts(bool date1904) {
  return {
      {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook " + kMain + " " + kRel + ">" +
                              (date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") +
                              "<sheets><sheet name=\"Ghi chú\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "<sheet name=\"Danh sách\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"t\" Target=\"worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId2\" Type=\"t\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>"},
      {"xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet " + kMain +
                            "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
                            "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                            "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>"
                            "<xf numFmtId=\"22\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>"},
      {"xl/sharedStrings.xml",
       "<?xml version=\"1.0\"?><sst " + kMain +
           "><si><t>Số thẻ</t></si><si><r><t xml:space=\"preserve\">Nguyễn </t></r><r><rPr><b/></rPr><t>Thị "
           "Hằng</t></r><rPh><t>X</t></rPh></si><si><t>Ngày sinh</t></si></sst>"},
      {"xl/worksheets/sheet1.xml",
       "<?xml version=\"1.0\"?><worksheet " + kMain +
           "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ghi chú</t></is></c></row></sheetData>"
           "</worksheet>"},
      {"xl/worksheets/sheet2.xml",
       "<?xml version=\"1.0\"?><worksheet " + kMain +
           "><sheetData>"
           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>Họ và tên</t></is></c>"
           "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
           "<row r=\"2\" ht=\"20\" customHeight=\"1\"/>"
           "<row r=\"3\"><c r=\"A3\"><v>123456789012</v></c><c r=\"B3\" t=\"s\"><v>1</v></c>"
           "<c r=\"C3\" s=\"1\"><v>45000</v></c><c r=\"E3\" t=\"b\"><v>1</v></c></row>"
           "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>A3&amp;\"\"</f><v>0012</v></c><c r=\"C4\" s=\"2\"><v>1</v></c>"
           "<c r=\"D4\" s=\"3\"><v>45000.5</v></c><c r=\"E4\" s=\"4\"><v>0.25</v></c><c><v>7</v></c></row>"
           "<row r=\"5\"><c r=\"A5\" s=\"2\"/></row>"
           "<row r=\"6\"><c r=\"C6\" s=\"2\"><v>61</v></c><c r=\"D6\" s=\"2\"><v>59</v></c></row>"
           "</sheetData></worksheet>"},
  };
}

TEST(XlsxReader, HandMadeWorkbookCellKinds) {
  const fs::path path = temp_dir() / "handmade.xlsx";
  write_zip(path, handmade_parts(false));
  auto reader = XlsxReader::open(path, "Danh sách");
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ((*reader)->sheets(), (Cells{"Ghi chú", "Danh sách"}));
  auto rows = all_rows(**reader);
  ASSERT_EQ(rows.size(), 4u);  // rows 2 and 5 carry no value
  EXPECT_EQ(rows[0].number, 1u);
  EXPECT_EQ(rows[0].cells, (Cells{"Số thẻ", "Họ và tên", "Ngày sinh"}));
  EXPECT_EQ(rows[1].number, 3u);
  EXPECT_EQ(rows[1].cells, (Cells{"123456789012", "Nguyễn Thị Hằng", "2023-03-15", "", "TRUE"}));
  EXPECT_EQ(rows[2].cells, (Cells{"0012", "", "1900-01-01", "2023-03-15 12:00:00", "0.25", "7"}));
  EXPECT_EQ(rows[3].cells, (Cells{"", "", "1900-03-01", "1900-02-28"}));

  auto first = XlsxReader::open(path);
  ASSERT_TRUE(first.ok());
  auto first_rows = all_rows(**first);
  ASSERT_EQ(first_rows.size(), 1u);
  EXPECT_EQ(first_rows[0].cells, (Cells{"ghi chú"}));

  auto missing = XlsxReader::open(path, "Sheet9");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("Danh sách"), std::string::npos) << missing.error().message;
}

TEST(XlsxReader, Date1904System) {
  const fs::path path = temp_dir() / "date1904.xlsx";
  write_zip(path, handmade_parts(true));
  auto reader = XlsxReader::open(path, "Danh sách");
  ASSERT_TRUE(reader.ok());
  auto rows = all_rows(**reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].cells[2], "2027-03-16");
}

TEST(XlsxReader, NotAnXlsxOrDamaged) {
  const fs::path text = temp_dir() / "plain.xlsx";
  std::ofstream(text) << "Số thẻ,Họ và tên\n";
  auto r = XlsxReader::open(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not an XLSX file"), std::string::npos);

  const fs::path xls = temp_dir() / "old.xls";
  std::ofstream(xls, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  auto old = XlsxReader::open(xls);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.error().message.find(".xls"), std::string::npos);

  auto parts = handmade_parts(false);
  parts[5].second = "<?xml version=\"1.0\"?><worksheet " + kMain + "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>";
  parts[5].second += "</c></row><row r=\"2\"><c></row></sheetData></worksheet>";
  const fs::path broken = temp_dir() / "broken.xlsx";
  write_zip(broken, parts);
  auto b = XlsxReader::open(broken, "Danh sách");
  ASSERT_TRUE(b.ok());
  Row row;
  auto first = (*b)->next(row);
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().message.find("xl/worksheets/sheet2.xml"), std::string::npos) << first.error().message;
}

TEST(XlsxReader, LibxlsxwriterWorkbookStreamsManyRows) {
  // libxlsxwriter in constant-memory mode writes inline strings; the default mode shared strings. Both, with dates.
  for (bool constant_memory : {true, false}) {
    const fs::path path = temp_dir() / (constant_memory ? "lxw-cm.xlsx" : "lxw.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    ASSERT_NE(wb, nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Đảng viên");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    worksheet_write_string(ws, 0, 0, "Số thẻ", nullptr);
    worksheet_write_string(ws, 0, 1, "Họ và tên", nullptr);
    worksheet_write_string(ws, 0, 2, "Ngày sinh", nullptr);
    const int n = 20000;
    for (int i = 1; i <= n; ++i) {
      worksheet_write_number(ws, i, 0, 10000000 + i, nullptr);
      worksheet_write_string(ws, i, 1, ("Nguyễn Thị Hằng " + std::to_string(i)).c_str(), nullptr);
      lxw_datetime dt{1970 + i % 50, 1 + i % 12, 1 + i % 28, 0, 0, 0};
      worksheet_write_datetime(ws, i, 2, &dt, date);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
    auto reader = XlsxReader::open(path);
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    auto rows = all_rows(**reader);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(n) + 1);
    for (int i = 1; i <= n; ++i) {
      const Row& r = rows[static_cast<std::size_t>(i)];
      ASSERT_EQ(r.number, static_cast<std::size_t>(i) + 1);
      ASSERT_EQ(r.cells, (Cells{std::to_string(10000000 + i), "Nguyễn Thị Hằng " + std::to_string(i),
                                fmt::format("{:04}-{:02}-{:02}", 1970 + i % 50, 1 + i % 12, 1 + i % 28)}))
          << "row " << i << (constant_memory ? " (constant memory)" : "");
    }
  }
}

TEST(XlsxReader, WorkbookSavedByLibreOffice) {
  XEPLOAI_REQUIRE_PROGRAMS("soffice");
  // A CSV converted to XLSX by LibreOffice: the shape of files kept by hand. The date column is imported as dates
  // (a date cell with a date format in the XLSX), the card numbers as numbers.
  const fs::path dir = temp_dir() / "lo";
  fs::create_directories(dir);
  const fs::path csv = dir / "roster.csv";
  std::ofstream(csv, std::ios::binary) << "Số thẻ,Họ và tên,Ngày sinh,Chi bộ\n"
                                          "79012345,Nguyễn Thị Hằng,1985-03-07,Chi bộ thôn Đồng Tâm\n"
                                          "79012346,\"Trần Văn Đức, con\",2001-12-31,Chi bộ thôn 2\n";
  std::string log;
  // Import options: comma, quote, UTF-8 (76), from line 1, then column formats: 1 = standard, 5 = YYYY-MM-DD date.
  testing::soffice_convert({csv}, "xlsx:Calc MS Excel 2007 XML", dir, &log, "CSV:44,34,76,1,1/1/2/1/3/5/4/1");
  const fs::path xlsx = dir / "roster.xlsx";
  ASSERT_TRUE(fs::exists(xlsx)) << log;
  auto reader = XlsxReader::open(xlsx);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  auto rows = all_rows(**reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (Cells{"Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ"}));
  EXPECT_EQ(rows[1].cells, (Cells{"79012345", "Nguyễn Thị Hằng", "1985-03-07", "Chi bộ thôn Đồng Tâm"}));
  EXPECT_EQ(rows[2].cells, (Cells{"79012346", "Trần Văn Đức, con", "2001-12-31", "Chi bộ thôn 2"}));
}

TEST(ExcelDates, SerialConversion) {
  // 1970-01-01 is serial 25569; the phantom 1900-02-29 (60) sits between 59 and 61.
  EXPECT_EQ(excel_serial_to_unix_days(25569, false), 0);
  EXPECT_EQ(excel_serial_to_unix_days(61, false) - excel_serial_to_unix_days(59, false), 1);
  EXPECT_EQ(excel_serial_to_unix_days(24107, true), 0);  // 1904 system
}

}  // namespace
}  // namespace xeploai::importer
