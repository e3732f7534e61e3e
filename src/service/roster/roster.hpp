#pragma once
// Roster import and export (docs/import.md): the records read from a roster file (importer/roster.hpp) checked
// against the store and written in one transaction, all or nothing, with the same derived columns as the org and
// people services (paths, sort keys, search keys) and one audit row for the whole import; and the units and
// members of a subtree as the same records, for writing back in the same shape.
//
// The importer's record types are header-only; this module calls no importer function, so the service library
// does not link the importer. Reading the file is the caller's step (api/roster_routes, cli/import_command).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "importer/roster.hpp"
#include "service/org/common.hpp"
#include "service/principal.hpp"
#include "store/database.hpp"

namespace xeploai::service::roster {

struct ImportOptions {
  // The unit the import is for: rows without a parent code go under it, referenced cells and parents must lie in
  // its subtree. Required for a caller; without it (the CLI, as the system) rows without a parent are roots.
  std::optional<std::int64_t> unit_id;
  bool dry_run = false;
  std::string source;               // file name, for the audit row and messages
  std::size_t max_problems = 1000;  // problems listed in a response; the total is always given
};

// Checks `file` (whose own problems are already listed) against the store and, unless dry_run or any problem,
// writes it. `who` null: the system (CLI), not authorized, audited without an actor; otherwise the caller needs
// an administrator or organization-board grant covering options.unit_id.
// Answer: {dry_run, ok, source, rows, units, members, ignored_headers, problems_total, problems: [{row, column, code,
// reason_vi, reason_en}], imported: {units, members} | null}. An import (not a dry run) with any problem writes nothing
// and is invalid_input whose details are the problems ("row 12, column card_number"), capped, with the total in the
// message.
Result<Json> import_roster(store::Transaction& tx, const Principal* who, const importer::roster::Roster& file,
                           const ImportOptions& options, const std::string& request_id = {});

// The current units of the subtree of `unit_id` (the unit itself first, with no parent code, then depth first,
// siblings by code) and the members active in them (by cell in that order, then Vietnamese order of names, then
// card number), in the file shape. Same authorization as the import.
Result<importer::roster::Roster> export_roster(store::Transaction& tx, const Principal* who, std::int64_t unit_id);

// Whether `who` may import into or export the unit: an administrator or organization-board grant on it or above.
// not_found when there is no such unit, forbidden otherwise. The API asks before reading an upload.
Result<void> authorize(store::Transaction& tx, const Principal& who, std::int64_t unit_id);

// The current unit with this code (for the CLI's --unit CODE).
std::optional<std::int64_t> unit_by_code(store::Transaction& tx, const std::string& code);

}  // namespace xeploai::service::roster
