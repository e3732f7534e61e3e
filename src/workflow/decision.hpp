#pragma once
// Appraisal and decision: the cycle's subjects become a FORMAT.md batch, the engine evaluates it (what-if, with
// every finding and the quota meters), and a competent level decides the whole batch at once, or nothing when
// the engine rejects any part of it.
#include <optional>
#include <string>
#include <vector>

#include "domain/batch.hpp"
#include "domain/engine.hpp"
#include "domain/ruleset.hpp"
#include "workflow/common.hpp"
#include "workflow/cycle.hpp"

namespace xeploai::workflow {

// The facts of one subject as the service loaded them; `unit` is a unit id of the tree.
struct CaseFacts {
  domain::Subject subject;  // subject.unit is ignored: filled from `unit`
  std::string unit;
};

// The batch for the engine: the tree's units (ids, kinds, parents) and the subjects, with as_of and the options.
// Unknown units and duplicate subject ids are refused with their paths ("subjects[3].unit").
Result<domain::Batch> build_batch(const Cycle& cycle, Days as_of, const std::vector<UnitNode>& units,
                                  const std::vector<CaseFacts>& cases,
                                  const std::map<std::string, domain::OptionValue>& options = {});

struct FindingView {
  std::string rule, source, message_vi, message_en;
  std::optional<domain::Grade> cap;  // nullopt: excluded from grading
};

struct SubjectAppraisal {
  std::string subject;
  bool graded = true;
  std::optional<domain::Grade> max, grade, proposed;
  bool proposal_above_max = false;
  std::vector<FindingView> findings;
};

struct QuotaMeter {
  std::string rule, scope;
  domain::Grade grade = domain::Grade::HTXSNV;
  std::int64_t base = 0, limit = 0, count = 0;
  bool ok = true;
  std::int64_t percent = 0;  // of the base, as the ruleset's options give it
};

struct Appraisal {
  bool ok = true;
  std::vector<SubjectAppraisal> subjects;  // batch order
  std::vector<QuotaMeter> quotas;
};

// The engine's result in the words officials read (what-if: nothing is stored). The batch's options are
// checked against the ruleset first.
Result<Appraisal> appraise(const domain::Ruleset& ruleset, const domain::Batch& batch);

// Who decides (366 Điều 13, 43-HD Mục 3; regulations.md §5.2–§5.3): the unit whose body decides the grade of a
// subject of `kind` at `unit`, and which body of it.
enum class Body : std::int8_t { committee, standing_committee, politburo };
struct Competence {
  std::string unit;  // empty for the Politburo/Secretariat
  Body body = Body::committee;
};
// Members: the grassroots organization of their cell (its committee). Party organizations: a cell or sectional
// committee under a grassroots committee -> that grassroots committee; a grassroots organization -> the standing
// committee of the level above; an upper-grassroots committee -> the province's standing committee; a province ->
// the Politburo/Secretariat. Leadership collectives: the standing committee of the unit above the one they lead.
Result<Competence> competent_level(const std::vector<UnitNode>& units, domain::SubjectKind kind,
                                   const std::string& unit);

struct DecisionRecord {
  std::string number;  // "125-QĐ/ĐU"
  Days date = kNoDate;
  std::string signer;
  std::string unit;  // the deciding unit
  Body body = Body::committee;
};

struct DecidedGrade {
  std::string subject;
  std::optional<domain::Grade> grade;  // nullopt: not graded (exempt, …)
};

struct Decision {
  DecisionRecord record;
  std::vector<DecidedGrade> grades;  // batch order
  Appraisal appraisal;               // what the engine said, kept with the decision
};

// Decides the whole batch or nothing: the record must be complete and dated within the cycle's window; every
// subject must fall under this level (competent_level); every graded subject needs a proposed grade; and the engine
// must accept the batch — a proposal above its max, or a quota exceeded, refuses the decision with the engine's
// reasons (paths "subjects[i].proposed", "quotas[j]").
Result<Decision> decide(const domain::Ruleset& ruleset, const Cycle& cycle, const domain::Batch& batch,
                        const std::vector<UnitNode>& units, const DecisionRecord& record);

}  // namespace xeploai::workflow

namespace xeploai::workflow {

// A subject of the cycle and where its review stands, for the order of grading.
struct CaseState {
  std::string subject;
  domain::SubjectKind kind = domain::SubjectKind::member;
  std::string unit;
  bool decided = false;  // decided, published or under complaint: a grade stands
};

// The order of grading (366 Điều 12.2; qd366.md §4.2): members and subordinate organizations are graded before
// the party organization, since its grade rests on theirs (the engine's roll-ups). A party organization in
// `batch_subjects` is refused while a member of its cell, or an organization directly under it, is neither decided
// nor in the same batch. Paths: "order.<subject>".
Result<void> decision_order_gate(const std::vector<UnitNode>& units, const std::vector<CaseState>& cycle_subjects,
                                 const std::vector<std::string>& batch_subjects);

}  // namespace xeploai::workflow
