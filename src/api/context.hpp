#pragma once
// What every API handler shares: the database, the options, and authentication of the caller.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

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
// header (it only reads, so any transaction will do; refresh_session moves the idle expiry), and for cookie-authenticated unsafe methods (POST, PUT, PATCH,
// DELETE) checks the CSRF token header ("X-CSRF-Token") against the session. Errors: unauthenticated (401),
// forbidden (403, CSRF).
Result<service::Principal> authenticate(ApiContext& ctx, store::Transaction& tx, const http::Request& request);

// Moves the session's idle expiry to now (at most once a minute); needs a write transaction.
void refresh_session(ApiContext& ctx, store::Transaction& tx, const service::Principal& who);

// Runs a write handler under an Idempotency-Key: the first response for (principal, key) is stored with a hash
// of the request; a repeat with the same request returns the stored response, a repeat with a different body
// is 409 (DESIGN.md: writes take an Idempotency-Key). Without the header the handler simply runs.
// Call it with no transaction open (on SQLite a second writer would wait for ever).
http::Response with_idempotency(ApiContext& ctx, const http::Request& request, const service::Principal& who,
                                const std::function<http::Response()>& handler);

// Handler scaffolding (service/auth owns it; resource routes may use it):
//   handle_read:  read transaction, authenticate, `body`; Ok -> 200 with its JSON.
//   handle_write: one write transaction: authenticate (with CSRF, refreshing the session), replay an earlier
//                 answer under the request's Idempotency-Key, else `body`, committed with the answer stored under
//                 the key only when it returns Ok; answered with `status` (200, 201). An error from `body` rolls
//                 everything back (the refusal is then stored under the key on its own).
using TxHandler = std::function<Result<http::Json>(store::Transaction&, const service::Principal&)>;
http::Response handle_read(ApiContext& ctx, const http::Request& request, const TxHandler& body);
http::Response handle_write(ApiContext& ctx, const http::Request& request, int status, const TxHandler& body);
// The path parameter `name` as a positive integer id; invalid_input naming it otherwise.
Result<std::int64_t> path_id(const http::Request& request, const std::string& name);

}  // namespace xeploai::api
