#include "http/system_routes.hpp"

#include <memory>
#include <mutex>

namespace xeploai::http {

void add_system_routes(Router& router, SystemInfo info) {
  auto shared = std::make_shared<SystemInfo>(std::move(info));
  RouteDoc health;
  health.summary = "Liveness and readiness: version, database reachable, schema version";
  health.tag = "system";
  health.response_schema = {{"type", "object"},
                            {"properties",
                             {{"status", {{"type", "string"}, {"enum", {"ok", "unavailable"}}}},
                              {"version", {{"type", "string"}}},
                              {"database", {{"type", "boolean"}}},
                              {"schema_version", {{"type", "integer"}}}}}};
  health.authenticated = false;
  router.add("GET", "/api/v1/health", std::move(health), [shared](Request&) {
    bool db_ok = false;
    int schema = 0;
    try {
      db_ok = shared->database_ping ? shared->database_ping() : false;
      if (db_ok && shared->schema_version) schema = shared->schema_version();
    } catch (const std::exception&) {
      db_ok = false;  // an unreachable database is the answer here, not a 500
    }
    Json body = {{"status", db_ok ? "ok" : "unavailable"},
                 {"version", shared->version},
                 {"database", db_ok},
                 {"schema_version", schema}};
    return Response::json(body, db_ok ? 200 : 503);
  });

  struct Cache {
    std::once_flag once;
    std::string body;
  };
  auto cache = std::make_shared<Cache>();
  const Router* r = &router;
  RouteDoc doc;
  doc.summary = "This OpenAPI 3.0 document of every route";
  doc.tag = "system";
  doc.response_schema = {{"type", "object"}};
  doc.authenticated = false;
  router.add("GET", "/api/v1/openapi.json", std::move(doc), [cache, r, shared](Request&) {
    std::call_once(cache->once, [&] { cache->body = r->openapi("xeploai API", shared->version).dump(); });
    Response res;
    res.body = cache->body;
    return res;
  });
}

}  // namespace xeploai::http
