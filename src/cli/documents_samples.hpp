#pragma once
// The official documents of one cell, written to files from what a database stores (service/documents): the
// statements 02A and 02B, the cell's report (Mẫu 01), the minutes of its closed meeting, the decision and a
// notification, each as PDF and DOCX. `xeploai documents` and bench/documents_bench.cpp use it; docs/samples/ holds
// its output for the demo province.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::cli {

struct PlayedCell {
  std::int64_t cycle_id = 0, cell_id = 0, meeting_id = 0, decision_id = 0;
  std::string cell_name;
};

// Plays the review of one cell of the first commune through the real services (as its secretary, the commune's
// committee and staff, and each voter with their own ballot): opens the commune's cycle for `year`, enters and
// submits every statement of the cell, holds the meeting (show of hands; one member by secret ballot), closes it,
// proposes, decides and publishes the members' grades. Picks the cell that has a 02A and a 02B subject and the
// fewest members. Changes the database: meant for a scratch copy of the demo.
Result<PlayedCell> play_demo_cell(store::Database& db, int year);

struct WrittenDocument {
  std::string name;  // "statement-2b.pdf"
  std::filesystem::path path;
};

// Writes the documents of the latest closed meeting's cell into `out`: statement-2a, statement-2b, report-01,
// minutes, decision (its latest published decision) and notification (to the 02B subject), each .pdf and .docx.
// A document the data does not have (no 02A subject, no decision yet) is skipped with a line on stderr.
Result<std::vector<WrittenDocument>> write_cell_documents(store::Database& db, const std::filesystem::path& out);

}  // namespace xeploai::cli
