#include "http/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace xeploai::http {

namespace {

enum class Kind { text, integer, boolean };

struct Setting {
  SettingInfo info;
  Kind kind;
  long long min = 0, max = 0;  // integers
  // Applies a value already checked against kind and range; returns a problem or nullopt.
  std::function<std::optional<std::string>(ServeConfig&, const std::string&, long long, bool)> apply;
};

std::optional<std::string> ok() { return std::nullopt; }

const std::vector<Setting>& table() {
  using ms = std::chrono::milliseconds;
  static const std::vector<Setting> kTable = [] {
    std::vector<Setting> t;
    auto text = [&](std::string key, std::string env, std::string desc, auto set) {
      t.push_back({{std::move(key), std::move(env), std::move(desc)},
                   Kind::text,
                   0,
                   0,
                   [set](ServeConfig& c, const std::string& s, long long, bool) { return set(c, s); }});
    };
    auto integer = [&](std::string key, std::string env, std::string desc, long long min, long long max, auto set) {
      t.push_back({{std::move(key), std::move(env), std::move(desc)},
                   Kind::integer,
                   min,
                   max,
                   [set](ServeConfig& c, const std::string&, long long v, bool) {
                     set(c, v);
                     return ok();
                   }});
    };
    auto boolean = [&](std::string key, std::string env, std::string desc, auto set) {
      t.push_back({{std::move(key), std::move(env), std::move(desc)},
                   Kind::boolean,
                   0,
                   0,
                   [set](ServeConfig& c, const std::string&, long long, bool b) {
                     set(c, b);
                     return ok();
                   }});
    };
    text("database.url", "XEPLOAI_DB", "SQLite file path or postgresql:// URL (flag --db)",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           if (s.empty()) return "must not be empty";
           c.db = s;
           return ok();
         });
    integer("database.pool_size", "XEPLOAI_DB_POOL_SIZE", "database connections", 1, 1024,
            [](ServeConfig& c, long long v) { c.db_pool_size = static_cast<int>(v); });
    text("server.host", "XEPLOAI_HOST", "address to bind (flag --host); default 127.0.0.1",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           if (s.empty()) return "must not be empty";
           c.server.host = s;
           return ok();
         });
    integer("server.port", "XEPLOAI_PORT", "TCP port (flag --port); 0 picks a free one", 0, 65535,
            [](ServeConfig& c, long long v) { c.server.port = static_cast<std::uint16_t>(v); });
    integer("server.io_threads", "XEPLOAI_IO_THREADS", "threads running sockets and parsing", 1, 256,
            [](ServeConfig& c, long long v) { c.server.io_threads = static_cast<int>(v); });
    integer("server.worker_threads", "XEPLOAI_WORKER_THREADS", "threads running handlers (database, hashing)", 1, 1024,
            [](ServeConfig& c, long long v) { c.server.worker_threads = static_cast<int>(v); });
    text("server.web_root", "XEPLOAI_WEB_ROOT", "directory of the browser app; empty: none (default web/dist)",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           if (!s.empty() && !std::filesystem::is_directory(s)) return "not a directory: " + s;
           c.server.web_root = s;
           return ok();
         });
    integer("limits.header_bytes", "XEPLOAI_HEADER_LIMIT_BYTES", "request line and headers; over it: 431", 1024,
            1 << 20, [](ServeConfig& c, long long v) { c.server.header_limit = static_cast<std::size_t>(v); });
    integer("limits.body_bytes", "XEPLOAI_BODY_LIMIT_BYTES", "request body; over it: 413 without reading it", 1024,
            1LL << 32, [](ServeConfig& c, long long v) { c.server.body_limit = static_cast<std::size_t>(v); });
    integer("timeouts.read_header_ms", "XEPLOAI_READ_HEADER_TIMEOUT_MS", "reading headers; also keep-alive idle", 10,
            3'600'000, [](ServeConfig& c, long long v) { c.server.read_header_timeout = ms(v); });
    integer("timeouts.read_body_ms", "XEPLOAI_READ_BODY_TIMEOUT_MS", "reading the body", 10, 3'600'000,
            [](ServeConfig& c, long long v) { c.server.read_body_timeout = ms(v); });
    integer("timeouts.handler_ms", "XEPLOAI_HANDLER_TIMEOUT_MS", "handler; over it: 503", 10, 3'600'000,
            [](ServeConfig& c, long long v) { c.server.handler_timeout = ms(v); });
    integer("timeouts.write_ms", "XEPLOAI_WRITE_TIMEOUT_MS", "writing the response", 10, 3'600'000,
            [](ServeConfig& c, long long v) { c.server.write_timeout = ms(v); });
    integer("timeouts.shutdown_grace_ms", "XEPLOAI_SHUTDOWN_GRACE_MS", "in-flight requests may finish within it", 0,
            3'600'000, [](ServeConfig& c, long long v) { c.server.shutdown_grace = ms(v); });
    text("log.level", "XEPLOAI_LOG_LEVEL", "trace, debug, info, warn, error, critical, off",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           static const std::vector<std::string> kLevels{"trace", "debug", "info", "warn", "error", "critical", "off"};
           if (std::find(kLevels.begin(), kLevels.end(), s) == kLevels.end())
             return "must be one of trace, debug, info, warn, error, critical, off";
           c.log_level = s;
           return ok();
         });
    boolean("log.requests", "XEPLOAI_LOG_REQUESTS", "one log line per request",
            [](ServeConfig& c, bool b) { c.server.log_requests = b; });
    boolean("sessions.secure_cookies", "XEPLOAI_SECURE_COOKIES", "Secure flag on cookies (behind TLS)",
            [](ServeConfig& c, bool b) { c.secure_cookies = b; });
    integer("sessions.hours", "XEPLOAI_SESSION_HOURS", "idle session expiry", 1, 24 * 90,
            [](ServeConfig& c, long long v) { c.session_hours = static_cast<int>(v); });
    text("mail.url", "XEPLOAI_MAIL_URL", "SMTP server for e-mail reminders, smtp://host:port or smtps://…; empty: none",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           if (!s.empty() && !s.starts_with("smtp://") && !s.starts_with("smtps://"))
             return "must start with smtp:// or smtps://";
           c.mail.url = s;
           return ok();
         });
    text("mail.from", "XEPLOAI_MAIL_FROM", "sender address of the reminders (required with mail.url)",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           if (!s.empty() && (s.find('@') == std::string::npos || s.find_first_of(" <>\r\n") != std::string::npos))
             return "must be an address like xeploai@example.org";
           c.mail.from = s;
           return ok();
         });
    text("mail.user", "XEPLOAI_MAIL_USER", "SMTP login (optional; then smtp:// must offer STARTTLS)",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           c.mail.user = s;
           return ok();
         });
    text("mail.password", "XEPLOAI_MAIL_PASSWORD", "SMTP password (prefer the environment variable to the file)",
         [](ServeConfig& c, const std::string& s) -> std::optional<std::string> {
           c.mail.password = s;
           return ok();
         });
    integer("mail.days_before", "XEPLOAI_MAIL_DAYS_BEFORE", "remind this many days before a deadline", 0, 90,
            [](ServeConfig& c, long long v) { c.mail.days_before = static_cast<int>(v); });
    integer("mail.interval_minutes", "XEPLOAI_MAIL_INTERVAL_MINUTES", "how often serve queues and sends reminders",
            1, 24 * 60, [](ServeConfig& c, long long v) { c.mail.interval_minutes = static_cast<int>(v); });
    return t;
  }();
  return kTable;
}

// Parses `raw` for the setting and applies it; the problem otherwise.
std::optional<std::string> apply_text(const Setting& s, ServeConfig& config, const std::string& raw) {
  switch (s.kind) {
    case Kind::text:
      return s.apply(config, raw, 0, false);
    case Kind::integer: {
      long long v = 0;
      auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
      if (ec != std::errc{} || end != raw.data() + raw.size() || raw.empty())
        return "must be an integer, got '" + raw + "'";
      if (v < s.min || v > s.max) return fmt::format("must be from {} to {}, got {}", s.min, s.max, v);
      return s.apply(config, raw, v, false);
    }
    case Kind::boolean:
      if (raw == "true" || raw == "1") return s.apply(config, raw, 0, true);
      if (raw == "false" || raw == "0") return s.apply(config, raw, 0, false);
      return "must be true or false, got '" + raw + "'";
  }
  return "unknown kind";
}

const Setting* find_setting(const std::string& key) {
  for (const auto& s : table())
    if (s.info.key == key) return &s;
  return nullptr;
}

void apply_file(const std::string& path, ServeConfig& config, std::vector<ErrorDetail>& problems) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    problems.push_back({fmt::format("{}:{}:{}", path, where.line, where.column), std::string(e.description())});
    return;
  }
  for (const auto& [section_key, section] : doc) {
    const std::string section_name(section_key.str());
    const auto* tbl = section.as_table();
    if (!tbl) {
      problems.push_back({path + ": " + section_name, "unknown setting (settings live in sections such as [server])"});
      continue;
    }
    for (const auto& [key, node] : *tbl) {
      const std::string name = section_name + "." + std::string(key.str());
      const std::string where = path + ": " + name;
      const Setting* s = find_setting(name);
      if (!s) {
        problems.push_back({where, "unknown setting"});
        continue;
      }
      std::optional<std::string> raw;
      if (s->kind == Kind::text && node.is_string()) raw = node.value<std::string>();
      if (s->kind == Kind::integer && node.is_integer()) raw = std::to_string(*node.value<long long>());
      if (s->kind == Kind::boolean && node.is_boolean()) raw = *node.value<bool>() ? "true" : "false";
      if (!raw) {
        static const char* kNames[] = {"a string", "an integer", "true or false"};
        problems.push_back({where, std::string("must be ") + kNames[static_cast<int>(s->kind)]});
        continue;
      }
      if (auto problem = apply_text(*s, config, *raw)) problems.push_back({where, *problem});
    }
  }
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

const std::vector<SettingInfo>& settings() {
  static const std::vector<SettingInfo> kInfo = [] {
    std::vector<SettingInfo> out;
    for (const auto& s : table()) out.push_back(s.info);
    return out;
  }();
  return kInfo;
}

Result<ServeConfig> load_config(const ConfigFlags& flags, const EnvLookup& env) {
  ServeConfig config;
  std::vector<ErrorDetail> problems;
  bool web_root_set = false;

  std::optional<std::string> file = flags.config_file;
  if (!file) file = env("XEPLOAI_CONFIG");
  if (file) {
    if (!std::filesystem::is_regular_file(*file)) {
      problems.push_back({flags.config_file ? "--config" : "XEPLOAI_CONFIG", "no such file: " + *file});
    } else {
      apply_file(*file, config, problems);
      // The file may set web_root to "" on purpose; detect that it was mentioned at all.
      try {
        auto doc = toml::parse_file(*file);
        web_root_set = static_cast<bool>(doc["server"]["web_root"]);
      } catch (const toml::parse_error&) {
      }
    }
  }
  for (const auto& s : table()) {
    auto raw = env(s.info.env);
    if (!raw) continue;
    if (s.info.key == "server.web_root") web_root_set = true;
    if (auto problem = apply_text(s, config, *raw)) problems.push_back({s.info.env, *problem});
  }
  auto flag = [&](const char* name, const char* key, const std::string& raw) {
    if (auto problem = apply_text(*find_setting(key), config, raw)) problems.push_back({name, *problem});
  };
  if (flags.db) flag("--db", "database.url", *flags.db);
  if (flags.host) flag("--host", "server.host", *flags.host);
  if (flags.port) flag("--port", "server.port", std::to_string(*flags.port));

  if (!config.mail.url.empty() && config.mail.from.empty())
    problems.push_back({"mail.from", "required when mail.url is set"});
  if (!problems.empty()) {
    return Error::invalid("Cấu hình không hợp lệ / invalid configuration", std::move(problems));
  }
  if (!web_root_set && std::filesystem::is_directory("web/dist")) config.server.web_root = "web/dist";
  return config;
}

}  // namespace xeploai::http
