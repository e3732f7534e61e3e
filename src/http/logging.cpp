#include "http/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace xeploai::http {

Result<void> configure_logging(const std::string& level) {
  auto parsed = spdlog::level::from_str(level);
  // from_str answers "off" for anything it does not know; only "off" itself may mean off.
  if (parsed == spdlog::level::off && level != "off") {
    return Error::invalid("Mức ghi log không hợp lệ / invalid log level", {{"log.level", "unknown level " + level}});
  }
  // stderr keeps stdout for what the command prints (the listening address).
  auto logger = std::make_shared<spdlog::logger>("xeploai", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  logger->set_level(parsed);
  // Flush warnings at once so a crash loses no error line; info lines are flushed in batches for speed.
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  return {};
}

}  // namespace xeploai::http
