#pragma once
// What the resource routes share: query parameters, OpenAPI schema pieces and the handler shapes nearly every
// route has (read by path id, write a body, write a body to a path id), so a route is its doc and one service call.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.hpp"
#include "http/router.hpp"
#include "service/org/common.hpp"

namespace xeploai::api {

namespace detail {
// A positive integer query parameter, nullopt when absent; invalid_input naming "query.<name>" when malformed.
Result<std::optional<std::int64_t>> query_int(const http::Request& request, const std::string& name);
// A query parameter from a fixed set, or a boolean ("true"/"false").
Result<std::optional<std::string>> query_enum(const http::Request& request, const std::string& name,
                                              std::initializer_list<std::string_view> allowed);
std::optional<std::string> query_text(const http::Request& request, const std::string& name);

// OpenAPI schema helpers.
http::Json integer();
http::Json string_type(const std::string& format = {});
http::Json date_type();
http::Json boolean();
http::Json nullable(http::Json schema);
http::Json object(http::Json properties, std::vector<std::string> required = {});
http::Json array_of(http::Json item);
http::Json text_map(http::Json value);  // an object with free keys, each value of the schema
http::Json enum_of(std::initializer_list<const char*> values);
http::Json page_of(http::Json item);
http::Json grade_schema();         // HTXSNV, HTTNV, HTNV, KHTNV
http::Json review_state_schema();  // workflow::ReviewState codes
http::Json subject_kind_schema();  // member, party_organization, leadership_collective
http::Json review_place_schema();  // where a review is held: cell, post
http::Json version_only();         // {version}: the body of a write that carries nothing but the version
http::RouteDoc doc(std::string summary, std::string tag, http::Json request, http::Json response,
                   std::vector<std::string> query = {}, bool idempotent = false);

service::Call call_of(const service::Principal& who, const http::Request& request);
}  // namespace detail

// The service-call shapes behind most routes; each runs inside handle_read / handle_write (context.hpp).
using Call = service::Call;
using PlainCall = std::function<Result<http::Json>(store::Transaction&, const Call&)>;
using IdCall = std::function<Result<http::Json>(store::Transaction&, const Call&, std::int64_t id)>;
// A read by path id that also reads query parameters (filters, page) from the request.
using IdQueryCall =
    std::function<Result<http::Json>(store::Transaction&, const Call&, std::int64_t id, const http::Request& request)>;
using BodyCall = std::function<Result<http::Json>(store::Transaction&, const Call&, const http::Json& body)>;
using IdBodyCall =
    std::function<Result<http::Json>(store::Transaction&, const Call&, std::int64_t id, const http::Json& body)>;

// GET without parameters beyond the caller.
http::Handler read_plain(ApiContext& ctx, PlainCall call);
// GET .../{id_param}: the path id (invalid_input naming it when not a positive integer).
http::Handler read_by_id(ApiContext& ctx, IdCall call, std::string id_param = "id");
// GET .../{id_param}?query: the path id as read_by_id, the request for its query parameters.
http::Handler read_by_id_query(ApiContext& ctx, IdQueryCall call, std::string id_param = "id");
// POST/PUT/PATCH with a JSON body; answered with `status`.
http::Handler write_body(ApiContext& ctx, int status, BodyCall call);
// POST/PUT/PATCH .../{id_param} with a JSON body; answered with `status`.
http::Handler write_by_id(ApiContext& ctx, int status, IdBodyCall call, std::string id_param = "id");

}  // namespace xeploai::api
