#pragma once
// Progress of a cycle over the tree: for each unit, its subjects and everything below it, how many have not yet
// submitted, been reviewed at a meeting, been proposed or been decided, and how many of those are late against
// their level's calendar. Plus the reminders due before the deadlines.
#include <array>
#include <string>
#include <vector>

#include "workflow/cycle.hpp"
#include "workflow/review.hpp"

namespace xeploai::workflow {

struct SubjectProgress {
  std::string subject;
  std::int32_t unit = -1;  // index into the unit list: where the subject is reviewed
  ReviewState state = ReviewState::not_started;
};

// Steps counted: submitted (self_review), met (meeting), proposed (proposal), decided (decision).
inline constexpr int kTrackedSteps = 4;

struct UnitProgress {
  std::string unit;
  std::int32_t total = 0;
  std::array<std::int32_t, kTrackedSteps> pending{0, 0, 0, 0};  // not yet past the step
  std::array<std::int32_t, kTrackedSteps> late{0, 0, 0, 0};     // of those, with the deadline passed
};

// Whether a state is past a step (self_review .. decision).
bool done(ReviewState state, Step step);

// One entry per unit, in the units' order, rolled up: a unit's counts include every unit below it. Each subject's
// deadlines are its own unit's level's; `today` is late when after the deadline. Bad unit indices are refused.
Result<std::vector<UnitProgress>> progress(const Cycle& cycle, const std::vector<UnitNode>& units,
                                           const std::vector<SubjectProgress>& subjects, Days today);

enum class Recipient : std::int8_t { subject, unit_secretary, deciding_level };
struct Reminder {
  std::string subject;
  std::string unit;
  Step step = Step::self_review;
  Recipient to = Recipient::subject;
  Days deadline = kNoDate;
  std::int32_t days_left = 0;
};

// Reminders for every subject whose next step is due within `within_days` from today (today included, deadline
// not yet passed): the member for the statement, the unit's secretary for the meeting and the proposal, the
// deciding level for the decision.
Result<std::vector<Reminder>> reminders_due(const Cycle& cycle, const std::vector<UnitNode>& units,
                                            const std::vector<SubjectProgress>& subjects, Days today, int within_days);

}  // namespace xeploai::workflow
