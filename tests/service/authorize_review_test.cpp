// The review's step-3 actions in the role table (service/auth/authorize.cpp): who appraises, decides and records
// conclusions. Scope (a grant holds for its unit and below) is exercised over the API in tests/api.
#include <gtest/gtest.h>

#include "service/auth/roles.hpp"

namespace xeploai::service::auth {
namespace {

bool allows(Role r, Action a) { return role_allows(r, a); }

TEST(AuthorizeReviewActions, TheCommitteesStaffAppraisesTheCommitteeDecides) {
  EXPECT_TRUE(allows(Role::committee_staff, Action::appraise));
  EXPECT_TRUE(allows(Role::committee, Action::appraise));
  EXPECT_TRUE(allows(Role::organization_board, Action::appraise));
  EXPECT_FALSE(allows(Role::cell_secretary, Action::appraise));
  EXPECT_FALSE(allows(Role::member, Action::appraise));

  EXPECT_TRUE(allows(Role::committee, Action::decide_grades));
  for (Role r : {Role::member, Role::cell_secretary, Role::committee_staff, Role::organization_board, Role::inspection,
                 Role::administrator})
    EXPECT_FALSE(allows(r, Action::decide_grades)) << to_string(r);
}

TEST(AuthorizeReviewActions, InspectionOrCommitteeRecordConclusions) {
  EXPECT_TRUE(allows(Role::inspection, Action::record_conclusion));
  EXPECT_TRUE(allows(Role::committee, Action::record_conclusion));
  for (Role r :
       {Role::member, Role::cell_secretary, Role::committee_staff, Role::organization_board, Role::administrator})
    EXPECT_FALSE(allows(r, Action::record_conclusion)) << to_string(r);
  EXPECT_EQ(to_string(Action::decide_grades), "decide_grades");
  EXPECT_EQ(to_string(Action::appraise), "appraise");
  EXPECT_EQ(to_string(Action::record_conclusion), "record_conclusion");
}

// A collective's report is written by its own unit (committee, staff, cell secretary); a member's statement is
// entered for her only by the cell secretary.
TEST(AuthorizeReviewActions, TheUnitWritesItsOwnReportTheCellSecretaryAMembersStatement) {
  for (Role r : {Role::cell_secretary, Role::committee, Role::committee_staff})
    EXPECT_TRUE(allows(r, Action::write_own_report)) << to_string(r);
  for (Role r : {Role::member, Role::organization_board, Role::inspection, Role::administrator})
    EXPECT_FALSE(allows(r, Action::write_own_report)) << to_string(r);
  EXPECT_TRUE(allows(Role::cell_secretary, Action::enter_statement));
  for (Role r : {Role::member, Role::committee, Role::committee_staff, Role::organization_board, Role::administrator})
    EXPECT_FALSE(allows(r, Action::enter_statement)) << to_string(r);
  EXPECT_EQ(to_string(Action::write_own_report), "write_own_report");
}

}  // namespace
}  // namespace xeploai::service::auth
