#pragma once
// The API test harness: the REAL server (http::Server) started in-process on port 0 over a fresh migrated
// TemporaryDatabase of one backend, with the routes `xeploai serve` registers (api::register_routes, then health
// and openapi), and a small HTTP client with a cookie jar that sends the CSRF token on writes.
//
//   class MyApiTest : public ::testing::TestWithParam<store::testing::Backend> {
//    protected:
//     void SetUp() override {
//       XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
//       app_ = std::make_unique<api::testing::TestApp>(GetParam());
//     }
//     std::unique_ptr<api::testing::TestApp> app_;
//   };
//   TEST_P(MyApiTest, Something) {
//     auto province = app_->root_unit();                                     // made by the constructor
//     auto commune = app_->add_unit(province, "grassroots_committee", "Đảng bộ xã A", "XA");
//     app_->add_account("admin.xa", "mat-khau-123", commune, {{service::Role::administrator, commune}});
//     auto client = app_->login("admin.xa", "mat-khau-123");
//     auto r = client.get("/api/v1/units/" + std::to_string(commune));
//     EXPECT_EQ(r.status, 200) << r.body;
//   }
//   INSTANTIATE_TEST_SUITE_P(Backends, MyApiTest, ::testing::ValuesIn(store::testing::all_backends()),
//                            store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);
//
// Seeding goes through the services as the system (no scope check) and is audited like any write. Passwords are
// hashed at libsodium's minimal Argon2id cost in tests (service::auth::set_password_cost_for_tests).
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "service/principal.hpp"
#include "store/database.hpp"
#include "store/testing/temporary_database_gtest.hpp"

namespace xeploai::api::testing {

using Json = nlohmann::json;
using Backend = store::testing::Backend;

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;

  // The parsed body (a JSON null when the body is empty or not JSON), parsed once and kept in the response, so
  // `for (auto& x : r.json()["items"])` is safe while `r` lives; missing keys read as null.
  Json& json() const;
  // The first value of a header, or "" (name lower-cased).
  std::string header(const std::string& lower_name) const;
  // The error code of an error body ("forbidden", ...), or "".
  std::string error_code() const;

 private:
  mutable std::optional<Json> parsed_;
};

// The paths of an error body's details, in order.
std::vector<std::string> error_paths(const HttpResponse& r);
// Whether an error body has a detail at `path`.
bool has_error_at(const HttpResponse& r, const std::string& path);
// The problem of the error body's detail at `path`, or "".
std::string problem_at(const HttpResponse& r, const std::string& path);

// One connection per request (so a test never depends on keep-alive behaviour). Cookies set by the server are kept
// and sent back; after login() the CSRF token is sent in X-CSRF-Token on POST/PUT/PATCH/DELETE.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post(const std::string& target, const Json& body = Json::object(),
                    const std::map<std::string, std::string>& headers = {}) {
    return request("POST", target, body.dump(), headers);
  }
  HttpResponse put(const std::string& target, const Json& body) { return request("PUT", target, body.dump()); }
  HttpResponse patch(const std::string& target, const Json& body) { return request("PATCH", target, body.dump()); }
  HttpResponse del(const std::string& target) { return request("DELETE", target); }

  // POST /api/v1/sessions; on success keeps the cookie and the CSRF token. Returns the response either way.
  HttpResponse login(const std::string& username, const std::string& password, bool bearer = false);
  HttpResponse logout() { return del("/api/v1/sessions/current"); }

  // Authorization: Bearer <token> on every request (and no cookies); empty to stop.
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  // Whether writes carry X-CSRF-Token (tests of CSRF turn it off).
  void set_send_csrf(bool send) { send_csrf_ = send; }
  void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
  const std::string& csrf_token() const { return csrf_token_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_token_;
  std::string bearer_;
  bool send_csrf_ = true;
};

class TestApp {
 public:
  // Creates and migrates the database, creates a root unit (province_committee "Đảng bộ tỉnh Thử Nghiệm", code
  // "TN"), registers the routes and starts the server on 127.0.0.1, port 0.
  explicit TestApp(Backend backend, ApiOptions options = {});
  ~TestApp();  // stops the server, then drops the database
  TestApp(const TestApp&) = delete;
  TestApp& operator=(const TestApp&) = delete;

  Backend backend() const { return backend_; }
  store::Database& db() { return *db_; }
  const http::Router& router() const { return router_; }
  std::uint16_t port() const;
  HttpClient client() const { return HttpClient(port()); }

  std::int64_t root_unit() const { return root_unit_; }
  // A unit under `parent` (org service, as the system). Fails the test and returns 0 when refused.
  std::int64_t add_unit(std::int64_t parent, const std::string& kind, const std::string& name, const std::string& code);
  // A party member active in `cell` (people service, as the system).
  std::int64_t add_person(std::int64_t cell, const std::string& full_name, const std::string& card_number);
  // An account (auth service, as the system).
  std::int64_t add_account(const std::string& username, const std::string& password, std::int64_t home_unit,
                           std::vector<service::RoleGrant> grants, std::optional<std::int64_t> person_id = {});
  // A client signed in as `username` (fails the test when the login is refused).
  HttpClient login(const std::string& username, const std::string& password);

  // The system principal used for seeding: administrator on the root unit.
  const service::Principal& system() const { return system_; }

  // Runs `f(tx)` in a write transaction and commits.
  template <class F>
  auto write(F&& f) {
    auto tx = db_->begin(store::Access::write);
    if constexpr (std::is_void_v<decltype(f(*tx))>) {
      f(*tx);
      tx->commit();
    } else {
      auto result = f(*tx);
      tx->commit();
      return result;
    }
  }
  std::int64_t count_rows(const std::string& table);
  // A digest of every row of `table` in id (or first-column) order: equal digests mean an unchanged table.
  std::string table_digest(const std::string& table);

 private:
  Backend backend_;
  std::unique_ptr<store::testing::TemporaryDatabase> temp_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ApiContext> ctx_;  // only when register_routes did not add the auth routes itself
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::int64_t root_unit_ = 0;
  service::Principal system_;
};

}  // namespace xeploai::api::testing
