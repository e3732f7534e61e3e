#pragma once
// Files compiled into the binary (SQL migrations, rulesets); see cmake/embed.cmake.
#include <string_view>
#include <vector>

namespace xeploai::embedded {

struct File {
  std::string_view path;     // relative to the source tree, e.g. "migrations/sqlite/0001_init.sql"
  std::string_view content;
};

// Sorted by path.
const std::vector<File>& files();

}  // namespace xeploai::embedded
