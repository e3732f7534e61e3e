#include "domain/date.hpp"

#include <gtest/gtest.h>

#include "domain/grade.hpp"

using namespace xeploai::domain;

TEST(Date, ParsesOnlyRealIsoDays) {
  EXPECT_TRUE(parse_iso_date("2024-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("2024-13-01"));
  EXPECT_FALSE(parse_iso_date("2024-1-01"));
  EXPECT_FALSE(parse_iso_date("2024-01-01T00"));
  EXPECT_FALSE(parse_iso_date("abcd-ef-gh"));
  EXPECT_EQ(format_iso(*parse_iso_date("2026-12-15")), "2026-12-15");
  EXPECT_EQ(format_dmy(*parse_iso_date("2024-05-10")), "10/05/2024");
}

TEST(Date, MinusMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(format_iso(minus_months(*parse_iso_date("2026-12-15"), 6)), "2026-06-15");
  EXPECT_EQ(format_iso(minus_months(*parse_iso_date("2026-08-31"), 6)), "2026-02-28");
  EXPECT_EQ(format_iso(minus_months(*parse_iso_date("2024-08-31"), 6)), "2024-02-29");
  EXPECT_EQ(format_iso(minus_months(*parse_iso_date("2026-03-15"), 6)), "2025-09-15");
}

TEST(Grade, CodesRoundTripAndOrder) {
  for (auto g : {Grade::KHTNV, Grade::HTNV, Grade::HTTNV, Grade::HTXSNV}) EXPECT_EQ(parse_grade(code(g)), g);
  EXPECT_LT(Grade::HTTNV, Grade::HTXSNV);
  EXPECT_FALSE(parse_grade("htxsnv"));
  EXPECT_EQ(name_vi(Grade::KHTNV), "Không hoàn thành nhiệm vụ");
  EXPECT_EQ(parse_discipline_form("canh_cao"), DisciplineForm::canh_cao);
  EXPECT_LT(DisciplineForm::khien_trach, DisciplineForm::khai_tru);
  EXPECT_EQ(parse_criterion("leadership_results"), Criterion::leadership_results);
}
