#pragma once
// The roster file (docs/import.md): units and party members in one table-shaped file, CSV (UTF-8, with or without
// a byte-order mark) or the first sheet of an XLSX workbook. The file holds up to two sections, each a header row
// and its rows, in either order, separated by nothing more than the next section's header (blank rows are
// ignored): the members (the national party-member database's export columns: "Số thẻ đảng viên", "Họ và tên",
// "Ngày sinh", ...) and the units ("Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", ...). A file of
// members only is the usual case. Headers are matched ignoring case and diacritics, or through a mapping.
//
// This layer reads and checks the file on its own (dates, NFC, enumerations, duplicates within the file, missing
// columns, encoding) and produces plain records; the service (service/roster) checks them against the store and
// writes them. The record types are header-only so that the service uses them without linking the importer.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "importer/row_source.hpp"
#include "importer/schema.hpp"
#include "util/result.hpp"

namespace xeploai::importer::roster {

struct UnitRecord {
  std::size_t row = 0;
  std::string code;
  std::string name;
  std::string kind;            // a FORMAT.md unit kind ("cell"), mapped from the Vietnamese name ("Chi bộ")
  std::string parent_code;     // empty: under the unit the import is for (or a root)
  std::string established_on;  // ISO, or empty
};

struct MemberRecord {
  std::size_t row = 0;
  std::string card_number;  // empty when the file has none (probationary members have no card yet)
  std::string full_name;
  std::string gender;                                // "male", "female" or empty
  std::string birth_date, admitted_on, official_on;  // ISO, or empty
  std::string cell;                                  // the cell's code (or, failing that, its exact name)
  std::string status;                                // people.status, or empty (derived by the service)
  std::string residence;
  bool civil_servant = false;
  std::string joined_on;  // ISO start of the membership in the cell, or empty
};

struct Roster {
  std::vector<UnitRecord> units;
  std::vector<MemberRecord> members;
  // Every problem of the file, in file order; the service adds those it finds against the store.
  std::vector<Problem> problems;
  std::size_t rows = 0;  // data rows read, both sections
  bool has_units_section = false;
  bool has_members_section = false;
  std::vector<std::string> ignored_headers;  // headers that map to no field (e.g. "STT")
};

// The two schemas, with the Vietnamese headers the national party-member database exports and the English ones.
const Schema& member_schema();
const Schema& unit_schema();

// Field key -> header text in the file, for both sections (field keys are distinct across them).
using Mapping = std::map<std::string, std::string>;
// A mapping file: a JSON object {"header in the file": "field key", ...} (docs/import.md lists the keys).
// invalid_input naming each unknown field or non-text value.
Result<Mapping> parse_mapping(std::string_view json);

// Reads every row of `source` into records. Data problems, and reading failures (text that is not UTF-8, a
// damaged file), are listed in Roster::problems with their row (a reading failure ends the reading there).
Roster read_roster(RowSource& source, const Mapping& mapping = {});

// The same from a file or from bytes in memory (an upload), opened as below; a file that cannot be opened at all
// (UTF-16, not a workbook) is a problem of the roster too, so that a dry run lists it like any other.
Roster read_roster_file(const std::filesystem::path& path, const Mapping& mapping = {});
Roster read_roster_bytes(std::string bytes, const std::string& name, const Mapping& mapping = {});

// Opens a file as XLSX (first sheet) when it starts with the ZIP signature, else as CSV.
Result<std::unique_ptr<RowSource>> open_roster_file(const std::filesystem::path& path);
// The same for bytes in memory (an upload); XLSX goes through a temporary file (minizip reads files).
Result<std::unique_ptr<RowSource>> open_roster_bytes(std::string bytes, const std::string& name);
bool looks_like_xlsx(std::string_view bytes);

// The file shape written by the roster export, read back by read_roster: Vietnamese headers, dates dd/mm/yyyy,
// gender, status and kinds in Vietnamese, civil servants "x".
std::vector<std::string> member_header();
std::vector<std::string> member_cells(const MemberRecord& m);
std::vector<std::string> unit_header();
std::vector<std::string> unit_cells(const UnitRecord& u);

// Vietnamese names of unit kinds and statuses, as written in files (header-only: the service uses them in its
// messages without linking the importer).
inline constexpr std::pair<std::string_view, std::string_view> kKindLabels[] = {
    {"province_committee", "Đảng bộ tỉnh"},
    {"upper_grassroots_committee", "Đảng bộ cấp trên cơ sở"},
    {"grassroots_committee", "Đảng bộ cơ sở"},
    {"grassroots_cell", "Chi bộ cơ sở"},
    {"sectional_committee", "Đảng bộ bộ phận"},
    {"cell", "Chi bộ trực thuộc"},
    {"agency", "Cơ quan"}};
inline constexpr std::pair<std::string_view, std::string_view> kStatusLabels[] = {{"active", "Chính thức"},
                                                                                  {"probationary", "Dự bị"},
                                                                                  {"exempt", "Miễn sinh hoạt"},
                                                                                  {"suspended", "Đình chỉ sinh hoạt"}};
inline std::string_view kind_label(std::string_view kind) {
  for (const auto& [k, label] : kKindLabels)
    if (k == kind) return label;
  return kind;
}
inline std::string_view status_label(std::string_view status) {
  for (const auto& [s, label] : kStatusLabels)
    if (s == status) return label;
  return status;
}

}  // namespace xeploai::importer::roster
