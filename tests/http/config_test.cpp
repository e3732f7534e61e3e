#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "http/config.hpp"

namespace xeploai::http {
namespace {

namespace fs = std::filesystem;

struct Env {
  std::map<std::string, std::string> vars;
  EnvLookup lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

fs::path write_config(const std::string& name, const std::string& text) {
  fs::path dir = fs::path(XEPLOAI_BINARY_DIR) / "test_http_config";
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

bool names(const Error& e, const std::string& path) {
  for (const auto& d : e.details)
    if (d.path.find(path) != std::string::npos) return true;
  return false;
}

TEST(Config, DefaultsWithoutAnything) {
  Env env;
  auto c = load_config({}, env.lookup());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->db, "xeploai.db");
  EXPECT_EQ(c->server.host, "127.0.0.1");
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->log_level, "info");
}

TEST(Config, FlagBeatsEnvBeatsFileBeatsDefault) {
  auto file = write_config("layers.toml", R"(
[database]
url = "from-file.db"
pool_size = 3
[server]
port = 7000
host = "0.0.0.0"
worker_threads = 5
[timeouts]
handler_ms = 1500
[sessions]
secure_cookies = true
)");
  Env env;
  env.vars = {{"XEPLOAI_CONFIG", file.string()}, {"XEPLOAI_PORT", "7100"}, {"XEPLOAI_DB", "from-env.db"}};
  ConfigFlags flags;
  flags.db = "postgresql://x@localhost/db";
  auto c = load_config(flags, env.lookup());
  ASSERT_TRUE(c.ok()) << c.error().details.at(0).problem;
  EXPECT_EQ(c->db, "postgresql://x@localhost/db");  // flag
  EXPECT_EQ(c->server.port, 7100);                  // env over file
  EXPECT_EQ(c->server.host, "0.0.0.0");             // file over default
  EXPECT_EQ(c->db_pool_size, 3);
  EXPECT_EQ(c->server.worker_threads, 5);
  EXPECT_EQ(c->server.handler_timeout, std::chrono::milliseconds(1500));
  EXPECT_TRUE(c->secure_cookies);
  EXPECT_EQ(c->server.io_threads, ServerOptions{}.io_threads);  // untouched: default

  flags.port = 0;
  c = load_config(flags, env.lookup());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.port, 0);  // flag over env
}

TEST(Config, BadFileValuesNameTheKey) {
  auto file = write_config("bad.toml", R"(
[server]
port = 70000
prot = 1
io_threads = "two"
[log]
level = "loud"
)");
  ConfigFlags flags;
  flags.config_file = file.string();
  auto c = load_config(flags, Env{}.lookup());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(c.error().details.size(), 4u);
  EXPECT_TRUE(names(c.error(), "server.port"));
  EXPECT_TRUE(names(c.error(), "server.prot"));
  EXPECT_TRUE(names(c.error(), "server.io_threads"));
  EXPECT_TRUE(names(c.error(), "log.level"));
}

TEST(Config, BadEnvAndFlagAndSyntaxAreReported) {
  Env env;
  env.vars = {{"XEPLOAI_WORKER_THREADS", "8x"}, {"XEPLOAI_SECURE_COOKIES", "maybe"}};
  ConfigFlags flags;
  flags.port = -1;
  auto c = load_config(flags, env.lookup());
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(names(c.error(), "XEPLOAI_WORKER_THREADS"));
  EXPECT_TRUE(names(c.error(), "XEPLOAI_SECURE_COOKIES"));
  EXPECT_TRUE(names(c.error(), "--port"));

  auto file = write_config("syntax.toml", "[server\nport = 1\n");
  flags = {};
  flags.config_file = file.string();
  c = load_config(flags, Env{}.lookup());
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(names(c.error(), "syntax.toml:1:")) << c.error().details.at(0).path;

  flags.config_file = "/nonexistent/xeploai.toml";
  c = load_config(flags, Env{}.lookup());
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(names(c.error(), "--config"));
}

TEST(Config, EverySettingHasAnEnvironmentVariable) {
  for (const auto& s : settings()) {
    EXPECT_EQ(s.env.rfind("XEPLOAI_", 0), 0u) << s.key;
    EXPECT_FALSE(s.description.empty()) << s.key;
  }
  EXPECT_GE(settings().size(), 17u);
}

}  // namespace
}  // namespace xeploai::http

namespace xeploai::http {
namespace {

// [mail] (e-mail reminders): off by default; a server needs a sender; only SMTP URLs.
TEST(Config, MailSectionIsOptionalAndChecked) {
  Env env;
  auto none = load_config({}, env.lookup());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->mail.url.empty());
  EXPECT_EQ(none->mail.days_before, 3);

  auto good = write_config("mail-good.toml",
                           "[mail]\nurl = \"smtp://127.0.0.1:2525\"\nfrom = \"xeploai@example.vn\"\ndays_before = 5\n");
  Env with_password;
  with_password.vars["XEPLOAI_MAIL_PASSWORD"] = "s3cret";
  ConfigFlags flags;
  flags.config_file = good.string();
  auto ok = load_config(flags, with_password.lookup());
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->mail.url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(ok->mail.from, "xeploai@example.vn");
  EXPECT_EQ(ok->mail.password, "s3cret");
  EXPECT_EQ(ok->mail.days_before, 5);

  auto bad = write_config("mail-bad.toml", "[mail]\nurl = \"http://mail.example.vn\"\ndays_before = 120\n");
  flags.config_file = bad.string();
  auto refused = load_config(flags, env.lookup());
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(names(refused.error(), "mail.url"));
  EXPECT_TRUE(names(refused.error(), "mail.days_before"));

  auto no_sender = write_config("mail-nofrom.toml", "[mail]\nurl = \"smtps://mail.example.vn\"\n");
  flags.config_file = no_sender.string();
  auto missing = load_config(flags, env.lookup());
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(names(missing.error(), "mail.from"));
}

}  // namespace
}  // namespace xeploai::http
