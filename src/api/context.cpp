#include "api/context.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>

#include "security/security.hpp"
#include "service/auth/accounts.hpp"
#include "service/auth/sessions.hpp"

namespace xeploai::api {

namespace {

bool is_unsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

service::auth::SessionPolicy policy_of(const ApiContext& ctx) {
  service::auth::SessionPolicy policy;
  policy.idle_ms = static_cast<std::int64_t>(ctx.options.session_hours) * 3600 * 1000;
  return policy;
}

Error unauthenticated(std::string message) { return {ErrorCode::unauthenticated, std::move(message), {}}; }

}  // namespace

Result<service::Principal> authenticate(ApiContext& ctx, store::Transaction& tx, const http::Request& request) {
  std::optional<std::string> token;
  bool via_cookie = false;
  if (auto auth = request.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->size() <= kBearer.size() || auth->compare(0, kBearer.size(), kBearer) != 0)
      return unauthenticated("Tiêu đề Authorization phải là 'Bearer <token>' / Authorization must be 'Bearer <token>'");
    token = auth->substr(kBearer.size());
  } else if (auto cookie = request.cookie("xeploai_session")) {
    token = *cookie;
    via_cookie = true;
  }
  if (!token) return unauthenticated("Chưa đăng nhập / not signed in");
  const auto now = service::auth::now_ms();
  const auto policy = policy_of(ctx);
  auto session = service::auth::find_session(tx, *token, policy, now);
  if (!session) return session.error();
  if (via_cookie && is_unsafe(request.method)) {
    // A cross-site form can send the cookie but cannot read the CSRF token to echo it.
    auto sent = request.header("x-csrf-token");
    if (!sent || !security::constant_time_equal(*sent, session->csrf_token))
      return Error::forbidden("Thiếu hoặc sai mã CSRF (X-CSRF-Token) / missing or wrong CSRF token (X-CSRF-Token)");
  }
  // No write here: the caller's transaction may be read-only. handle_write and GET /api/v1/session move the idle
  // expiry (refresh_session) in their write transactions.
  session->principal.via_cookie = via_cookie;
  return std::move(session->principal);
}

void refresh_session(ApiContext& ctx, store::Transaction& tx, const service::Principal& who) {
  if (who.session_id_hash.empty()) return;
  const auto now = service::auth::now_ms();
  // At most once a minute per session, so busy clients do not turn every write into two.
  tx.execute("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $3",
             store::params(now, who.session_id_hash, now - service::auth::SessionPolicy{}.touch_every_ms));
}

namespace {

// A write sent with an Idempotency-Key: the key and a hash of what was asked under it.
struct KeyedRequest {
  std::string key;
  std::string request_hash;
};

Result<std::optional<KeyedRequest>> keyed_request(const http::Request& request) {
  auto key = request.header("idempotency-key");
  if (!key) return std::optional<KeyedRequest>{};
  if (key->empty() || key->size() > 200)
    return Error::invalid("Idempotency-Key không hợp lệ / invalid Idempotency-Key",
                          {{"header.Idempotency-Key", "must be 1 to 200 characters"}});
  return std::optional<KeyedRequest>{
      KeyedRequest{*key, security::token_hash(request.method + " " + request.path + "\n" + request.body)}};
}

// The answer already given under this key, if any; a different request under the same key is 409.
std::optional<http::Response> stored_answer(store::Transaction& tx, const service::Principal& who,
                                            const KeyedRequest& keyed) {
  auto row = tx.query_one(
      "SELECT request_hash, status, response_body FROM idempotency_keys WHERE account_id = $1 AND key = $2",
      store::params(who.account_id, keyed.key));
  if (!row) return std::nullopt;
  if (row->get_text(0) != keyed.request_hash)
    return http::Response::error(Error::conflict(
        "Idempotency-Key đã dùng cho một yêu cầu khác / the Idempotency-Key was used for a different request"));
  if (row->get_int(1) == 0)
    return http::Response::error(Error::conflict(
        "Yêu cầu với Idempotency-Key này đang được xử lý / a request with this Idempotency-Key is in progress"));
  http::Response replay;
  replay.status = static_cast<int>(row->get_int(1));
  replay.body = row->get_text(2);
  replay.headers.emplace_back("Idempotent-Replayed", "true");
  return replay;
}

// Stored with the handler's writes: a key taken meanwhile by a concurrent twin must fail the transaction,
// so the insert raises. A refusal stored alone yields to an answer already there.
enum class KeyTaken { fail, yield };

void store_answer(store::Transaction& tx, const service::Principal& who, const KeyedRequest& keyed,
                  const http::Response& response, KeyTaken taken) {
  tx.execute(
      std::string("INSERT INTO idempotency_keys (account_id, key, request_hash, status, response_body, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6)") +
          (taken == KeyTaken::yield ? " ON CONFLICT (account_id, key) DO NOTHING" : ""),
      store::params(who.account_id, keyed.key, keyed.request_hash, response.status, response.body,
                    service::auth::now_ms()));
}

}  // namespace

http::Response with_idempotency(ApiContext& ctx, const http::Request& request, const service::Principal& who,
                                const std::function<http::Response()>& handler) {
  auto keyed = keyed_request(request);
  if (!keyed) return http::Response::error(keyed.error());
  if (!*keyed) return handler();
  const auto& key = **keyed;
  {
    auto tx = ctx.db.begin(store::Access::write);
    if (auto replay = stored_answer(*tx, who, key)) return *replay;
    tx->execute(
        "INSERT INTO idempotency_keys (account_id, key, request_hash, status, response_body, created_at) "
        "VALUES ($1, $2, $3, 0, '', $4)",
        store::params(who.account_id, key.key, key.request_hash, service::auth::now_ms()));
    tx->commit();
  }
  auto forget = [&] {
    auto tx = ctx.db.begin(store::Access::write);
    tx->execute("DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2",
                store::params(who.account_id, key.key));
    tx->commit();
  };
  http::Response response;
  try {
    response = handler();
  } catch (...) {
    forget();
    throw;
  }
  // A server failure may be retried with the same key; anything else is the answer for good.
  if (response.status >= 500) {
    forget();
    return response;
  }
  auto tx = ctx.db.begin(store::Access::write);
  tx->execute("UPDATE idempotency_keys SET status = $1, response_body = $2 WHERE account_id = $3 AND key = $4",
              store::params(response.status, response.body, who.account_id, key.key));
  tx->commit();
  return response;
}

http::Response handle_read(ApiContext& ctx, const http::Request& request, const TxHandler& body) {
  auto tx = ctx.db.begin(store::Access::read);
  auto who = authenticate(ctx, *tx, request);
  if (!who) return http::Response::error(who.error());
  auto result = body(*tx, *who);
  if (!result) return http::Response::error(result.error());
  return http::Response::json(*result);
}

// One write transaction for the whole accepted request: authentication, the session's idle expiry, the look-up of
// an earlier answer under the Idempotency-Key, the handler and the answer stored under the key. On SQLite every
// write transaction waits for the single writer, so taking it once rather than four times matters at the December
// peak. Two identical keyed requests racing on PostgreSQL both run the handler, but the second's key insert waits
// for the first to commit and then violates the key's uniqueness: its transaction rolls back and it replays the
// first's answer, so the effect happens once.
http::Response handle_write(ApiContext& ctx, const http::Request& request, int status, const TxHandler& body) {
  auto keyed = keyed_request(request);
  if (!keyed) return http::Response::error(keyed.error());
  service::Principal who;
  http::Response refusal;
  try {
    auto tx = ctx.db.begin(store::Access::write);
    auto authenticated = authenticate(ctx, *tx, request);
    if (!authenticated) return http::Response::error(authenticated.error());
    who = std::move(*authenticated);
    refresh_session(ctx, *tx, who);
    if (*keyed) {
      if (auto replay = stored_answer(*tx, who, **keyed)) {
        tx->commit();  // keeps the session refresh
        return *replay;
      }
    }
    auto result = body(*tx, who);
    if (result) {
      auto response = http::Response::json(*result, status);
      if (*keyed) store_answer(*tx, who, **keyed, response, KeyTaken::fail);
      tx->commit();
      return response;
    }
    refusal = http::Response::error(result.error());
  } catch (const store::ConstraintViolation& e) {
    if (*keyed) {
      auto tx = ctx.db.begin(store::Access::read);
      if (auto replay = stored_answer(*tx, who, **keyed)) return *replay;
    }
    // Services check what they can; a race that a constraint catches is still the caller's conflict.
    // The database's message names tables and SQL: it goes to the log, not to the client.
    spdlog::warn("request_id={} constraint violation: {}", request.request_id, e.what());
    return http::Response::error(Error::conflict(
        "Dữ liệu thay đổi xung đột với dữ liệu đã lưu (trùng mã hoặc tham chiếu không hợp lệ) / "
        "the change conflicts with stored data (a duplicate code or an invalid reference)"));
  }
  // Refused: nothing the handler wrote is kept. The refusal is the answer for good under its key (a server
  // failure is not: the same key may be retried).
  if (*keyed && refusal.status < 500) {
    auto tx = ctx.db.begin(store::Access::write);
    store_answer(*tx, who, **keyed, refusal, KeyTaken::yield);
    tx->commit();
  }
  return refusal;
}

Result<std::int64_t> path_id(const http::Request& request, const std::string& name) {
  auto it = request.path_params.find(name);
  std::int64_t value = 0;
  if (it != request.path_params.end()) {
    const auto& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc{} && end == s.data() + s.size() && value > 0) return value;
  }
  return Error::invalid(fmt::format("Mã {} không hợp lệ / invalid {}", name, name),
                        {{"path." + name, "must be a positive integer"}});
}

}  // namespace xeploai::api
