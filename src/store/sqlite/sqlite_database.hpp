#pragma once
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace xeploai::store::sqlite {

// Opens (creating if needed) the SQLite file at `path` in WAL mode; `pool_size` reader connections at most.
std::unique_ptr<Database> open(const std::string& path, int pool_size, std::vector<Migration> migrations);

}  // namespace xeploai::store::sqlite
