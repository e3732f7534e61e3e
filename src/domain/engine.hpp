#pragma once
// The grading engine: for each subject of a batch, whether it is graded, the highest grade the ruleset allows
// (`max`), the grade that stands, and the findings that explain it; then the quotas. Pure computation.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/batch.hpp"
#include "domain/ruleset.hpp"
#include "util/result.hpp"

namespace xeploai::domain {

enum class FindingKind : std::uint8_t { rule, weigh, info };

struct Finding {
  std::uint16_t rule = 0;   // index into Ruleset::rules
  std::int8_t cap = kNone;  // a Grade; kNone for an exclusion
  FindingKind kind = FindingKind::rule;
  std::int32_t detail = -1;  // what the check found (an index into the subject's lists, or a count)
  std::int32_t detail2 = -1;
};

struct SubjectResult {
  bool graded = true;
  bool proposal_above_max = false;
  std::int8_t max = kNone;  // a Grade; kNone when not graded
  std::int8_t grade = kNone;
  std::uint32_t first_finding = 0, finding_count = 0;  // range in Evaluation::findings
};

struct QuotaResult {
  std::uint16_t quota = 0;  // index into Ruleset::quotas
  std::string scope;        // the grassroots organization's unit id (with a role suffix when counted by role)
  Grade grade = Grade::HTXSNV;
  std::int64_t base = 0, limit = 0, count = 0;
  bool ok = true;
  std::int64_t percent = 0;  // the limit's percentage of the base, as the ruleset's options give it
};

struct Evaluation {
  std::vector<SubjectResult> subjects;  // in batch order
  std::vector<Finding> findings;
  std::vector<QuotaResult> quotas;
  bool ok = true;

  const Finding* findings_of(std::size_t subject, std::size_t& count) const {
    count = subjects[subject].finding_count;
    return findings.data() + subjects[subject].first_finding;
  }
};

// Options of a batch resolved against the ruleset's declared parameters (defaults filled in).
struct ResolvedOptions {
  std::vector<OptionValue> values;  // parallel to Ruleset::parameters
  const OptionValue* get(const Ruleset& rs, std::string_view name) const;
  bool flag(const Ruleset& rs, std::string_view name, bool fallback) const;
};

// Checks every option of the batch against the ruleset's parameters; details name "options.<name>".
Result<ResolvedOptions> resolve_options(const Ruleset& ruleset, const std::map<std::string, OptionValue>& options);

// True when an exclusion rule (R-EXEMPT-…) of the ruleset takes the subject out of grading. The batch parser
// uses it to know which subjects need ratings or a score.
bool excluded(const Ruleset& ruleset, const Batch& batch, const Subject& subject);

// The batch must be valid for the ruleset (batch::parse checks it); options are resolved here.
Evaluation evaluate(const Ruleset& ruleset, const Batch& batch);

// The finding's explanation for the official who reads it, in Vietnamese and in English.
std::string message_vi(const Ruleset& ruleset, const Batch& batch, const Subject& subject, const Finding& finding);
std::string message_en(const Ruleset& ruleset, const Batch& batch, const Subject& subject, const Finding& finding);
// "366-QĐ/TW Điều 11"
std::string source_text(const Ruleset& ruleset, const Finding& finding);

}  // namespace xeploai::domain
