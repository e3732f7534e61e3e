#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "store/database.hpp"

namespace xeploai::store {
namespace {

TEST(Row, IntegersReadFromTextAndIntegralReals) {
  Row row({std::string("12"), std::string("-9223372036854775808"), 3.0, std::int64_t{7}, std::string(" 5 ")});
  EXPECT_EQ(row.get_int(0), 12);
  EXPECT_EQ(row.get_int(1), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(row.get_int(2), 3);
  EXPECT_EQ(row.get_int(3), 7);
  EXPECT_EQ(row.get_int(4), 5);
}

TEST(Row, LossyIntegerConversionsAreRefused) {
  Row row({3.5, 1e300, std::string("12abc"), std::string(""), Blob{1}, Null{}, std::string("99999999999999999999")});
  for (std::size_t i = 0; i < row.size(); ++i) EXPECT_THROW(row.get_int(i), DatabaseError) << "column " << i;
}

TEST(Row, DoublesAndText) {
  Row row({std::string("2.5"), std::int64_t{4}, std::string("NaN"), 0.1, std::int64_t{-3}});
  EXPECT_DOUBLE_EQ(row.get_double(0), 2.5);
  EXPECT_DOUBLE_EQ(row.get_double(1), 4.0);
  EXPECT_TRUE(std::isnan(row.get_double(2)));
  EXPECT_EQ(row.get_text(3), "0.1");
  EXPECT_EQ(row.get_text(4), "-3");
  EXPECT_THROW(Row({std::string("x")}).get_double(0), DatabaseError);
}

TEST(Row, NullsAndBlobs) {
  Row row({Null{}, Blob{'a', 'b'}, std::string("cd")});
  EXPECT_TRUE(row.is_null(0));
  EXPECT_FALSE(row.is_null(1));
  EXPECT_EQ(row.get_optional_int(0), std::nullopt);
  EXPECT_EQ(row.get_optional_text(0), std::nullopt);
  EXPECT_THROW(row.get_text(0), DatabaseError);
  EXPECT_THROW(row.get_blob(0), DatabaseError);
  EXPECT_EQ(row.get_text(1), "ab");
  EXPECT_EQ(row.get_blob(2), (Blob{'c', 'd'}));
  EXPECT_THROW(row.get_int(9), std::out_of_range);
}

TEST(Params, HelpersMapCppValues) {
  auto p = params(true, 5, 2.5, "x", std::string_view("y"), std::nullopt, std::optional<int>(3), Blob{1});
  ASSERT_EQ(p.size(), 8u);
  EXPECT_EQ(std::get<std::int64_t>(p[0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(p[1]), 5);
  EXPECT_EQ(std::get<double>(p[2]), 2.5);
  EXPECT_EQ(std::get<std::string>(p[3]), "x");
  EXPECT_EQ(std::get<std::string>(p[4]), "y");
  EXPECT_TRUE(std::holds_alternative<Null>(p[5]));
  EXPECT_EQ(std::get<std::int64_t>(p[6]), 3);
  EXPECT_EQ(std::get<Blob>(p[7]), Blob{1});
}

}  // namespace
}  // namespace xeploai::store
