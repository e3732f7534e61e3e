#pragma once
// Stores a generated demo province (demo/province.hpp) in an empty, migrated database: units with their history
// rows and paths, collectives, people, memberships, posts, the closed review cycles of its past years with every
// subject decided (demo/results.hpp) and their statistics' sums, and the demo accounts with their role grants, in
// one transaction with multi-row prepared inserts. Used by `xeploai demo` and by the seeding benchmark.
#include <cstdint>
#include <string>
#include <vector>

#include "demo/province.hpp"
#include "demo/results.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::cli {

struct SeededAccount {
  std::string username, display_name, role, unit_name;
};

struct SeedSummary {
  std::int64_t units = 0, collectives = 0, people = 0, posts = 0, cycles = 0, subjects = 0;
  std::vector<SeededAccount> accounts;
};

// Refuses (conflict) a database that already holds units, naming it; changes nothing then. `password_hash` is the
// Argon2id hash of the demo password, computed once by the caller and shared by every demo account.
Result<SeedSummary> seed_province(store::Database& db, const demo::Province& province,
                                  const std::vector<demo::CycleResults>& results, const std::string& password_hash);

}  // namespace xeploai::cli
