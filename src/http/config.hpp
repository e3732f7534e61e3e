#pragma once
// Configuration of `xeploai serve`: defaults < TOML file < environment (XEPLOAI_*) < command-line flags.
// docs/architecture.md lists every setting with its file key and environment variable.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "util/result.hpp"

namespace xeploai::http {

// [mail]: e-mail reminders (service/mail, docs/workflow.md "E-mail reminders"). No url: no e-mail is sent.
struct MailConfig {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string from;      // sender address, required with url
  std::string user;      // SMTP login (optional); when set, smtp:// must offer STARTTLS
  std::string password;
  int days_before = 3;        // remind this many days before the self-review and meeting deadlines
  int interval_minutes = 60;  // how often `serve` queues and sends
};

struct ServeConfig {
  std::string db = "xeploai.db";  // SQLite file path or postgresql://...
  int db_pool_size = 8;
  ServerOptions server;
  std::string log_level = "info";  // trace, debug, info, warn, error, critical, off
  bool secure_cookies = false;
  int session_hours = 12;
  MailConfig mail;
};

// Values given on the command line; unset ones leave the lower layers alone.
struct ConfigFlags {
  std::optional<std::string> config_file;
  std::optional<std::string> db;
  std::optional<std::string> host;
  std::optional<int> port;
};

// Looks an environment variable up; the default reads the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_environment();

// The config file comes from flags.config_file, else XEPLOAI_CONFIG, else none. Errors are invalid_input with
// one detail per problem, each naming the file key ("server.port"), the variable (XEPLOAI_PORT) or the flag.
// web_root defaults to "web/dist" when that directory exists.
Result<ServeConfig> load_config(const ConfigFlags& flags, const EnvLookup& env = process_environment());

// One line per setting: key, environment variable, default (for --help and docs).
struct SettingInfo {
  std::string key;
  std::string env;
  std::string description;
};
const std::vector<SettingInfo>& settings();

}  // namespace xeploai::http
