#pragma once
// Complaints about a published grade (366 Điều 12 step 3, Điều 15, Điều 17): filed by the subject within the
// cycle's complaint period, answered by the deciding level, upheld (the grade is re-decided through the same
// checks, decision.hpp) or rejected, with reasons. The regulations set no period: the cycle carries it.
#include <optional>
#include <string>

#include "domain/grade.hpp"
#include "workflow/cycle.hpp"

namespace xeploai::workflow {

enum class ComplaintOutcome : std::int8_t { pending, upheld, rejected };
std::string_view code(ComplaintOutcome o);

struct Complaint {
  std::string subject;
  std::string filed_by;
  Days published = kNoDate;  // when the contested grade was published
  Days filed = kNoDate;
  std::string text;
  std::optional<domain::Grade> requested;  // the grade the subject asks for, if any
  ComplaintOutcome outcome = ComplaintOutcome::pending;
  Days answered = kNoDate;
  std::string answered_by, reasons;
};

// The last day a complaint may be filed: publication + the cycle's complaint_days.
Days complaint_deadline(const Cycle& cycle, Days published);

// A new complaint, or every problem: text, filer, dates, and the period.
Result<Complaint> file_complaint(const Cycle& cycle, std::string subject, std::string filed_by, Days published,
                                 Days filed, std::string text, std::optional<domain::Grade> requested);

// Answers a pending complaint (once): reasons are required, the answer cannot predate the filing.
Result<void> answer_complaint(Complaint& complaint, ComplaintOutcome outcome, Days answered, std::string answered_by,
                              std::string reasons);

}  // namespace xeploai::workflow
