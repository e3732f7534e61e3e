// Placeholder until the API module lands (src/api/routes.cpp replaces it).
#include "api/routes.hpp"

namespace xeploai::api {
void register_routes(http::Router&, store::Database&, const ApiOptions&) {}
}  // namespace xeploai::api
