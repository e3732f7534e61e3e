#pragma once
// GoogleTest glue for temporary_database.hpp (header only: the store library does not link GoogleTest).
#include <gtest/gtest.h>

#include "store/testing/temporary_database.hpp"

// Skips the current test when its backend is not configured here (see skip_reason()).
#define XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(backend)                         \
  do {                                                                         \
    if (auto xeploai_why_ = ::xeploai::store::testing::skip_reason(backend)) { \
      GTEST_SKIP() << *xeploai_why_;                                           \
    }                                                                          \
  } while (0)
