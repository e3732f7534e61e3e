#include "api/routes.hpp"

#include <memory>

#include "api/auth_routes.hpp"
#include "api/context.hpp"
#include "api/decision_routes.hpp"
#include "api/document_routes.hpp"
#include "api/grading_routes.hpp"
#include "api/meeting_routes.hpp"
#include "api/org_routes.hpp"
#include "api/people_routes.hpp"
#include "api/review_routes.hpp"
#include "api/stats_routes.hpp"
#include "api/roster_routes.hpp"

namespace xeploai::api {

void register_routes(http::Router& router, store::Database& db, const ApiOptions& options) {
  // The handlers point at one shared ApiContext; each route added to `router` holds a reference to it, so the
  // context lives exactly as long as the router's routes.
  auto ctx = std::make_shared<ApiContext>(ApiContext{db, options});
  http::Router local;
  register_auth_routes(local, *ctx);
  register_org_routes(local, *ctx);
  register_people_routes(local, *ctx);
  register_grading_routes(local, *ctx);
  register_review_routes(local, *ctx);
  register_meeting_routes(local, *ctx);
  register_decision_routes(local, *ctx);
  register_stats_routes(local, *ctx);
  register_roster_routes(local, *ctx);
  register_document_routes(local, *ctx);
  for (const auto& route : local.routes())
    router.add(route.method, route.pattern, route.doc,
               [ctx, handler = route.handler](http::Request& request) { return handler(request); });
}

}  // namespace xeploai::api
