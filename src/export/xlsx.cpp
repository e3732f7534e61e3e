#include "export/xlsx.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstdio>

#include "text/text.hpp"

namespace xeploai::documents {

struct XlsxWriter::State {
  std::filesystem::path path, tmp;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header = nullptr;
  lxw_format* title = nullptr;
  lxw_format* cell = nullptr;
  lxw_format* percent = nullptr;
  std::vector<bool> percent_columns;
  std::size_t columns = 0;
  lxw_row_t next_row = 0;
  std::string sheet_name;
};

XlsxWriter::XlsxWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
XlsxWriter::XlsxWriter(XlsxWriter&&) noexcept = default;

XlsxWriter::~XlsxWriter() {
  if (state_ && state_->workbook != nullptr) {
    // Abandoned without close(): libxlsxwriter has no abort, so write and remove the temporary file.
    workbook_close(state_->workbook);
    std::error_code ec;
    std::filesystem::remove(state_->tmp, ec);
  }
}

Result<XlsxWriter> XlsxWriter::create(const std::filesystem::path& path) {
  auto state = std::make_unique<State>();
  state->path = path;
  state->tmp = path;
  state->tmp += ".part";
  // libxlsxwriter opens the file only at close: fail now if it cannot be created there.
  if (std::FILE* probe = std::fopen(state->tmp.c_str(), "wb"); probe != nullptr)
    std::fclose(probe);
  else
    return Error::invalid("không tạo được tệp / cannot create the workbook " + path.string());
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  state->workbook = workbook_new_opt(state->tmp.c_str(), &options);
  if (state->workbook == nullptr) return Error::invalid("cannot create the workbook " + path.string());
  lxw_workbook* wb = state->workbook;
  state->header = workbook_add_format(wb);
  format_set_bold(state->header);
  format_set_border(state->header, LXW_BORDER_THIN);
  format_set_bg_color(state->header, 0xE6E6E6);
  format_set_align(state->header, LXW_ALIGN_CENTER);
  format_set_align(state->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(state->header);
  state->title = workbook_add_format(wb);
  format_set_bold(state->title);
  format_set_font_size(state->title, 14);
  state->cell = workbook_add_format(wb);
  format_set_border(state->cell, LXW_BORDER_THIN);
  state->percent = workbook_add_format(wb);
  format_set_border(state->percent, LXW_BORDER_THIN);
  format_set_num_format(state->percent, "0.0%");
  for (lxw_format* f : {state->header, state->title, state->cell, state->percent})
    format_set_font_name(f, "Liberation Serif");
  return XlsxWriter(std::move(state));
}

Result<void> XlsxWriter::add_sheet(const SheetSpec& spec) {
  State& s = *state_;
  if (s.workbook == nullptr) return Error::internal("the workbook is closed");
  if (spec.header.empty()) return Error::invalid("sheet " + spec.name + " has no columns");
  if (!spec.widths.empty() && spec.widths.size() != spec.header.size())
    return Error::invalid(
        fmt::format("sheet {}: {} widths for {} columns", spec.name, spec.widths.size(), spec.header.size()));
  if (workbook_validate_sheet_name(s.workbook, spec.name.c_str()) != LXW_NO_ERROR)
    return Error::invalid("tên trang tính không hợp lệ / invalid sheet name: \"" + spec.name +
                          "\" (at most 31 characters, none of []:*?/\\, unique)");
  for (const auto& h : spec.header)
    if (!text::is_valid_utf8(h)) return Error::invalid("sheet " + spec.name + ": a header is not valid UTF-8");
  s.sheet = workbook_add_worksheet(s.workbook, spec.name.c_str());
  if (s.sheet == nullptr) return Error::internal("cannot add the sheet " + spec.name);
  s.sheet_name = spec.name;
  s.columns = spec.header.size();
  s.percent_columns = spec.percent;
  s.percent_columns.resize(s.columns, false);
  s.next_row = 0;
  // Column widths are set before any row is written (required in constant-memory mode).
  for (std::size_t c = 0; c < s.columns; ++c)
    worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         spec.widths.empty() ? 15 : spec.widths[c], nullptr);
  if (!spec.title.empty()) {
    worksheet_write_string(s.sheet, s.next_row, 0, spec.title.c_str(), s.title);
    s.next_row += 2;  // the title, then a blank line
  }
  for (std::size_t c = 0; c < s.columns; ++c)
    worksheet_write_string(s.sheet, s.next_row, static_cast<lxw_col_t>(c), spec.header[c].c_str(), s.header);
  worksheet_freeze_panes(s.sheet, s.next_row + 1, 0);
  ++s.next_row;
  return {};
}

Result<void> XlsxWriter::add_row(const std::vector<Cell>& cells) {
  State& s = *state_;
  if (s.sheet == nullptr) return Error::internal("add_row before add_sheet");
  if (cells.size() > s.columns)
    return Error::invalid(fmt::format("sheet {}, row {}: {} cells for {} columns", s.sheet_name, s.next_row + 1,
                                      cells.size(), s.columns));
  if (s.next_row >= LXW_ROW_MAX) return Error::invalid("sheet " + s.sheet_name + " is full (1,048,576 rows)");
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    lxw_error rc = LXW_NO_ERROR;
    if (const auto* str = std::get_if<std::string>(&cells[c])) {
      if (!text::is_valid_utf8(*str))
        return Error::invalid(
            fmt::format("sheet {}, row {}, column {}: not valid UTF-8", s.sheet_name, s.next_row + 1, c + 1));
      rc = worksheet_write_string(s.sheet, s.next_row, col, str->c_str(), s.cell);
    } else if (const auto* num = std::get_if<double>(&cells[c])) {
      rc = worksheet_write_number(s.sheet, s.next_row, col, *num, s.percent_columns[c] ? s.percent : s.cell);
    } else {
      rc = worksheet_write_blank(s.sheet, s.next_row, col, s.cell);
    }
    if (rc != LXW_NO_ERROR)
      return Error::invalid(
          fmt::format("sheet {}, row {}, column {}: {}", s.sheet_name, s.next_row + 1, c + 1, lxw_strerror(rc)));
  }
  ++s.next_row;
  return {};
}

Result<void> XlsxWriter::close() {
  State& s = *state_;
  if (s.workbook == nullptr) return Error::internal("the workbook is already closed");
  lxw_error rc = workbook_close(s.workbook);
  s.workbook = nullptr;
  std::error_code ec;
  if (rc != LXW_NO_ERROR) {
    std::filesystem::remove(s.tmp, ec);
    return Error::internal("writing " + s.path.string() + " failed: " + lxw_strerror(rc));
  }
  std::filesystem::rename(s.tmp, s.path, ec);
  if (ec) return Error::internal("cannot move " + s.path.string() + " into place: " + ec.message());
  return {};
}

}  // namespace xeploai::documents
