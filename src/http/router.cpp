#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace xeploai::http {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches and fills params; a {name} never matches an empty segment.
bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) {
      if (path[i].empty()) return false;
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  if (params) {
    for (std::size_t i = 0; i < pattern.size(); ++i)
      if (is_param(pattern[i])) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
  }
  return true;
}

Json error_schema_ref() { return {{"$ref", "#/components/schemas/Error"}}; }

}  // namespace

void Router::add(std::string method, std::string pattern, RouteDoc doc, Handler handler) {
  static const std::set<std::string> kMethods{"GET", "POST", "PUT", "PATCH", "DELETE"};
  if (!kMethods.count(method)) throw std::invalid_argument("Router::add: unsupported method " + method);
  auto segments = split_path(pattern);
  if (segments.empty()) throw std::invalid_argument("Router::add: pattern must start with '/': " + pattern);
  for (const auto& s : segments) {
    if (s.find_first_of("{}") != std::string::npos && !is_param(s))
      throw std::invalid_argument("Router::add: malformed segment '" + s + "' in " + pattern);
  }
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern)
      throw std::invalid_argument("Router::add: duplicate route " + method + " " + pattern);
  }
  if (!handler) throw std::invalid_argument("Router::add: empty handler for " + pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(doc), std::move(handler)});
  segments_.push_back(std::move(segments));
}

Response Router::dispatch(Request& request) const {
  const auto path = split_path(request.path);
  // A literal segment beats a {param} at the same place ("/units/tree" before "/units/{id}"), whatever the
  // order of registration; among equals the first registered wins.
  const Route* best = nullptr;
  const std::vector<std::string>* best_segments = nullptr;
  int best_literals = -1;
  std::set<std::string> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!match(segments_[i], path, nullptr)) continue;
    allowed.insert(routes_[i].method);
    if (routes_[i].method != request.method) continue;
    int literals = 0;
    for (const auto& s : segments_[i]) literals += is_param(s) ? 0 : 1;
    if (literals > best_literals) {
      best = &routes_[i];
      best_segments = &segments_[i];
      best_literals = literals;
    }
  }
  if (!best) {
    if (allowed.empty()) {
      return Response::error(Error::not_found("Không tìm thấy / no such resource: " + request.path));
    }
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = Response::error(
        {ErrorCode::invalid_input, "Phương thức không được hỗ trợ / method not allowed: " + request.method, {}}, 405);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  request.path_params.clear();
  match(*best_segments, path, &request.path_params);
  try {
    return best->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} unhandled exception in {} {}: {}", request.request_id, request.method, best->pattern,
                  e.what());
  } catch (...) {
    spdlog::error("request_id={} unhandled non-standard exception in {} {}", request.request_id, request.method,
                  best->pattern);
  }
  return Response::error(Error::internal("Lỗi hệ thống / internal error (request id " + request.request_id + ")"));
}

std::size_t Router::body_limit(const std::string& method, const std::string& path) const {
  const auto segments = split_path(path);
  std::size_t limit = 0;
  for (std::size_t i = 0; i < routes_.size(); ++i)
    if (routes_[i].doc.body_limit && routes_[i].method == method && match(segments_[i], segments, nullptr))
      limit = std::max(limit, routes_[i].doc.body_limit);
  return limit;
}

Json Router::openapi(const std::string& title, const std::string& version) const {
  Json paths = Json::object();
  std::set<std::string> tags;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });

    Json op = Json::object();
    op["summary"] = r.doc.summary;
    std::string op_id = method;
    for (const auto& s : segments_[i]) {
      op_id += '_';
      for (char c : s) op_id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    }
    op["operationId"] = op_id;
    if (!r.doc.tag.empty()) {
      op["tags"] = Json::array({r.doc.tag});
      tags.insert(r.doc.tag);
    }
    Json parameters = Json::array();
    for (const auto& s : segments_[i]) {
      if (!is_param(s)) continue;
      parameters.push_back(
          {{"name", s.substr(1, s.size() - 2)}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.doc.query_params) {
      Json schema =
          (q == "page" || q == "page_size") ? Json{{"type", "integer"}, {"minimum", 1}} : Json{{"type", "string"}};
      parameters.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", schema}});
    }
    if (r.doc.idempotency_key) {
      parameters.push_back({{"$ref", "#/components/parameters/IdempotencyKey"}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!r.doc.request_schema.is_null()) {
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", r.doc.request_schema}}}}}};
    }
    Json ok = {{"description", "OK"}};
    if (!r.doc.response_schema.is_null()) {
      const std::string media = r.doc.response_media_type.empty() ? "application/json" : r.doc.response_media_type;
      ok["content"] = {{media, {{"schema", r.doc.response_schema}}}};
    }
    Json responses = {{"200", ok}, {"default", {{"$ref", "#/components/responses/Error"}}}};
    op["responses"] = responses;
    op["security"] = r.doc.authenticated
                         ? Json::array({{{"cookieAuth", Json::array()}}, {{"bearerAuth", Json::array()}}})
                         : Json::array();
    paths[r.pattern][method] = op;
  }
  Json tag_list = Json::array();
  for (const auto& t : tags) tag_list.push_back({{"name", t}});

  Json error_schema = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "details"}},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"enum",
               {"invalid_input", "unauthenticated", "forbidden", "not_found", "conflict", "payload_too_large",
                "rate_limited", "unavailable", "internal"}}}},
            {"message", {{"type", "string"}}},
            {"details",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties", {{"path", {{"type", "string"}}}, {"problem", {{"type", "string"}}}}}}}}}}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", title}, {"version", version}}},
          {"servers", Json::array({{{"url", "/"}}})},
          {"tags", tag_list},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Error", error_schema}}},
            {"responses",
             {{"Error",
               {{"description",
                 "Error in the common shape; the status follows the code (docs/api.md): 400 invalid_input, 401 "
                 "unauthenticated, 403 forbidden, 404 not_found, 405, 409 conflict, 413 payload_too_large, 429 "
                 "rate_limited, 500 internal, 503 unavailable"},
                {"content", {{"application/json", {{"schema", error_schema_ref()}}}}}}}}},
            {"parameters",
             {{"IdempotencyKey",
               {{"name", "Idempotency-Key"},
                {"in", "header"},
                {"required", false},
                {"description",
                 "A client-chosen unique key; a repeated write with the same key and body returns the "
                 "first response, with a different body 409."},
                {"schema", {{"type", "string"}, {"maxLength", 200}}}}}}},
            {"securitySchemes",
             {{"cookieAuth",
               {{"type", "apiKey"},
                {"in", "cookie"},
                {"name", "xeploai_session"},
                {"description",
                 "Session cookie (HttpOnly, SameSite=Strict). Cookie-authenticated writes also send "
                 "X-CSRF-Token."}}},
              {"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace xeploai::http
