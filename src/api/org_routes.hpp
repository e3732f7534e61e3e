#pragma once
// Units, their tree as of a date, restructuring and leadership collectives under /api/v1 (docs/organization.md):
//   GET   /api/v1/units?parent_id=&kind=&q=&include_dissolved=&page=&page_size=
//   POST  /api/v1/units                      GET/PATCH /api/v1/units/{id}
//   GET   /api/v1/units/{id}/tree?as_of=&depth=
//   POST  /api/v1/units/{id}/move            POST /api/v1/units/merge            POST /api/v1/units/{id}/split
//   GET/POST /api/v1/units/{id}/collectives  PATCH /api/v1/collectives/{id}
#include <cstdint>
#include <optional>
#include <string>

#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_org_routes(http::Router& router, ApiContext& ctx);

namespace detail {
// Helpers shared by the org and people routes.
// A positive integer query parameter, nullopt when absent; invalid_input naming "query.<name>" when malformed.
Result<std::optional<std::int64_t>> query_int(const http::Request& request, const std::string& name);
// A query parameter from a fixed set, or a boolean ("true"/"false").
Result<std::optional<std::string>> query_enum(const http::Request& request, const std::string& name,
                                              std::initializer_list<std::string_view> allowed);
std::optional<std::string> query_text(const http::Request& request, const std::string& name);
// OpenAPI schema helpers.
http::Json integer();
http::Json string_type(const std::string& format = {});
http::Json nullable(http::Json schema);
http::Json object(http::Json properties, std::vector<std::string> required = {});
http::Json page_of(http::Json item);
http::RouteDoc doc(std::string summary, std::string tag, http::Json request, http::Json response,
                   std::vector<std::string> query = {}, bool idempotent = false);
}  // namespace detail

}  // namespace xeploai::api
