#include "api/route_support.hpp"

#include <fmt/format.h>

#include <charconv>

namespace xeploai::api {

namespace detail {

Result<std::optional<std::int64_t>> query_int(const http::Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::optional<std::int64_t>{};
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v <= 0)
    return Error::invalid(fmt::format("Tham số {} không hợp lệ / invalid parameter {}", name, name),
                          {{"query." + name, "phải là số nguyên dương / must be a positive integer"}});
  return std::optional<std::int64_t>{v};
}

Result<std::optional<std::string>> query_enum(const http::Request& request, const std::string& name,
                                              std::initializer_list<std::string_view> allowed) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::optional<std::string>{};
  for (auto a : allowed)
    if (it->second == a) return std::optional<std::string>{it->second};
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return Error::invalid(fmt::format("Tham số {} không hợp lệ / invalid parameter {}", name, name),
                        {{"query." + name, fmt::format("phải là một trong: {} / must be one of: {}", list, list)}});
}

std::optional<std::string> query_text(const http::Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

http::Json integer() { return {{"type", "integer"}, {"format", "int64"}}; }
http::Json string_type(const std::string& format) {
  http::Json s = {{"type", "string"}};
  if (!format.empty()) s["format"] = format;
  return s;
}
http::Json nullable(http::Json schema) {
  schema["nullable"] = true;
  return schema;
}
http::Json object(http::Json properties, std::vector<std::string> required) {
  http::Json o = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  return o;
}
http::Json page_of(http::Json item) {
  return object({{"items", {{"type", "array"}, {"items", std::move(item)}}},
                 {"page", integer()},
                 {"page_size", integer()},
                 {"total", integer()}},
                {"items", "page", "page_size", "total"});
}
http::RouteDoc doc(std::string summary, std::string tag, http::Json request, http::Json response,
                   std::vector<std::string> query, bool idempotent) {
  http::RouteDoc d;
  d.summary = std::move(summary);
  d.tag = std::move(tag);
  d.request_schema = std::move(request);
  d.response_schema = std::move(response);
  d.query_params = std::move(query);
  d.authenticated = true;
  d.idempotency_key = idempotent;
  return d;
}

http::Json date_type() { return string_type("date"); }
http::Json boolean() { return {{"type", "boolean"}}; }
http::Json array_of(http::Json item) { return {{"type", "array"}, {"items", std::move(item)}}; }
http::Json text_map(http::Json value) { return {{"type", "object"}, {"additionalProperties", std::move(value)}}; }
http::Json enum_of(std::initializer_list<const char*> values) {
  http::Json e = http::Json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
http::Json grade_schema() { return enum_of({"HTXSNV", "HTTNV", "HTNV", "KHTNV"}); }
http::Json review_state_schema() {
  return enum_of({"not_started", "draft", "submitted", "reviewed", "proposed", "decided", "published",
                  "complaint_filed", "regrading"});
}
http::Json subject_kind_schema() { return enum_of({"member", "party_organization", "leadership_collective"}); }
http::Json review_place_schema() { return enum_of({"cell", "post"}); }
http::Json version_only() { return object({{"version", integer()}}, {"version"}); }
service::Call call_of(const service::Principal& who, const http::Request& request) { return {who, request.request_id}; }

}  // namespace detail

using detail::call_of;

http::Handler read_plain(ApiContext& ctx, PlainCall call) {
  return [c = &ctx, call = std::move(call)](http::Request& request) {
    return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) {
      return call(tx, call_of(who, request));
    });
  };
}

http::Handler read_by_id(ApiContext& ctx, IdCall call, std::string id_param) {
  return [c = &ctx, call = std::move(call), id_param = std::move(id_param)](http::Request& request) {
    return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<http::Json> {
      auto id = path_id(request, id_param);
      if (!id) return id.error();
      return call(tx, call_of(who, request), *id);
    });
  };
}

http::Handler read_by_id_query(ApiContext& ctx, IdQueryCall call, std::string id_param) {
  return [c = &ctx, call = std::move(call), id_param = std::move(id_param)](http::Request& request) {
    return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<http::Json> {
      auto id = path_id(request, id_param);
      if (!id) return id.error();
      return call(tx, call_of(who, request), *id, request);
    });
  };
}

http::Handler write_body(ApiContext& ctx, int status, BodyCall call) {
  return [c = &ctx, status, call = std::move(call)](http::Request& request) {
    return handle_write(*c, request, status,
                        [&](store::Transaction& tx, const service::Principal& who) -> Result<http::Json> {
                          auto body = http::parse_json_body(request);
                          if (!body) return body.error();
                          return call(tx, call_of(who, request), *body);
                        });
  };
}

http::Handler write_by_id(ApiContext& ctx, int status, IdBodyCall call, std::string id_param) {
  return [c = &ctx, status, call = std::move(call), id_param = std::move(id_param)](http::Request& request) {
    return handle_write(*c, request, status,
                        [&](store::Transaction& tx, const service::Principal& who) -> Result<http::Json> {
                          auto id = path_id(request, id_param);
                          if (!id) return id.error();
                          auto body = http::parse_json_body(request);
                          if (!body) return body.error();
                          return call(tx, call_of(who, request), *id, *body);
                        });
  };
}

}  // namespace xeploai::api
