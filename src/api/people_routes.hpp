#pragma once
// Party members and their posts under /api/v1 (docs/organization.md):
//   GET  /api/v1/people?unit_id=&status=&q=&page=&page_size=   (Vietnamese order, diacritic-insensitive q)
//   POST /api/v1/people          GET/PATCH /api/v1/people/{id}   POST /api/v1/people/{id}/move
//   GET/POST /api/v1/people/{id}/posts                          PATCH /api/v1/posts/{id}
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_people_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
