// xeploai serve --db PATH|postgresql://... --port N [--host H] [--config FILE]: opens the database, applies
// pending migrations, serves the JSON API (and the browser app) until SIGTERM/SIGINT, then stops gracefully.
// Settings: defaults < TOML file < XEPLOAI_* environment < flags (src/http/config.hpp, docs/architecture.md).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "api/routes.hpp"
#include "cli/commands.hpp"
#include "cli/mail_settings.hpp"
#include "http/config.hpp"
#include "http/logging.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/system_routes.hpp"
#include "store/database.hpp"

#ifndef XEPLOAI_VERSION
#define XEPLOAI_VERSION "0.1.0"
#endif

namespace xeploai::cli {

namespace {

// postgresql://user:secret@host/db -> postgresql://user:***@host/db: the address line must not print a password.
std::string redact_password(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

void print_error(const Error& e) {
  std::fprintf(stderr, "xeploai serve: %s\n", e.message.c_str());
  for (const auto& d : e.details) std::fprintf(stderr, "  %s: %s\n", d.path.c_str(), d.problem.c_str());
}

int serve(const http::ConfigFlags& flags) {
  auto config = http::load_config(flags);
  if (!config) {
    print_error(config.error());
    return 2;
  }
  if (auto logging = http::configure_logging(config->log_level); !logging) {
    print_error(logging.error());
    return 2;
  }
  std::unique_ptr<store::Database> db;
  try {
    db = store::open_database(config->db, config->db_pool_size);
    auto applied = db->migrate();
    if (!applied.empty())
      spdlog::info("migrations applied count={} schema_version={}", applied.size(), db->schema_version());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xeploai serve: không mở được cơ sở dữ liệu (cannot open the database) %s: %s\n",
                 config->db.c_str(), e.what());
    return 1;
  }

  http::Router router;
  api::ApiOptions api_options;
  api_options.secure_cookies = config->secure_cookies;
  api_options.session_hours = config->session_hours;
  api::register_routes(router, *db, api_options);
  store::Database* database = db.get();
  http::add_system_routes(router, {XEPLOAI_VERSION,
                                   [database] {
                                     auto tx = database->begin(store::Access::read);
                                     auto row = tx->query_one("SELECT 1");
                                     return row && row->get_int(0) == 1;
                                   },
                                   [database] { return database->schema_version(); }});

  http::Server server(router, config->server);
  auto port = server.start();
  if (!port) {
    print_error(port.error());
    return 1;
  }
  std::printf("xeploai %s đang chạy tại (listening on) %s  [db: %s]\n", XEPLOAI_VERSION, server.address().c_str(),
              redact_password(config->db).c_str());
  std::fflush(stdout);
  spdlog::info("listening address={} io_threads={} worker_threads={} web_root={}", server.address(),
               config->server.io_threads, config->server.worker_threads,
               config->server.web_root.empty() ? "-" : config->server.web_root);
  // E-mail reminders only where [mail] is configured; stopped with the server.
  std::unique_ptr<service::mail::PeriodicReminders> reminders;
  if (!config->mail.url.empty()) {
    reminders = std::make_unique<service::mail::PeriodicReminders>(
        *db, mail_settings(config->mail), std::chrono::minutes(config->mail.interval_minutes));
    spdlog::info("mail reminders every_minutes={} days_before={}",
                 config->mail.interval_minutes, config->mail.days_before);
  }
  server.run_until_signal();
  reminders.reset();
  spdlog::info("stopped");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  struct Options {
    std::optional<std::string> config, db, host;
    std::optional<int> port;
  };
  auto options = std::make_shared<Options>();
  auto* cmd =
      app.add_subcommand("serve", "Chạy máy chủ HTTP (run the HTTP server: JSON API under /api/v1 and the web app)");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname [XEPLOAI_DB]");
  cmd->add_option("--port", options->port, "TCP port; 0 picks a free one [XEPLOAI_PORT, default 8080]");
  cmd->add_option("--host", options->host, "address to bind [XEPLOAI_HOST, default 127.0.0.1]");
  cmd->add_option("--config", options->config, "TOML config file [XEPLOAI_CONFIG]");
  cmd->callback([options] {
    http::ConfigFlags flags;
    flags.config_file = options->config;
    flags.db = options->db;
    flags.host = options->host;
    flags.port = options->port;
    exit_code() = serve(flags);
  });
}

}  // namespace xeploai::cli
