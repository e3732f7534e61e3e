#pragma once
// Routes of the JSON API and their OpenAPI description. Every route is added with its documentation, so the
// OpenAPI document at /api/v1/openapi.json is generated from the router itself and cannot miss a route.
// Authentication, scope checks, CSRF and idempotency are the handler's business (service/auth), not the router's.
#include <functional>
#include <string>
#include <vector>

#include "http/api.hpp"

namespace xeploai::http {

struct RouteDoc {
  std::string summary;                    // one line, English
  std::string tag;                        // group in the document: "units", "people", "accounts", ...
  Json request_schema;                    // OpenAPI schema of the JSON body, or null
  Json response_schema;                   // OpenAPI schema of the 2xx JSON body, or null
  std::vector<std::string> query_params;  // documented query parameters ("page", "page_size", "q", ...)
  bool authenticated = true;              // false: public (login, health, openapi)
  bool idempotency_key = false;           // documents the Idempotency-Key header
  std::size_t body_limit = 0;             // bytes the route accepts; 0: the server's body_limit (large uploads)
  std::string response_media_type;        // of the 2xx body; empty: application/json ("application/pdf" for files)
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string pattern;  // "/api/v1/units/{id}": {name} matches one path segment into Request::path_params
  RouteDoc doc;
  Handler handler;
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern or a duplicate (method, pattern): a programming error.
  void add(std::string method, std::string pattern, RouteDoc doc, Handler handler);
  // Matches and runs the handler. No route: 404; path known but not the method: 405 with Allow. An exception
  // escaping a handler becomes 500 with the error shape (and is logged with the request id).
  Response dispatch(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The body limit of the route a request would reach (RouteDoc::body_limit), or 0 for the server's default.
  std::size_t body_limit(const std::string& method, const std::string& path) const;
  // The OpenAPI 3.0 document of every route.
  Json openapi(const std::string& title, const std::string& version) const;

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // routes_[i].pattern split on '/'
};

}  // namespace xeploai::http
