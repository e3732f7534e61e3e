#pragma once
// What an API handler sees: a parsed request and a response to fill. Handlers are plain functions that run on
// the worker pool (never on an I/O thread), so they may block on the database and on password hashing.
// The Beast listener (http/server.*) owns sockets, limits and timeouts; the Router (http/router.*) matches
// routes, checks authentication, CSRF and idempotency keys, and maps errors to the JSON error shape.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/result.hpp"

namespace xeploai::http {

using Json = nlohmann::json;

struct Request {
  std::string method;                              // "GET", "POST", ...
  std::string target;                              // raw target, e.g. "/api/v1/units?page=2"
  std::string path;                                // decoded path without the query
  std::map<std::string, std::string> query;        // decoded query parameters
  std::map<std::string, std::string> path_params;  // {id} segments matched by the router
  std::map<std::string, std::string> headers;      // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // in addition to Content-Type
  std::string content_type = "application/json; charset=utf-8";
  std::string body;

  static Response json(const Json& value, int status = 200);
  static Response error(const Error& error);              // status from error.code, body in the DESIGN.md error shape
  static Response error(const Error& error, int status);  // the error shape with an explicit status (405, 422, 504)
};

int status_for(ErrorCode code);

// {"error": {"code", "message", "details": [{"path", "problem"}]}}
Json error_json(const Error& error);

// Parses the JSON body; invalid_input naming the byte offset of the first problem ("body", "byte 12: ...").
Result<Json> parse_json_body(const Request& request);

// Percent-decoding; '+' becomes a space in query strings. nullopt for a bad escape, NUL or invalid UTF-8.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);
bool valid_utf8(std::string_view s);
// "a=1&b=x%20y" -> {a: 1, b: "x y"}; invalid_input naming the parameter when one cannot be decoded.
Result<std::map<std::string, std::string>> parse_query(std::string_view query);

// Lists paginate (docs/api.md): ?page=1&page_size=50, answered as {"items", "page", "page_size", "total"}.
struct PageRequest {
  int page = 1;
  int page_size = 50;
  std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * page_size; }
};
Result<PageRequest> page_request(const Request& request, int max_page_size = 500);
Json page_json(Json items, std::int64_t total, const PageRequest& page);

}  // namespace xeploai::http
