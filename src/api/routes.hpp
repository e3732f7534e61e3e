#pragma once
// Adds every resource route of /api/v1 (units, people, accounts, sessions, ...) to the router.
// The server itself adds /api/v1/health and /api/v1/openapi.json.
#include "http/router.hpp"
#include "store/database.hpp"

namespace xeploai::api {

struct ApiOptions {
  bool secure_cookies = false;  // set the Secure flag on session cookies (behind TLS)
  int session_hours = 12;       // idle session expiry
};

// `db` outlives the router.
void register_routes(http::Router& router, store::Database& db, const ApiOptions& options);

}  // namespace xeploai::api
