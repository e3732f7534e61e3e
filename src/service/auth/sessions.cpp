#include "service/auth/sessions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "security/security.hpp"
#include "service/audit.hpp"
#include "service/auth/internal/password_cost.hpp"

namespace xeploai::service::auth {

namespace {

Error wrong_credentials() {
  return {ErrorCode::unauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng / wrong username or password", {}};
}

Error not_signed_in() {
  return {ErrorCode::unauthenticated,
          "Phiên làm việc không còn hiệu lực, hãy đăng nhập lại / session expired or unknown, sign in again",
          {}};
}

// Failures counted for throttling: the k-th most recent failure decides when the next attempt is allowed.
std::optional<std::int64_t> throttled_until(store::Transaction& tx, const char* column, const std::string& value,
                                            std::int64_t since, int max_failures, std::int64_t window_ms) {
  auto rows = tx.query(fmt::format("SELECT at FROM login_attempts WHERE {} = $1 AND success = 0 AND at > $2 "
                                   "ORDER BY at DESC LIMIT $3",
                                   column),
                       store::params(value, since, max_failures));
  if (static_cast<int>(rows.size()) < max_failures) return std::nullopt;
  return rows.back().get_int(0) + window_ms;
}

void record_attempt(store::Database& db, const std::string& username, const std::string& address, bool success,
                    std::int64_t now) {
  auto tx = db.begin(store::Access::write);
  tx->execute("INSERT INTO login_attempts (username, remote_address, at, success) VALUES ($1, $2, $3, $4)",
              store::params(username, address, now, success));
  tx->commit();
}

}  // namespace

std::int64_t retry_after_seconds(const Error& error) {
  for (const auto& d : error.details)
    if (d.path == "retry_after") {
      try {
        return std::max<std::int64_t>(1, std::stoll(d.problem));
      } catch (...) {
      }
    }
  return 1;
}

Result<LoginOutcome> login(store::Database& db, const LoginInput& input, const SessionPolicy& policy,
                           const std::string& request_id) {
  std::vector<ErrorDetail> problems;
  if (input.username.empty()) problems.push_back({"username", "required"});
  if (input.password.empty()) problems.push_back({"password", "required"});
  if (input.password.size() > 1024) problems.push_back({"password", "longer than 1024 bytes"});
  if (!problems.empty())
    return Error::invalid("Thiếu thông tin đăng nhập / username and password are required", problems);
  // Throttling keys on the name as typed (lower-cased), so unknown names are throttled like real ones.
  std::string username = input.username;
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto now = now_ms();
  const auto window_start = now - policy.window_ms;

  std::optional<std::int64_t> account_id;
  std::string stored_hash;
  bool disabled = false;
  {
    auto tx = db.begin(store::Access::read);
    auto last_success =
        tx->query_one("SELECT MAX(at) FROM login_attempts WHERE username = $1 AND success = 1 AND at > $2",
                      store::params(username, window_start));
    std::int64_t since = window_start;
    if (last_success && !last_success->is_null(0)) since = std::max(since, last_success->get_int(0));
    auto until = throttled_until(*tx, "username", username, since, policy.max_failures_per_account, policy.window_ms);
    auto by_address = throttled_until(*tx, "remote_address", input.remote_address, window_start,
                                      policy.max_failures_per_address, policy.window_ms);
    if (by_address && (!until || *by_address > *until)) until = by_address;
    if (until) {
      auto seconds = std::max<std::int64_t>(1, (*until - now + 999) / 1000);
      return Error{ErrorCode::rate_limited,
                   fmt::format("Đăng nhập sai quá nhiều lần, hãy thử lại sau {} giây / too many failed sign-ins, "
                               "try again in {} seconds",
                               seconds, seconds),
                   {{"retry_after", std::to_string(seconds)}}};
    }
    if (auto row = tx->query_one("SELECT id, password_hash, disabled FROM accounts WHERE username = $1",
                                 store::params(username))) {
      account_id = row->get_int(0);
      stored_hash = row->get_text(1);
      disabled = row->get_bool(2);
    }
  }

  // Always one Argon2id verification, against a dummy hash for unknown names, so timing does not tell them apart.
  const bool password_ok =
      security::verify_password(input.password, account_id ? stored_hash : internal::dummy_password_hash());
  if (!account_id || !password_ok || disabled) {
    record_attempt(db, username, input.remote_address, false, now);
    return wrong_credentials();
  }

  std::optional<std::string> rehashed;
  if (security::needs_rehash(stored_hash, internal::password_cost()))
    rehashed = security::hash_password(input.password, internal::password_cost());

  LoginOutcome out;
  out.token = security::random_token(32);
  out.csrf_token = security::random_token(32);
  out.expires_at = now + std::min(policy.absolute_ms, policy.idle_ms);
  auto tx = db.begin(store::Access::write);
  tx->execute("INSERT INTO login_attempts (username, remote_address, at, success) VALUES ($1, $2, $3, 1)",
              store::params(username, input.remote_address, now));
  // Old attempts only matter inside the window.
  tx->execute("DELETE FROM login_attempts WHERE username = $1 AND at < $2", store::params(username, window_start));
  if (rehashed)
    tx->execute("UPDATE accounts SET password_hash = $1 WHERE id = $2", store::params(*rehashed, *account_id));
  tx->execute(
      "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, "
      "remote_address, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
      store::params(security::token_hash(out.token), *account_id, out.csrf_token, now, now + policy.absolute_ms,
                    input.remote_address, input.user_agent.substr(0, 500)));
  auto account = load_account(*tx, *account_id);
  if (!account) return account.error();
  out.account = *account;
  Principal actor;
  actor.account_id = *account_id;
  actor.username = account->username;
  actor.person_id = account->person_id;
  actor.grants = account->grants;
  record_audit(*tx, &actor,
               {"account.login",
                "account",
                *account_id,
                nullptr,
                {{"remote_address", input.remote_address}},
                account->home_unit_id},
               request_id);
  tx->commit();
  return out;
}

Result<SessionInfo> find_session(store::Transaction& tx, std::string_view token, const SessionPolicy& policy,
                                 std::int64_t now) {
  if (token.empty() || token.size() > 200) return not_signed_in();
  const auto hash = security::token_hash(token);
  auto row = tx.query_one(
      "SELECT s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, a.username, a.person_id, "
      "a.disabled FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1",
      store::params(hash));
  if (!row) return not_signed_in();
  SessionInfo info;
  info.principal.account_id = row->get_int(0);
  info.csrf_token = row->get_text(1);
  info.created_at = row->get_int(2);
  info.last_seen_at = row->get_int(3);
  info.expires_at = std::min(row->get_int(4), info.last_seen_at + policy.idle_ms);
  info.principal.username = row->get_text(5);
  info.principal.person_id = row->get_optional_int(6);
  if (row->get_bool(7) || now >= info.expires_at) return not_signed_in();
  info.principal.grants = load_grants(tx, info.principal.account_id);
  info.principal.session_id_hash = hash;
  return info;
}

void touch_session(store::Transaction& tx, const std::string& token_hash, std::int64_t now) {
  tx.execute("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1",
             store::params(now, token_hash));
}

void logout(store::Transaction& tx, const Principal& who, const std::string& request_id) {
  tx.execute("DELETE FROM sessions WHERE token_hash = $1", store::params(who.session_id_hash));
  auto home = tx.query_one("SELECT home_unit_id FROM accounts WHERE id = $1", store::params(who.account_id));
  record_audit(tx, &who,
               {"account.logout", "account", who.account_id, nullptr, nullptr,
                home ? std::optional<std::int64_t>(home->get_int(0)) : std::nullopt},
               request_id);
}

}  // namespace xeploai::service::auth
