#pragma once
// The review meeting under /api/v1 (issue 4 step 2, docs/workflow.md "Stored and exposed"):
//   POST/GET /api/v1/meetings      GET/PATCH /api/v1/meetings/{id}      PUT /api/v1/meetings/{id}/attendance
//   POST /api/v1/meetings/{id}/close                                    GET /api/v1/meetings/{id}/minutes
//   PUT /api/v1/reviews/{id}/meeting                                    PUT /api/v1/reviews/{id}/meeting/tally
//   POST /api/v1/reviews/{id}/meeting/ballot/open | ballot | ballot/close | conclude
//   GET /api/v1/me/reminders?within_days=
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_meeting_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
