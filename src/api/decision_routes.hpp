#pragma once
// Appraisal, decision, publication, complaints and re-grading under /api/v1 (issue 4 steps 2–3, docs/workflow.md
// "Stored and exposed"):
//   POST /cycles/{id}/appraisal   POST /reviews/{id}/propose      POST /cycles/{id}/decisions
//   GET /decisions/{id}           POST /decisions/{id}/publish    GET /me/notifications
//   POST /me/notifications/{id}/read                              GET /units/{id}/notifications
//   POST /reviews/{id}/complaints POST /complaints/{id}/answer    POST /reviews/{id}/cancel
//   POST /reviews/{id}/reopen     POST /people/{id}/conclusions   GET /reviews/{id}     GET /me/results
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_decision_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
