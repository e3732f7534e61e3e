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
#include "api/route_support.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_org_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
