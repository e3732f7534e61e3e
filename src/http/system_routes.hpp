#pragma once
// The server's own routes: GET /api/v1/health and GET /api/v1/openapi.json.
#include <functional>
#include <string>

#include "http/router.hpp"

namespace xeploai::http {

struct SystemInfo {
  std::string version;                  // the application version reported by health and the document
  std::function<bool()> database_ping;  // runs "SELECT 1"; false or a throw: the database is unreachable
  std::function<int()> schema_version;  // the highest applied migration
};

// Adds health and the OpenAPI document. Add them last: the document is built once, on its first request,
// from the routes the router holds by then.
void add_system_routes(Router& router, SystemInfo info);

}  // namespace xeploai::http
