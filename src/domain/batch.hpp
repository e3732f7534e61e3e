#pragma once
// The facts of a grading batch (FORMAT.md) as plain values. Parsing and writing JSON live in src/batch/.
// Kept compact: a national batch holds millions of subjects in memory.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "domain/date.hpp"
#include "domain/grade.hpp"

namespace xeploai::domain {

inline constexpr std::int8_t kNone = -1;  // absent grade or rating

struct Unit {
  std::string id;
  std::string name;
  UnitKind kind = UnitKind::cell;
  std::int32_t parent = -1;  // index into Batch::units, -1 for a root
};

struct Tasks {
  std::int32_t assigned = 0, completed = 0, on_time = 0, exceeded = 0;
  bool key_missed = false, force_majeure = false;
};

struct Discipline {
  Days decided = kNoDate;
  DisciplineForm form = DisciplineForm::khien_trach;
  std::int32_t violation_year = 0;
  bool self_detected_remedied = false;
};

struct Subject {
  std::string id;
  SubjectKind kind = SubjectKind::member;
  MemberStatus status = MemberStatus::active;
  bool leader = false;
  bool degradation_concluded = false;
  bool must_not_do_violation = false;
  bool disunity_concluded = false;
  bool has_score = false, has_tasks = false, has_limitations = false, has_subunits = false;
  bool subunits_corruption_case = false;
  std::int8_t proposed = kNone;             // a Grade, or kNone
  std::int8_t civil_servant_grade = kNone;  // a Grade, or kNone
  std::int32_t unit = -1;                   // index into Batch::units
  double score = 0;
  std::array<std::int8_t, kCriterionCount> ratings{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  Tasks tasks;
  std::int32_t limitations_identified = 0, limitations_remedied = 0;
  std::int32_t subunits_total = 0, subunits_disciplined = 0;
  std::int32_t sick_leave_days = 0;
  Days admitted = kNoDate;
  Days established = kNoDate;
  std::vector<Discipline> discipline;
  std::vector<DisciplineForm> members_disciplined;
  std::vector<Grade> same_level_bodies;

  bool has_rating(Criterion c) const { return ratings[static_cast<int>(c)] != kNone; }
  Rating rating(Criterion c) const { return static_cast<Rating>(ratings[static_cast<int>(c)]); }
  bool is_collective() const { return kind != SubjectKind::member; }
};

// A batch option value: the ruleset's parameters are booleans, integers or names.
using OptionValue = std::variant<bool, std::int64_t, std::string>;

struct Batch {
  int format = 1;
  std::string ruleset;  // ruleset id
  std::int32_t year = 0;
  Days as_of = kNoDate;
  std::map<std::string, OptionValue> options;
  std::vector<Unit> units;
  std::vector<Subject> subjects;
};

}  // namespace xeploai::domain
