#include "api/support/test_app.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/auth_routes.hpp"
#include "api/routes.hpp"
#include "http/system_routes.hpp"
#include "security/security.hpp"
#include "service/auth/accounts.hpp"
#include "service/org/common.hpp"
#include "service/org/units.hpp"
#include "service/people/people.hpp"

namespace xeploai::api::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// ---- HttpResponse ----------------------------------------------------------------------------------------------

Json& HttpResponse::json() const {
  if (!parsed_) {
    auto parsed = Json::parse(body, nullptr, false);
    parsed_ = parsed.is_discarded() ? Json() : std::move(parsed);
  }
  return *parsed_;
}

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpResponse::error_code() const {
  const auto& j = json();
  if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code"))
    return j["error"]["code"].get<std::string>();
  return {};
}

std::vector<std::string> error_paths(const HttpResponse& r) {
  std::vector<std::string> out;
  for (const auto& d : r.json()["error"]["details"]) out.push_back(d["path"].get<std::string>());
  return out;
}

bool has_error_at(const HttpResponse& r, const std::string& path) {
  const auto paths = error_paths(r);
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

std::string problem_at(const HttpResponse& r, const std::string& path) {
  for (const auto& d : r.json()["error"]["details"])
    if (d["path"] == path) return d["problem"].get<std::string>();
  return "";
}

// ---- HttpClient ------------------------------------------------------------------------------------------------

HttpResponse HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, fmt::format("127.0.0.1:{}", port_));
  req.set(bhttp::field::user_agent, "xeploai-api-test");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.set(bhttp::field::content_type, "application/json");
  }
  if (!bearer_.empty()) {
    req.set(bhttp::field::authorization, "Bearer " + bearer_);
  } else if (!cookies_.empty()) {
    std::string cookie;
    for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    req.set(bhttp::field::cookie, cookie);
  }
  const bool unsafe = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  if (unsafe && send_csrf_ && !csrf_token_.empty() && bearer_.empty()) req.set("X-CSRF-Token", csrf_token_);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(false);
  bhttp::write(socket, req);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(socket, buffer, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers.emplace(name, std::string(field.value()));
  }
  // The cookie jar: "name=value; attributes"; Max-Age=0 deletes.
  auto range = out.headers.equal_range("set-cookie");
  for (auto it = range.first; it != range.second; ++it) {
    const std::string& sc = it->second;
    auto semi = sc.find(';');
    auto pair = sc.substr(0, semi);
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    auto name = pair.substr(0, eq);
    auto value = pair.substr(eq + 1);
    if (value.empty() || sc.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  beast::error_code ec;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

HttpResponse HttpClient::login(const std::string& username, const std::string& password, bool bearer) {
  Json body = {{"username", username}, {"password", password}};
  if (bearer) body["bearer"] = true;
  auto r = post("/api/v1/sessions", body);
  if (r.status == 201) {
    auto j = r.json();
    csrf_token_ = j.value("csrf_token", "");
  }
  return r;
}

// ---- TestApp ---------------------------------------------------------------------------------------------------

TestApp::TestApp(Backend backend, ApiOptions options) : backend_(backend) {
  service::auth::set_password_cost_for_tests(true);
  temp_ = std::make_unique<store::testing::TemporaryDatabase>(backend);
  db_ = temp_->open(8);
  db_->migrate();
  {
    auto tx = db_->begin(store::Access::write);
    root_unit_ =
        service::org::create_root_unit(*tx, "province_committee", "Đảng bộ tỉnh Thử Nghiệm", "TN", "2000-01-01");
    tx->commit();
  }
  system_.account_id = 0;
  system_.username = "system";
  system_.grants = {{service::Role::administrator, root_unit_}};

  // As `xeploai serve` does: the resource routes, then health and the OpenAPI document.
  register_routes(router_, *db_, options);
  bool has_auth = false;
  for (const auto& r : router_.routes()) has_auth |= (r.pattern == "/api/v1/sessions");
  if (!has_auth) {
    // Until api::register_routes includes them, the harness adds the auth routes itself.
    ctx_ = std::make_unique<ApiContext>(ApiContext{*db_, options});
    register_auth_routes(router_, *ctx_);
  }
  http::SystemInfo info;
  info.version = "test";
  store::Database* db = db_.get();
  info.database_ping = [db] {
    auto tx = db->begin(store::Access::read);
    tx->query("SELECT 1");
    return true;
  };
  info.schema_version = [db] { return db->schema_version(); };
  http::add_system_routes(router_, std::move(info));

  http::ServerOptions server_options;
  server_options.port = 0;
  server_options.worker_threads = 4;
  server_options.log_requests = false;
  server_ = std::make_unique<http::Server>(router_, server_options);
  auto started = server_->start();
  if (!started) throw std::runtime_error("TestApp: server did not start: " + started.error().message);
}

TestApp::~TestApp() {
  if (server_) server_->stop();
  server_.reset();
  db_.reset();
  temp_.reset();
}

std::uint16_t TestApp::port() const { return server_->port(); }

std::int64_t TestApp::add_unit(std::int64_t parent, const std::string& kind, const std::string& name,
                               const std::string& code) {
  service::Call call{system_, "test-seed"};
  auto tx = db_->begin(store::Access::write);
  auto r = service::org::create_unit(
      *tx, call,
      {{"kind", kind}, {"name", name}, {"code", code}, {"parent_id", parent}, {"established_on", "2010-01-01"}});
  EXPECT_TRUE(r.ok()) << "add_unit " << code << ": " << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return 0;
  tx->commit();
  return (*r)["id"].get<std::int64_t>();
}

std::int64_t TestApp::add_person(std::int64_t cell, const std::string& full_name, const std::string& card_number) {
  service::Call call{system_, "test-seed"};
  auto tx = db_->begin(store::Access::write);
  auto r = service::people::create_person(*tx, call,
                                          {{"full_name", full_name},
                                           {"unit_id", cell},
                                           {"status", "active"},
                                           {"card_number", card_number},
                                           {"joined_on", "2015-01-01"}});
  EXPECT_TRUE(r.ok()) << "add_person " << full_name << ": " << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return 0;
  tx->commit();
  return (*r)["id"].get<std::int64_t>();
}

std::int64_t TestApp::add_account(const std::string& username, const std::string& password, std::int64_t home_unit,
                                  std::vector<service::RoleGrant> grants, std::optional<std::int64_t> person_id) {
  auto hash = service::auth::prepare_password(password);
  EXPECT_TRUE(hash.ok()) << "add_account " << username << ": " << (hash.ok() ? "" : hash.error().message);
  if (!hash.ok()) return 0;
  service::auth::NewAccount input{username, username, *hash, person_id, home_unit, std::move(grants)};
  auto tx = db_->begin(store::Access::write);
  auto r = service::auth::create_account(*tx, nullptr, input, "test-seed");
  EXPECT_TRUE(r.ok()) << "add_account " << username << ": " << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return 0;
  tx->commit();
  return r->id;
}

HttpClient TestApp::login(const std::string& username, const std::string& password) {
  auto c = client();
  auto r = c.login(username, password);
  EXPECT_EQ(r.status, 201) << "login " << username << ": " << r.body;
  return c;
}

std::int64_t TestApp::count_rows(const std::string& table) {
  auto tx = db_->begin(store::Access::read);
  return tx->query_one("SELECT COUNT(*) FROM " + table)->get_int(0);
}

std::string TestApp::table_digest(const std::string& table) {
  auto tx = db_->begin(store::Access::read);
  std::string all;
  tx->query_each("SELECT * FROM " + table + " ORDER BY 1", {}, [&](const store::Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      all += row.is_null(i) ? std::string("\x01NULL") : row.get_text(i);
      all += '\x1f';
    }
    all += '\x1e';
  });
  return security::token_hash(all);
}

}  // namespace xeploai::api::testing
