#pragma once
// Process-wide logging: spdlog to stderr, one key=value line per event ("request id=... method=... status=...").
#include <string>

#include "util/result.hpp"

namespace xeploai::http {

// level: trace, debug, info, warn, error, critical, off.
Result<void> configure_logging(const std::string& level);

}  // namespace xeploai::http
