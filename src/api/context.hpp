#pragma once
// What every API handler shares: the database, the options, and authentication of the caller.
#include <memory>

#include "api/routes.hpp"
#include "http/api.hpp"
#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::api {

struct ApiContext {
  store::Database& db;
  ApiOptions options;
};

// Authenticates the caller from the session cookie ("xeploai_session") or an "Authorization: Bearer <token>"
// header, refreshes the session's idle expiry, and for cookie-authenticated unsafe methods (POST, PUT, PATCH,
// DELETE) checks the CSRF token header ("X-CSRF-Token") against the session. Errors: unauthenticated (401),
// forbidden (403, CSRF).
Result<service::Principal> authenticate(ApiContext& ctx, store::Transaction& tx, const http::Request& request);

// Runs a write handler under an Idempotency-Key: the first response for (principal, key) is stored with a hash
// of the request; a repeat with the same request returns the stored response, a repeat with a different body
// is 409 (DESIGN.md: writes take an Idempotency-Key). Without the header the handler simply runs.
http::Response with_idempotency(ApiContext& ctx, const http::Request& request, const service::Principal& who,
                                const std::function<http::Response()>& handler);

}  // namespace xeploai::api
