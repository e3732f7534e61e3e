#pragma once
// What an API handler sees: a parsed request and a response to fill. Handlers are plain functions that run on
// the worker pool (never on an I/O thread), so they may block on the database and on password hashing.
// The Beast listener (http/server.*) owns sockets, limits and timeouts; the Router (http/router.*) matches
// routes, checks authentication, CSRF and idempotency keys, and maps errors to the JSON error shape.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace xeploai::http {

using Json = nlohmann::json;

struct Request {
  std::string method;                               // "GET", "POST", ...
  std::string target;                               // raw target, e.g. "/api/v1/units?page=2"
  std::string path;                                 // decoded path without the query
  std::map<std::string, std::string> query;         // decoded query parameters
  std::map<std::string, std::string> path_params;   // {id} segments matched by the router
  std::map<std::string, std::string> headers;       // names lower-cased
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
  static Response error(const Error& error);  // status from error.code, body in the DESIGN.md error shape
};

int status_for(ErrorCode code);

}  // namespace xeploai::http
