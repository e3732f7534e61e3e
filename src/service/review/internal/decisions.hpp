#pragma once
// Shared by appraisal.cpp, decisions.cpp and complaints.cpp: the tree of a cycle as workflow::UnitNode, the
// subjects with their grades, who decides them, the engine's batch built from stored facts, and the one way a
// subject's state changes (workflow::apply, then the row and its history).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/batch.hpp"
#include "domain/ruleset.hpp"
#include "service/review/internal/common.hpp"
#include "workflow/decision.hpp"
#include "workflow/review.hpp"

namespace xeploai::service::review::internal {

// The cycle's root, its ancestors (the levels above decide some of its subjects) and its subtree.
struct TreeView {
  std::vector<workflow::UnitNode> nodes;  // id = the unit id as text
  std::vector<std::int64_t> ids;
  std::vector<std::string> paths, names;
  std::map<std::int64_t, std::int32_t> index;

  std::optional<std::int32_t> at(std::int64_t unit) const {
    auto it = index.find(unit);
    return it == index.end() ? std::nullopt : std::optional<std::int32_t>(it->second);
  }
  // True when `unit` is `ancestor` or below it.
  bool within(std::int64_t unit, std::int64_t ancestor) const;
  std::string name(std::int64_t unit) const;
};
TreeView load_tree(store::Transaction& tx, const CycleRow& cycle);

struct SubjectRow {
  std::int64_t id = 0, cycle_id = 0, unit_id = 0, version = 0;
  std::string kind;  // member, party_organization, leadership_collective
  std::optional<std::int64_t> person_id, collective_id;
  std::string profile, form, state;
  bool reviewed = false, graded = false;
  std::optional<std::string> grade, meeting_grade, proposed_grade;
  std::string name;  // the person's, the collective's, or the unit's
  // The agency's grade of a civil servant as the meeting recorded it (R-LINK-1/2): an input of the engine.
  std::optional<std::string> civil_servant_grade;
};
std::optional<SubjectRow> load_subject_row(store::Transaction& tx, std::int64_t id);
// Every subject of the cycle, in id order.
std::vector<SubjectRow> load_cycle_subjects(store::Transaction& tx, std::int64_t cycle_id);
Error review_not_found(std::int64_t id);

// A grade stands for the subject (decided, published, or contested).
bool grade_stands(const std::string& state);

// Who decides (workflow::competent_level), memoized per (kind, unit) for a province-sized cycle.
class Competences {
 public:
  explicit Competences(const TreeView& tree) : tree_(tree) {}
  Result<workflow::Competence> of(const SubjectRow& s);

 private:
  const TreeView& tree_;
  std::map<std::pair<std::string, std::int64_t>, Result<workflow::Competence>> memo_;
};

// The subject's level as a unit id (0 for the Politburo/Secretariat, which is not in the tree).
std::int64_t unit_of(const workflow::Competence& c);

// The engine's facts for these subjects: the roster (status, admission, a leadership post), the statement (score
// or ratings, tasks, limitations), the conclusions recorded about the member (discipline, degradation), the
// organization's establishment; `proposals` gives the grade each is proposed for (missing: none).
Result<domain::Batch> batch_for(store::Transaction& tx, const CycleRow& cycle, const TreeView& tree,
                                const std::vector<const SubjectRow*>& subjects,
                                const std::map<std::int64_t, std::string>& proposals);

const domain::Ruleset& ruleset_of(const CycleRow& cycle);

// Applies `action` as `actor` (workflow::apply: state, role, reason, grade), stores the row (state, grade,
// version; optimistic on the version read) and the history entry. 409 when the row moved meanwhile.
Result<void> move(store::Transaction& tx, const Call& call, SubjectRow& s, workflow::Action action,
                  workflow::Actor actor, const std::string& reason, std::optional<domain::Grade> grade,
                  std::int64_t now);

// An in-app notification to a person (or only to the unit when person is null).
void notify(store::Transaction& tx, std::optional<std::int64_t> person, std::int64_t unit, const std::string& kind,
            std::optional<std::int64_t> subject, const std::string& vi, const std::string& en, std::int64_t now);

// The appraisal as the API shows it (subjects with their findings, quota meters by unit).
Json appraisal_json(const workflow::Appraisal& a, const TreeView& tree,
                    const std::map<std::string, const SubjectRow*>& by_id);

// The unit a list of the cycle is read for (`unit_id`, default the cycle's root): a unit of the cycle's subtree or
// one above its root (400 naming query.unit_id otherwise), with read_reviews there (403). Its path, whose subtree
// the list reads.
Result<std::string> list_unit_path(store::Transaction& tx, const Call& call, const CycleRow& cycle,
                                   std::optional<std::int64_t> unit_id);

// The caller is the subject (a member reading or complaining about their own review).
bool is_self(const Principal& who, const SubjectRow& s);

}  // namespace xeploai::service::review::internal
