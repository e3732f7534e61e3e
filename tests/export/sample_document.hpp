#pragma once
// A decision with its list of grades, the kind of document the workflow will feed the renderers, with enough rows
// to span pages. Shared by the export tests and bench/documents_bench.cpp.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "export/document.hpp"
#include "export/xlsx.hpp"

namespace xeploai::testing {

inline std::vector<std::string> sample_names() {
  return {"Nguyễn Thị Hằng", "Trần Văn Đức",     "Lê Thị Thu Hà", "Phạm Quốc Việt", "Hoàng Thị Ánh Tuyết",
          "Vũ Đình Dũng",    "Đặng Thị Mỹ Ngọc", "Bùi Văn Ước",   "Đỗ Thị Hường",   "Ngô Quang Trường"};
}

inline const char* sample_grade(std::size_t i) {
  static const char* grades[] = {"Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                                 "Không hoàn thành nhiệm vụ"};
  return grades[i % 10 < 2 ? 0 : (i % 10 < 8 ? 1 : (i % 10 == 8 ? 2 : 3))];
}

inline std::string sample_name(std::size_t i) {
  auto names = sample_names();
  return i < names.size() ? names[i] : fmt::format("{} {}", names[i % names.size()], i / names.size());
}

inline documents::Document sample_decision(std::size_t rows) {
  using namespace documents;
  Document doc;
  doc.heading = {.parent_organization = "ĐẢNG BỘ HUYỆN YÊN SƠN",
                 .issuer = "ĐẢNG ỦY XÃ YÊN PHÚC",
                 .number = "15-QĐ/ĐU",
                 .place = "Yên Phúc",
                 .day = 5,
                 .month = 12,
                 .year = 2025};
  doc.kind = "QUYẾT ĐỊNH";
  doc.summary = "về việc xếp loại chất lượng đảng viên năm 2025";
  doc.body.push_back(Paragraph{
      .text = "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ YÊN PHÚC", .align = Align::center, .bold = true, .first_line_indent = false});
  doc.body.push_back(Paragraph{
      .text = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; căn cứ Quy định số 366-QĐ/TW ngày 30 tháng 8 năm 2025 của Bộ "
              "Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống "
              "chính trị; xét đề nghị của các chi bộ trực thuộc và kết quả kiểm điểm của Đảng bộ xã Yên Phúc,"});
  doc.body.push_back(
      Paragraph{.text = "QUYẾT ĐỊNH:", .align = Align::center, .bold = true, .first_line_indent = false});
  doc.body.push_back(Paragraph{.text = fmt::format("Điều 1. Xếp loại chất lượng năm 2025 đối với {} đảng viên có tên "
                                                   "trong danh sách dưới đây.",
                                                   rows)});
  Table t{.header = {"STT", "Họ và tên", "Chi bộ", "Mức xếp loại"}, .widths = {0.6, 2.4, 2.2, 2.8}};
  t.align = {Align::center, Align::left, Align::left, Align::left};
  for (std::size_t i = 0; i < rows; ++i)
    t.rows.push_back(
        {std::to_string(i + 1), sample_name(i), fmt::format("Chi bộ thôn {}", i % 7 + 1), sample_grade(i)});
  doc.body.push_back(t);
  doc.body.push_back(Paragraph{.text = "Điều 2. Các chi bộ trực thuộc và đảng viên có tên tại Điều 1 chịu trách nhiệm "
                                       "thi hành Quyết định này."});
  doc.recipients = {"- Ban Tổ chức Huyện ủy,", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."};
  doc.signature = {.authority = "T/M BAN THƯỜNG VỤ", .position = "BÍ THƯ", .name = "Nguyễn Văn Thắng"};
  return doc;
}

// The statistics-like table: counts and shares of each grade per cell.
struct StatisticsRow {
  std::string unit;
  double members, excellent, good, done, not_done;
};

inline std::vector<StatisticsRow> sample_statistics(std::size_t rows) {
  std::vector<StatisticsRow> out;
  for (std::size_t i = 0; i < rows; ++i) {
    const double members = 20 + static_cast<double>(i % 37);
    const double excellent = std::floor(members * 0.15), done = 2 + static_cast<double>(i % 3),
                 not_done = static_cast<double>(i % 4 == 0);
    out.push_back({i == 0 ? "Chi bộ thôn Đồng Tâm" : fmt::format("Chi bộ thôn {} — Đảng bộ xã Yên Phúc", i + 1),
                   members, excellent, members - excellent - done - not_done, done, not_done});
  }
  return out;
}

inline documents::SheetSpec statistics_sheet() {
  return {.name = "Thống kê 2025",
          .title = "THỐNG KÊ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025 — ĐẢNG BỘ XÃ YÊN PHÚC",
          .header = {"Tổ chức đảng", "Số đảng viên", "Hoàn thành xuất sắc", "Tỷ lệ", "Hoàn thành tốt", "Hoàn thành",
                     "Không hoàn thành"},
          .widths = {40, 12, 14, 10, 14, 12, 14},
          .percent = {false, false, false, true, false, false, false}};
}

inline std::vector<documents::Cell> statistics_cells(const StatisticsRow& r) {
  return {r.unit, r.members, r.excellent, r.excellent / r.members, r.good, r.done, r.not_done};
}

}  // namespace xeploai::testing
