#pragma once
// Statistics of decided grades (service/stats, docs/statistics.md): GET /api/v1/units/{id}/statistics (JSON for the
// web's charts) and the annual report's table as GET /api/v1/units/{id}/statistics.xlsx and .pdf.
#include <filesystem>
#include <string>

#include "api/context.hpp"
#include "http/router.hpp"
#include "service/stats/stats.hpp"
#include "util/result.hpp"

namespace xeploai::api {

void register_stats_routes(http::Router& router, ApiContext& ctx);

// The annual report's table of a statistics report, written to `path` (also used for docs/samples). `today` is the
// date printed on the PDF (YYYY-MM-DD).
Result<void> write_statistics_xlsx(const service::stats::Report& report, const std::filesystem::path& path);
Result<void> write_statistics_pdf(const service::stats::Report& report, const std::filesystem::path& path,
                                  const std::string& today);

}  // namespace xeploai::api
