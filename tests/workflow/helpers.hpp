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

// True when every problem reads "tiếng Việt / English": a Vietnamese half (at least one non-ASCII letter, as
// every Vietnamese sentence here has) before " / " and an English half after it.
inline bool all_bilingual(const Error& e) {
  return !e.details.empty() && std::all_of(e.details.begin(), e.details.end(), [](const ErrorDetail& d) {
    const auto slash = d.problem.find(" / ");
    if (slash == std::string::npos || slash + 3 >= d.problem.size()) return false;
    const std::string vi = d.problem.substr(0, slash);
    return std::any_of(vi.begin(), vi.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  });
}

inline std::string describe(const Error& e) {
  std::string s = e.message;
  for (const auto& d : e.details) s += "\n  " + d.path + ": " + d.problem;
  return s;
}

}  // namespace xeploai::workflow::testing
