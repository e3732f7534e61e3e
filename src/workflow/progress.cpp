#include "workflow/progress.hpp"

#include <fmt/format.h>

namespace xeploai::workflow {

namespace {

constexpr Step kSteps[kTrackedSteps] = {Step::self_review, Step::meeting, Step::proposal, Step::decision};

Result<void> check(const std::vector<UnitNode>& units, const std::vector<SubjectProgress>& subjects) {
  std::vector<ErrorDetail> p;
  const auto n = static_cast<std::int32_t>(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].parent < -1 || units[i].parent >= n)
      p.push_back({fmt::format("units[{}].parent", i), "không có đơn vị này / no such unit"});
    std::int32_t at = units[i].parent;
    for (std::int32_t steps = 0; at >= 0 && at < n; at = units[at].parent)
      if (++steps > n) {
        p.push_back(
            {fmt::format("units[{}].parent", i), "đơn vị là cấp trên của chính nó / the unit is its own ancestor"});
        break;
      }
  }
  for (std::size_t i = 0; i < subjects.size(); ++i)
    if (subjects[i].unit < 0 || subjects[i].unit >= n)
      p.push_back({fmt::format("subjects[{}].unit", i), "không có đơn vị này / no such unit"});
  if (!p.empty()) return Error::invalid(bilingual("Dữ liệu tiến độ không hợp lệ", "invalid progress input"), p);
  return {};
}

}  // namespace

bool done(ReviewState s, Step step) {
  switch (step) {
    case Step::self_review:
      return s != ReviewState::not_started && s != ReviewState::draft;
    case Step::meeting:
      return at_or_past_review(s);
    case Step::proposal:
      return at_or_past_review(s) && s != ReviewState::reviewed;
    case Step::decision:
      return s == ReviewState::decided || s == ReviewState::published || s == ReviewState::complaint_filed;
    case Step::reporting:
      return s == ReviewState::published;
  }
  return false;
}

Result<std::vector<UnitProgress>> progress(const Cycle& cycle, const std::vector<UnitNode>& units,
                                           const std::vector<SubjectProgress>& subjects, Days today) {
  if (auto ok = check(units, subjects); !ok) return std::move(ok).error();
  std::vector<UnitProgress> out(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) out[i].unit = units[i].id;
  for (const SubjectProgress& s : subjects) {
    const Level level = level_of(units[s.unit].kind);
    std::array<bool, kTrackedSteps> pending{}, late{};
    for (int k = 0; k < kTrackedSteps; ++k) {
      pending[k] = !done(s.state, kSteps[k]);
      const Days d = deadline(cycle, level, kSteps[k]);
      late[k] = pending[k] && d != kNoDate && today > d;
    }
    // Add to the subject's unit and to every unit above it.
    for (std::int32_t at = s.unit; at >= 0; at = units[at].parent) {
      ++out[at].total;
      for (int k = 0; k < kTrackedSteps; ++k) {
        out[at].pending[k] += pending[k];
        out[at].late[k] += late[k];
      }
    }
  }
  return out;
}

Result<std::vector<Reminder>> reminders_due(const Cycle& cycle, const std::vector<UnitNode>& units,
                                            const std::vector<SubjectProgress>& subjects, Days today, int within_days) {
  if (auto ok = check(units, subjects); !ok) return std::move(ok).error();
  if (within_days < 0)
    return Error::invalid(bilingual("Số ngày nhắc trước không hợp lệ", "invalid reminder window"),
                          {{"within_days", "không được là số âm / negative"}});
  std::vector<Reminder> out;
  for (const SubjectProgress& s : subjects) {
    const Level level = level_of(units[s.unit].kind);
    for (Step step : kSteps) {
      if (done(s.state, step)) continue;
      const Days d = deadline(cycle, level, step);
      if (d != kNoDate && d >= today && d - today <= within_days) {
        const Recipient to = step == Step::self_review ? Recipient::subject
                             : step == Step::decision  ? Recipient::deciding_level
                                                       : Recipient::unit_secretary;
        out.push_back({s.subject, units[s.unit].id, step, to, d, d - today});
      }
      break;  // only the next step a subject has to take
    }
  }
  return out;
}

}  // namespace xeploai::workflow
