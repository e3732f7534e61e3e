#pragma once
// Sessions, accounts, role grants and the audit log under /api/v1 (docs/api.md):
//   POST   /api/v1/sessions                           sign in (public): cookie, CSRF token, optionally a bearer token
//   DELETE /api/v1/sessions/current                   sign out
//   GET    /api/v1/session                            who am I: account, roles, CSRF token; refreshes the session
//   GET    /api/v1/accounts?unit_id=                  accounts administered in a subtree
//   POST   /api/v1/accounts                           create an account
//   GET    /api/v1/accounts/{id}                      one account
//   PATCH  /api/v1/accounts/{id}                      display name, person, disabled, home unit (with version)
//   POST   /api/v1/accounts/{id}/password             set (administrator) or change (own, with the current one)
//   POST   /api/v1/accounts/{id}/roles                grant {role, unit_id}
//   DELETE /api/v1/accounts/{id}/roles/{role}/{unit_id} revoke
//   GET    /api/v1/audit?unit_id=&entity=&entity_id=&action=   the audit log of a subtree
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

// `ctx` outlives the router.
void register_auth_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
