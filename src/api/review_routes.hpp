#pragma once
// The annual review under /api/v1 (issue 4, docs/workflow.md "Stored and exposed"):
//   POST/GET /api/v1/cycles            GET /api/v1/cycles/{id}          GET /api/v1/cycles/{id}/progress?unit_id=
//   GET /api/v1/me/reviews             GET/PUT /api/v1/reviews/{id}/statement
//   POST /api/v1/reviews/{id}/statement/submit
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_review_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
