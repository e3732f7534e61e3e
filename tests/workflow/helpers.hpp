#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "util/result.hpp"

namespace xeploai::workflow::testing {

// True when the error lists a detail at `path` (and, if given, whose problem contains `words`).
inline bool has_detail(const Error& e, const std::string& path, const std::string& words = {}) {
  return std::any_of(e.details.begin(), e.details.end(), [&](const ErrorDetail& d) {
    return d.path == path && (words.empty() || d.problem.find(words) != std::string::npos);
  });
}

inline std::string describe(const Error& e) {
  std::string s = e.message;
  for (const auto& d : e.details) s += "\n  " + d.path + ": " + d.problem;
  return s;
}

}  // namespace xeploai::workflow::testing
