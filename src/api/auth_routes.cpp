#include "api/auth_routes.hpp"

#include <fmt/format.h>

#include "api/route_support.hpp"
#include "security/security.hpp"
#include "service/auth/accounts.hpp"
#include "service/auth/audit_log.hpp"
#include "service/auth/authorize.hpp"
#include "service/auth/roles.hpp"
#include "service/auth/sessions.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
using http::Response;
using service::Principal;
namespace auth = service::auth;

constexpr const char* kCookie = "xeploai_session";

// ---- OpenAPI schemas -------------------------------------------------------------------------------------------

Json date_time() { return string_type("date-time"); }
Json new_password() {
  auto s = string_type("password");
  s["minLength"] = 8;
  return s;
}
Json role_enum() {
  return enum_of({"member", "cell_secretary", "committee_staff", "committee", "organization_board", "inspection",
                  "administrator"});
}
Json grant_schema() { return object({{"role", role_enum()}, {"unit_id", integer()}}, {"role", "unit_id"}); }
Json account_schema() {
  return object({{"id", integer()},
                 {"username", string_type()},
                 {"display_name", string_type()},
                 {"person_id", nullable(integer())},
                 {"home_unit_id", integer()},
                 {"disabled", boolean()},
                 {"email", nullable(string_type("email"))},
                 {"created_at", date_time()},
                 {"updated_at", date_time()},
                 {"version", integer()},
                 {"roles", array_of(grant_schema())}});
}
Json session_schema() {
  return object({{"account", account_schema()},
                 {"csrf_token", string_type()},
                 {"expires_at", date_time()},
                 {"token", {{"type", "string"}, {"description", "only when the login asked for bearer: true"}}}});
}
Json audit_schema() {
  return object({{"id", integer()},
                 {"at", date_time()},
                 {"actor_account_id", nullable(integer())},
                 {"action", string_type()},
                 {"entity", string_type()},
                 {"entity_id", integer()},
                 {"before", {{"nullable", true}}},
                 {"after", {{"nullable", true}}},
                 {"request_id", string_type()}});
}

// ---- request helpers -------------------------------------------------------------------------------------------

Result<Json> json_object_body(const Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) return body;
  if (!body->is_object())
    return Error::invalid("Nội dung phải là một đối tượng JSON / the body must be a JSON object",
                          {{"body", "not an object"}});
  return body;
}

// Unknown fields are refused so that a typo does not pass silently.
void only_fields(const Json& body, std::initializer_list<std::string_view> known, std::vector<ErrorDetail>& problems) {
  for (auto it = body.begin(); it != body.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end())
      problems.push_back({it.key(), "trường không được hỗ trợ / unknown field"});
}

std::optional<std::string> get_string(const Json& body, const std::string& name, bool required,
                                      std::vector<ErrorDetail>& problems) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) problems.push_back({name, "bắt buộc / required"});
    return std::nullopt;
  }
  if (!it->is_string()) {
    problems.push_back({name, "phải là chuỗi ký tự / must be a string"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<std::int64_t> get_id(const Json& body, const std::string& name, bool required,
                                   std::vector<ErrorDetail>& problems) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) problems.push_back({name, "bắt buộc / required"});
    return std::nullopt;
  }
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
    problems.push_back({name, "phải là số nguyên dương / must be a positive integer"});
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

std::optional<service::Role> get_role(const Json& body, const std::string& name, std::vector<ErrorDetail>& problems) {
  auto text = get_string(body, name, true, problems);
  if (!text) return std::nullopt;
  auto role = service::parse_role(*text);
  if (!role) problems.push_back({name, fmt::format("không có vai trò '{0}' / unknown role '{0}'", *text)});
  return role;
}

Error invalid(std::vector<ErrorDetail> problems) {
  return Error::invalid("Dữ liệu không hợp lệ / invalid input", std::move(problems));
}

// The unit a list defaults to: the caller's first grant that allows `action`.
std::optional<std::int64_t> default_unit(const Principal& who, auth::Action action);

std::string session_cookie(const ApiContext& ctx, const std::string& value, std::int64_t max_age_seconds) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kCookie, value, max_age_seconds,
                     ctx.options.secure_cookies ? "; Secure" : "");
}

auth::SessionPolicy policy_of(const ApiContext& ctx) {
  auth::SessionPolicy policy;
  policy.idle_ms = static_cast<std::int64_t>(ctx.options.session_hours) * 3600 * 1000;
  return policy;
}

// A write whose slow preparation (password hashing) must run after authentication and outside any transaction.
Response write_prepared(ApiContext& ctx, const Request& request, int status,
                        const std::function<Result<void>(const Principal&)>& prepare, const TxHandler& body) {
  Principal who;
  {
    auto tx = ctx.db.begin(store::Access::write);
    auto authenticated = authenticate(ctx, *tx, request);
    if (!authenticated) return Response::error(authenticated.error());
    who = std::move(*authenticated);
    refresh_session(ctx, *tx, who);
    tx->commit();
  }
  return with_idempotency(ctx, request, who, [&] {
    if (auto ok = prepare(who); !ok) return Response::error(ok.error());
    auto tx = ctx.db.begin(store::Access::write);
    auto result = body(*tx, who);
    if (!result) return Response::error(result.error());
    tx->commit();
    return Response::json(*result, status);
  });
}

std::optional<std::int64_t> default_unit(const Principal& who, auth::Action action) {
  for (const auto& g : who.grants)
    if (auth::role_allows(g.role, action)) return g.unit_id;
  return std::nullopt;
}

}  // namespace

void register_auth_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;

  // ---- sessions ----
  {
    auto d = doc(
        "Sign in with username and password; sets the HttpOnly session cookie and returns the CSRF token", "sessions",
        object({{"username", string_type()},
                {"password", string_type("password")},
                {"bearer", {{"type", "boolean"}, {"description", "also return the token for Authorization: Bearer"}}}},
               {"username", "password"}),
        session_schema());
    d.authenticated = false;
    router.add("POST", "/api/v1/sessions", std::move(d), [c](Request& request) {
      auto body = json_object_body(request);
      if (!body) return Response::error(body.error());
      std::vector<ErrorDetail> problems;
      only_fields(*body, {"username", "password", "bearer"}, problems);
      auto username = get_string(*body, "username", true, problems);
      auto password = get_string(*body, "password", true, problems);
      bool bearer = false;
      if (auto it = body->find("bearer"); it != body->end() && !it->is_null()) {
        if (!it->is_boolean())
          problems.push_back({"bearer", "phải là true hoặc false / must be true or false"});
        else
          bearer = it->get<bool>();
      }
      if (!problems.empty()) return Response::error(invalid(problems));
      auth::LoginInput input{*username, *password, request.remote_address, request.header("user-agent").value_or("")};
      const auto policy = policy_of(*c);
      auto outcome = auth::login(c->db, input, policy, request.request_id);
      if (!outcome) {
        auto response = Response::error(outcome.error());
        if (outcome.error().code == ErrorCode::rate_limited)
          response.headers.emplace_back("Retry-After", std::to_string(auth::retry_after_seconds(outcome.error())));
        return response;
      }
      Json out = {{"account", auth::to_json(outcome->account)},
                  {"csrf_token", outcome->csrf_token},
                  {"expires_at", auth::iso_time(outcome->expires_at)}};
      if (bearer) out["token"] = outcome->token;
      auto response = Response::json(out, 201);
      response.headers.emplace_back("Set-Cookie", session_cookie(*c, outcome->token, policy.absolute_ms / 1000));
      response.headers.emplace_back("Cache-Control", "no-store");
      return response;
    });
  }
  router.add("DELETE", "/api/v1/sessions/current",
             doc("Sign out: ends the current session and clears the cookie", "sessions", nullptr,
                 object({{"signed_out", boolean()}})),
             [c](Request& request) {
               auto tx = c->db.begin(store::Access::write);
               auto who = authenticate(*c, *tx, request);
               if (!who) return Response::error(who.error());
               auth::logout(*tx, *who, request.request_id);
               tx->commit();
               auto response = Response::json({{"signed_out", true}});
               response.headers.emplace_back("Set-Cookie", session_cookie(*c, "", 0));
               return response;
             });
  router.add("GET", "/api/v1/session",
             doc("The signed-in account, its roles and the CSRF token; refreshes the session's idle expiry", "sessions",
                 nullptr, session_schema()),
             [c](Request& request) {
               // A write transaction: this is where a reading client keeps its session alive.
               auto tx = c->db.begin(store::Access::write);
               auto who = authenticate(*c, *tx, request);
               if (!who) return Response::error(who.error());
               const auto now = auth::now_ms();
               auth::touch_session(*tx, who->session_id_hash, now);
               auto token_row = tx->query_one("SELECT csrf_token, expires_at FROM sessions WHERE token_hash = $1",
                                              store::params(who->session_id_hash));
               auto account = auth::load_account(*tx, who->account_id);
               if (!account || !token_row) return Response::error(Error::internal("session vanished"));
               tx->commit();
               const auto expires = std::min(token_row->get_int(1), now + policy_of(*c).idle_ms);
               auto response = Response::json({{"account", auth::to_json(*account)},
                                               {"csrf_token", token_row->get_text(0)},
                                               {"expires_at", auth::iso_time(expires)}});
               response.headers.emplace_back("Cache-Control", "no-store");
               return response;
             });

  // ---- accounts ----
  router.add("GET", "/api/v1/accounts",
             doc("Accounts administered in a unit's subtree (default: the caller's first administrator grant)",
                 "accounts", nullptr, page_of(account_schema()), {"unit_id", "page", "page_size"}),
             [c](Request& request) {
               return handle_read(*c, request, [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
                 auto page = http::page_request(request);
                 if (!page) return page.error();
                 auto unit = query_int(request, "unit_id");
                 if (!unit) return unit.error();
                 auto unit_id = unit->has_value() ? **unit : default_unit(who, auth::Action::manage_accounts);
                 if (!unit_id) return Error::forbidden("Bạn không quản trị tài khoản nào / you administer no accounts");
                 auto accounts = auth::list_accounts(tx, who, *unit_id, page->offset(), page->page_size);
                 if (!accounts) return accounts.error();
                 Json items = Json::array();
                 for (const auto& a : accounts->items) items.push_back(auth::to_json(a));
                 return http::page_json(std::move(items), accounts->total, *page);
               });
             });
  router.add(
      "POST", "/api/v1/accounts",
      doc("Create an account administered from home_unit_id, optionally with roles", "accounts",
          object({{"username", string_type()},
                  {"display_name", string_type()},
                  {"password", new_password()},
                  {"person_id", nullable(integer())},
                  {"home_unit_id", integer()},
                  {"roles", array_of(grant_schema())},
                  {"email", nullable(string_type("email"))}},
                 {"username", "display_name", "password", "home_unit_id"}),
          account_schema(), {}, true),
      [c](Request& request) {
        auto body = json_object_body(request);
        if (!body) return Response::error(body.error());
        std::vector<ErrorDetail> problems;
        only_fields(*body, {"username", "display_name", "password", "person_id", "home_unit_id", "roles", "email"},
                    problems);
        auth::NewAccount input;
        input.username = get_string(*body, "username", true, problems).value_or("");
        if (!input.username.empty())
          if (auto u = auth::normalize_username(input.username); !u)
            problems.insert(problems.end(), u.error().details.begin(), u.error().details.end());
        input.display_name = get_string(*body, "display_name", true, problems).value_or("");
        auto password = get_string(*body, "password", true, problems);
        input.person_id = get_id(*body, "person_id", false, problems);
        input.home_unit_id = get_id(*body, "home_unit_id", true, problems).value_or(0);
        if (auto it = body->find("email"); it != body->end() && !it->is_null()) {
          if (auto e = get_string(*body, "email", true, problems)) {
            if (auto normalized = auth::normalize_email(*e); normalized)
              input.email = *normalized;
            else
              problems.insert(problems.end(), normalized.error().details.begin(), normalized.error().details.end());
          }
        }
        if (auto it = body->find("roles"); it != body->end() && !it->is_null()) {
          if (!it->is_array())
            problems.push_back({"roles", "phải là danh sách {role, unit_id} / must be an array of {role, unit_id}"});
          else
            for (std::size_t i = 0; i < it->size(); ++i) {
              const auto& g = (*it)[i];
              std::vector<ErrorDetail> local;
              if (!g.is_object()) {
                problems.push_back({fmt::format("roles[{}]", i),
                                    "phải là đối tượng {role, unit_id} / must be an object {role, unit_id}"});
                continue;
              }
              auto role = get_role(g, "role", local);
              auto unit = get_id(g, "unit_id", true, local);
              for (auto& p : local) problems.push_back({fmt::format("roles[{}].{}", i, p.path), p.problem});
              if (role && unit) input.grants.push_back({*role, *unit});
            }
        }
        if (password) {
          if (password->size() < 8 || password->size() > 256)
            problems.push_back({"password", "mật khẩu phải dài 8 đến 256 byte / must be 8 to 256 bytes"});
        }
        if (!problems.empty()) return Response::error(invalid(problems));
        return write_prepared(
            *c, request, 201,
            [&](const Principal&) -> Result<void> {
              auto hash = auth::prepare_password(*password);
              if (!hash) return hash.error();
              input.password_hash = std::move(*hash);
              return {};
            },
            [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
              auto account = auth::create_account(tx, &who, input, request.request_id);
              if (!account) return account.error();
              return auth::to_json(*account);
            });
      });
  router.add("GET", "/api/v1/accounts/{id}",
             doc("One account (your own, or one you administer)", "accounts", nullptr, account_schema()),
             read_by_id(ctx, [](store::Transaction& tx, const Call& call, std::int64_t id) -> Result<Json> {
               auto account = auth::get_account(tx, call.who, id);
               if (!account) return account.error();
               return auth::to_json(*account);
             }));
  router.add(
      "PATCH", "/api/v1/accounts/{id}",
      doc("Change display name, linked person, disabled flag, home unit or e-mail address (null clears it); version "
          "must be current (409 otherwise)",
          "accounts",
          object({{"version", integer()},
                  {"display_name", string_type()},
                  {"person_id", nullable(integer())},
                  {"disabled", boolean()},
                  {"home_unit_id", integer()},
                  {"email", nullable(string_type("email"))}},
                 {"version"}),
          account_schema(), {}, true),
      [c](Request& request) {
        auto id = path_id(request, "id");
        if (!id) return Response::error(id.error());
        auto body = json_object_body(request);
        if (!body) return Response::error(body.error());
        std::vector<ErrorDetail> problems;
        only_fields(*body, {"version", "display_name", "person_id", "disabled", "home_unit_id", "email"}, problems);
        auth::AccountChanges changes;
        changes.version = get_id(*body, "version", true, problems).value_or(0);
        changes.display_name = get_string(*body, "display_name", false, problems);
        if (auto it = body->find("person_id"); it != body->end()) {
          if (it->is_null())
            changes.person_id = std::optional<std::int64_t>{};
          else if (auto p = get_id(*body, "person_id", true, problems))
            changes.person_id = std::optional<std::int64_t>{*p};
        }
        if (auto it = body->find("disabled"); it != body->end()) {
          if (!it->is_boolean())
            problems.push_back({"disabled", "phải là true hoặc false / must be true or false"});
          else
            changes.disabled = it->get<bool>();
        }
        changes.home_unit_id = get_id(*body, "home_unit_id", false, problems);
        if (auto it = body->find("email"); it != body->end()) {
          if (it->is_null())
            changes.email = std::optional<std::string>{};
          else if (auto e = get_string(*body, "email", true, problems)) {
            if (auto normalized = auth::normalize_email(*e); normalized)
              changes.email = std::optional<std::string>{*normalized};
            else
              problems.insert(problems.end(), normalized.error().details.begin(), normalized.error().details.end());
          }
        }
        if (!problems.empty()) return Response::error(invalid(problems));
        return handle_write(*c, request, 200, [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
          auto account = auth::update_account(tx, who, *id, changes, request.request_id);
          if (!account) return account.error();
          return auth::to_json(*account);
        });
      });
  router.add("POST", "/api/v1/accounts/{id}/password",
             doc("Set an account's password (administrator) or change your own (current_password required); ends the "
                 "account's other sessions",
                 "accounts",
                 object({{"password", new_password()}, {"current_password", string_type("password")}}, {"password"}),
                 object({{"password_changed", boolean()}}), {}, true),
             [c](Request& request) {
               auto id = path_id(request, "id");
               if (!id) return Response::error(id.error());
               auto body = json_object_body(request);
               if (!body) return Response::error(body.error());
               std::vector<ErrorDetail> problems;
               only_fields(*body, {"password", "current_password"}, problems);
               auto password = get_string(*body, "password", true, problems);
               auto current = get_string(*body, "current_password", false, problems);
               if (!problems.empty()) return Response::error(invalid(problems));
               std::string hash;
               return write_prepared(
                   *c, request, 200,
                   [&](const Principal& who) -> Result<void> {
                     if (who.account_id == *id) {
                       // Your own password: prove you know the current one (a stolen session must not take the
                       // account).
                       if (!current)
                         return Error::invalid("Cần mật khẩu hiện tại / the current password is required",
                                               {{"current_password", "required to change your own password"}});
                       std::string stored;
                       {
                         auto tx = c->db.begin(store::Access::read);
                         auto s = auth::stored_password_hash(*tx, *id);
                         if (!s) return s.error();
                         stored = *s;
                       }
                       if (!security::verify_password(*current, stored))
                         return Error::forbidden("Mật khẩu hiện tại không đúng / the current password is wrong");
                     } else {
                       // Check scope before spending a hash on it.
                       auto tx = c->db.begin(store::Access::read);
                       auto account = auth::get_account(*tx, who, *id);
                       if (!account) return account.error();
                     }
                     auto prepared = auth::prepare_password(*password);
                     if (!prepared) return prepared.error();
                     hash = std::move(*prepared);
                     return {};
                   },
                   [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
                     auto ok = auth::set_password(tx, who, *id, hash, request.request_id);
                     if (!ok) return ok.error();
                     return Json{{"password_changed", true}};
                   });
             });
  router.add("POST", "/api/v1/accounts/{id}/roles",
             doc("Grant a role on a unit (and its subtree)", "accounts", grant_schema(), account_schema(), {}, true),
             [c](Request& request) {
               auto id = path_id(request, "id");
               if (!id) return Response::error(id.error());
               auto body = json_object_body(request);
               if (!body) return Response::error(body.error());
               std::vector<ErrorDetail> problems;
               only_fields(*body, {"role", "unit_id"}, problems);
               auto role = get_role(*body, "role", problems);
               auto unit = get_id(*body, "unit_id", true, problems);
               if (!problems.empty()) return Response::error(invalid(problems));
               return handle_write(*c, request, 201, [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
                 auto account = auth::grant_role(tx, who, *id, *role, *unit, request.request_id);
                 if (!account) return account.error();
                 return auth::to_json(*account);
               });
             });
  router.add("DELETE", "/api/v1/accounts/{id}/roles/{role}/{unit_id}",
             doc("Revoke a role granted on a unit", "accounts", nullptr, account_schema(), {}, true),
             [c](Request& request) {
               auto id = path_id(request, "id");
               if (!id) return Response::error(id.error());
               auto unit = path_id(request, "unit_id");
               if (!unit) return Response::error(unit.error());
               auto role = service::parse_role(request.path_params["role"]);
               if (!role) return Response::error(invalid({{"path.role", "unknown role"}}));
               return handle_write(*c, request, 200, [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
                 auto account = auth::revoke_role(tx, who, *id, *role, *unit, request.request_id);
                 if (!account) return account.error();
                 return auth::to_json(*account);
               });
             });

  // ---- audit ----
  router.add(
      "GET", "/api/v1/audit",
      doc("The audit log of a unit's subtree, newest first (default: the caller's first grant that may read it)",
          "audit", nullptr, page_of(audit_schema()), {"unit_id", "entity", "entity_id", "action", "page", "page_size"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const Principal& who) -> Result<Json> {
          auto page = http::page_request(request);
          if (!page) return page.error();
          auto unit = query_int(request, "unit_id");
          if (!unit) return unit.error();
          auto entity_id = query_int(request, "entity_id");
          if (!entity_id) return entity_id.error();
          auth::AuditFilter filter;
          auto unit_id = unit->has_value() ? **unit : default_unit(who, auth::Action::read_audit);
          if (!unit_id) return Error::forbidden("Bạn không được xem nhật ký / you may not read the audit log");
          filter.unit_id = *unit_id;
          filter.entity_id = *entity_id;
          if (auto it = request.query.find("entity"); it != request.query.end() && !it->second.empty())
            filter.entity = it->second;
          if (auto it = request.query.find("action"); it != request.query.end() && !it->second.empty())
            filter.action = it->second;
          auto result = auth::list_audit(tx, who, filter, page->offset(), page->page_size);
          if (!result) return result.error();
          Json items = Json::array();
          for (auto& item : result->items) items.push_back(std::move(item));
          return http::page_json(std::move(items), result->total, *page);
        });
      });
}

}  // namespace xeploai::api
