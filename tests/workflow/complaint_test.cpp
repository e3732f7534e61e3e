#include "workflow/complaint.hpp"

#include <gtest/gtest.h>

#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::Grade;
using testing::has_detail;

Cycle cycle() {
  Cycle c;
  c.year = 2025;
  c.complaint_days = 15;
  return c;
}

const Days kPublished = make_date(2026, 1, 5);

TEST(Complaint, FiledWithinThePeriod) {
  auto c =
      file_complaint(cycle(), "m1", "acc-m1", kPublished, make_date(2026, 1, 20), "Đề nghị xem xét lại", Grade::HTXSNV);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->outcome, ComplaintOutcome::pending);
  EXPECT_EQ(c->requested, Grade::HTXSNV);
  EXPECT_EQ(complaint_deadline(cycle(), kPublished), make_date(2026, 1, 20));
}

TEST(Complaint, LateComplaintIsRefusedNamingTheLastDay) {
  auto c = file_complaint(cycle(), "m1", "acc-m1", kPublished, make_date(2026, 1, 21), "…", std::nullopt);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("20/01/2026"), std::string::npos);
  EXPECT_TRUE(has_detail(c.error(), "filed", "15 days after publication"));
}

TEST(Complaint, BeforePublicationOrIncompleteIsRefused) {
  EXPECT_TRUE(
      has_detail(file_complaint(cycle(), "m1", "acc", kPublished, make_date(2026, 1, 4), "…", std::nullopt).error(),
                 "filed", "before the publication"));
  auto e = file_complaint(cycle(), "", "", kNoDate, kNoDate, "", std::nullopt);
  ASSERT_FALSE(e.ok());
  for (const char* path : {"subject", "filed_by", "text", "published", "filed"})
    EXPECT_TRUE(has_detail(e.error(), path)) << path;
}

TEST(Complaint, AnsweredOnceWithReasons) {
  Complaint c = file_complaint(cycle(), "m1", "acc-m1", kPublished, make_date(2026, 1, 10), "…", Grade::HTTNV).value();
  auto no_reason = answer_complaint(c, ComplaintOutcome::upheld, make_date(2026, 1, 15), "dang-uy", "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_TRUE(has_detail(no_reason.error(), "reasons"));
  EXPECT_EQ(c.outcome, ComplaintOutcome::pending);  // unchanged
  auto early = answer_complaint(c, ComplaintOutcome::rejected, make_date(2026, 1, 9), "dang-uy", "x");
  EXPECT_TRUE(has_detail(early.error(), "answered", "before"));
  EXPECT_TRUE(
      has_detail(answer_complaint(c, ComplaintOutcome::pending, make_date(2026, 1, 15), "d", "x").error(), "outcome"));
  ASSERT_TRUE(answer_complaint(c, ComplaintOutcome::upheld, make_date(2026, 1, 15), "dang-uy", "Có căn cứ").ok());
  EXPECT_EQ(c.outcome, ComplaintOutcome::upheld);
  EXPECT_EQ(c.reasons, "Có căn cứ");
  auto again = answer_complaint(c, ComplaintOutcome::rejected, make_date(2026, 1, 16), "dang-uy", "x");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace xeploai::workflow
