// xeploai send-reminders --db URL [--config FILE] [--today YYYY-MM-DD]: queues the e-mail reminders due (service/mail)
// and delivers the outbox over the SMTP server of [mail]; for cron, or once by hand. `serve` does the same
// periodically when [mail] is configured. Without [mail] nothing is queued or sent.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/mail_settings.hpp"
#include "service/org/common.hpp"
#include "store/database.hpp"

namespace xeploai::cli {

void add_send_reminders_command(CLI::App& app) {
  struct Options {
    std::optional<std::string> db, config, today;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("send-reminders",
                                 "Gửi thư nhắc hạn kiểm điểm qua e-mail (queue and send the e-mail reminders due; "
                                 "needs [mail] in the config file)");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname [XEPLOAI_DB]");
  cmd->add_option("--config", options->config, "TOML config file with [mail] [XEPLOAI_CONFIG]");
  cmd->add_option("--today", options->today, "the day to count deadlines from, YYYY-MM-DD (default: today, UTC)");
  cmd->callback([options] {
    http::ConfigFlags flags;
    flags.config_file = options->config;
    flags.db = options->db;
    auto config = http::load_config(flags);
    if (!config) {
      std::fprintf(stderr, "xeploai send-reminders: %s\n", config.error().message.c_str());
      for (const auto& d : config.error().details)
        std::fprintf(stderr, "  %s: %s\n", d.path.c_str(), d.problem.c_str());
      exit_code() = 2;
      return;
    }
    const auto settings = mail_settings(config->mail);
    if (!settings.configured()) {
      std::printf("%s\n", "chưa cấu hình [mail], không gửi gì (e-mail is not configured: nothing sent)");
      exit_code() = 0;
      return;
    }
    try {
      auto db = store::open_database(config->db, 2);
      db->migrate();
      auto report = service::mail::run_reminders(*db, settings, options->today.value_or(service::today()));
      if (!report) {
        std::fprintf(stderr, "xeploai send-reminders: %s\n", report.error().message.c_str());
        for (const auto& d : report.error().details)
          std::fprintf(stderr, "  %s: %s\n", d.path.c_str(), d.problem.c_str());
        exit_code() = 2;
        return;
      }
      std::printf("%s\n", fmt::format("xếp hàng {} thư, đã gửi {}, lỗi {} (queued {}, sent {}, failed {})",
                                      report->queued, report->delivery.sent, report->delivery.failed, report->queued,
                                      report->delivery.sent, report->delivery.failed)
                              .c_str());
      // Failures stay queued for the next run; the exit code tells cron something needs a look.
      exit_code() = report->delivery.failed ? 3 : 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "xeploai send-reminders: %s\n", e.what());
      exit_code() = 1;
    }
  });
}

}  // namespace xeploai::cli
