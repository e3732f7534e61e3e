#pragma once
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store::postgres {

// Connects to `url` (postgresql://...) with libpq; up to `pool_size` connections. The first connection is made now,
// so a wrong URL or an unreachable server fails here with DatabaseError.
std::unique_ptr<Database> open(const std::string& url, int pool_size, std::vector<Migration> migrations);

// True for the URL schemes libpq accepts (postgresql://, postgres://).
bool is_postgres_url(std::string_view url);

}  // namespace xeploai::store::postgres
