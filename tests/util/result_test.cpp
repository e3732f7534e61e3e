#include "util/result.hpp"

#include <gtest/gtest.h>

#include <string>

#include "util/embedded_files.hpp"

namespace xeploai {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Error::invalid("must be positive", {{"value", "is " + std::to_string(v)}});
  return v;
}

TEST(Result, CarriesValueOrError) {
  auto good = parse_positive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  ASSERT_EQ(bad.error().details.size(), 1u);
  EXPECT_EQ(bad.error().details[0].problem, "is -1");
}

TEST(ErrorCode, HasStableNames) {
  EXPECT_EQ(to_string(ErrorCode::not_found), "not_found");
  EXPECT_EQ(to_string(ErrorCode::conflict), "conflict");
}

TEST(EmbeddedFiles, AreSortedByPath) {
  const auto& files = embedded::files();
  for (std::size_t i = 1; i < files.size(); ++i) EXPECT_LT(files[i - 1].path, files[i].path);
}

}  // namespace
}  // namespace xeploai
