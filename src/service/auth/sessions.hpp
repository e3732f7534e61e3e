#pragma once
// Login with throttling, sessions and logout. A session is an opaque random token given to the client once (in an
// HttpOnly cookie, or in the body for scripts using "Authorization: Bearer"); the database keeps only its hash.
#include <cstdint>
#include <string>

#include "service/auth/accounts.hpp"
#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service::auth {

struct SessionPolicy {
  std::int64_t idle_ms = 12LL * 3600 * 1000;          // ApiOptions::session_hours
  std::int64_t absolute_ms = 7LL * 24 * 3600 * 1000;  // a session ends a week after login whatever its use
  int max_failures_per_account = 5;                   // within the window, since the last success
  int max_failures_per_address = 20;
  std::int64_t window_ms = 15LL * 60 * 1000;
  std::int64_t touch_every_ms = 60 * 1000;  // last_seen_at is written at most this often
};

struct LoginInput {
  std::string username;
  std::string password;
  std::string remote_address;
  std::string user_agent;
};

struct LoginOutcome {
  std::string token;       // give to the client; never stored
  std::string csrf_token;  // required in X-CSRF-Token on cookie-authenticated writes
  std::int64_t expires_at = 0;
  Account account;
};

// Runs its own transactions (hashing happens outside them). Errors: invalid_input (missing fields),
// unauthenticated (wrong username or password, disabled account: the same message and about the same time, so
// neither the existence of a username nor its state leaks), rate_limited with a detail
// {"retry_after", "<seconds>"}.
Result<LoginOutcome> login(store::Database& db, const LoginInput& input, const SessionPolicy& policy,
                           const std::string& request_id = {});

// The seconds to put in Retry-After for a rate_limited error from login (at least 1).
std::int64_t retry_after_seconds(const Error& error);

struct SessionInfo {
  Principal principal;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;  // the earlier of the absolute and the idle expiry
};

// The live session of `token` (unauthenticated when unknown, expired, or its account is disabled). Read-only.
Result<SessionInfo> find_session(store::Transaction& tx, std::string_view token, const SessionPolicy& policy,
                                 std::int64_t now);
// Moves last_seen_at to `now` (needs a write transaction).
void touch_session(store::Transaction& tx, const std::string& token_hash, std::int64_t now);
// Deletes the caller's session and records the logout.
void logout(store::Transaction& tx, const Principal& who, const std::string& request_id = {});

}  // namespace xeploai::service::auth
