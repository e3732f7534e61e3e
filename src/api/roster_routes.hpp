#pragma once
// Roster import and export under /api/v1 (issue 6, docs/import.md):
//   POST /api/v1/units/{id}/roster/import?dry_run=true&mapping={...}   body: the CSV or XLSX file itself
//   GET  /api/v1/units/{id}/roster.csv       GET /api/v1/units/{id}/roster.xlsx
// and the file writers the CLI shares (xeploai export-roster).
#include <filesystem>
#include <string>

#include "api/context.hpp"
#include "http/router.hpp"
#include "importer/roster.hpp"
#include "util/result.hpp"

namespace xeploai::api {

// The largest upload the import route accepts (a province of ~100,000 members is ~15 MB of CSV).
inline constexpr std::size_t kRosterBodyLimit = 64u << 20;

void register_roster_routes(http::Router& router, ApiContext& ctx);

// The roster in the shape the importer reads back: the member section (header, rows), a blank row, the unit
// section. CSV: UTF-8 with a byte-order mark, CRLF. XLSX: one sheet, the member header frozen and styled.
std::string roster_csv(const importer::roster::Roster& roster);
Result<void> write_roster_xlsx(const importer::roster::Roster& roster, const std::filesystem::path& path);

}  // namespace xeploai::api
