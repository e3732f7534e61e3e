#pragma once
// POST /api/v1/grading/check: the "what-if" of issue 3. A FORMAT.md batch in, the FORMAT.md result out
// (the same bytes `xeploai check` prints), nothing stored.
#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_grading_routes(http::Router& router, ApiContext& ctx);

}  // namespace xeploai::api
