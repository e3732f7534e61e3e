#pragma once
// A ruleset as data (rulesets/*.json): its parameters, its rules and its quotas. The engine (engine.hpp) is
// general code over these; each rule names a `check`, a small named piece of logic in checks.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/batch.hpp"
#include "domain/grade.hpp"

namespace xeploai::domain {

// Which subjects a rule applies to. `leader` is a member whose `leader` is true; `non_leader` the others.
enum class Applies : std::uint8_t {
  member = 1,
  leader = 2,
  non_leader = 4,
  party_organization = 8,
  leadership_collective = 16,
};

enum class Effect : std::int8_t { exclude, cap };
// How an exception written into the regulation is applied: not at all, automatically, or left to the deciding
// level (the rule then does not lower `max` and adds an informational finding asking it to weigh the case).
enum class ExceptionMode : std::int8_t { none, exempt, weigh };
enum class KeyMissed : std::int8_t { ignore, either, both };

enum class Check : std::int8_t {
  member_status,                // status == params.status
  admitted_recently,            // admitted later than as_of - params.months
  established_recently,         // established later than as_of - params.months
  flag,                         // a boolean fact (params.field) is set
  disciplined_in_year,          // own discipline of the year at params.min_form or heavier
  members_disciplined,          // a member of the collective disciplined at params.min_form or heavier
  subunits_disciplined_share,   // more than params.percent of subordinate units disciplined
  subunits_corruption,          // subunits.corruption_case
  tasks_completed_below,        // completed under params.percent of assigned (key_missed per params)
  civil_servant_grade_at_most,  // civil-servant grade not null and at or below params.grade
  civil_servant_grade_below,    // civil-servant grade not null and below params.grade
  sick_leave_at_least,          // sick_leave_days >= params.days
  any_rating_at_most,           // some rating at or below params.rating
  ratings_pattern,              // key criteria below params.key_min, or another below params.other_min
  tasks_not_on_time,            // not on_time_percent on time, or not exceeded_percent exceeded (absent: fails)
  tasks_late,                   // not all completed, or more than late_percent late (absent: fails)
  limitations_unremedied,       // remedied < identified (absent: fails)
  subordinates_disciplined,     // some subordinate unit or collective member disciplined (absent subunits: fails)
  score_band,                   // cap from the score band
  roll_up,                      // share of members / subordinate organizations at the given grades
  same_level_bodies_below,      // a same-level body below params.grade
  head_above_unit,              // a leader above the party organization of their unit
};

struct RuleParams {
  MemberStatus status = MemberStatus::active;
  int months = 6;
  std::string field;  // degradation_concluded | must_not_do_violation | disunity_concluded
  DisciplineForm min_form = DisciplineForm::khien_trach;
  ExceptionMode self_remedied = ExceptionMode::none;
  ExceptionMode force_majeure = ExceptionMode::none;
  KeyMissed key_missed = KeyMissed::ignore;
  int percent = 0;
  int on_time_percent = 100, exceeded_percent = 0, late_percent = 0;
  Grade grade = Grade::HTXSNV;
  int days = 0;
  Rating rating = Rating::kem;
  std::vector<Criterion> key_criteria;
  Rating key_min = Rating::xuat_sac, other_min = Rating::tot;
  // score_band: lowest score for each grade, best first: {HTXSNV, HTTNV, HTNV}; below the last is KHTNV.
  std::vector<std::pair<double, Grade>> bands;
  Grade all_min = Grade::HTNV, share_min = Grade::HTTNV;
};

struct Source {
  std::string document;    // "124-QĐ/TW"
  std::string article;     // "Điều 12 khoản 4"
  std::string article_en;  // "Article 12 clause 4"
  std::string text() const { return article.empty() ? document : document + " " + article; }
};

struct Rule {
  std::string id;  // R-...
  Check check = Check::flag;
  std::uint8_t applies = 0;  // Applies bits
  Effect effect = Effect::cap;
  Grade cap = Grade::KHTNV;  // for Effect::cap; score_band computes its own
  std::string enabled_by;    // a boolean parameter name, or empty (always on)
  RuleParams params;
  Source source;
  std::string message_vi, message_en;  // the fact, with {placeholders}; the engine appends the consequence
};

enum class ParamType : std::int8_t { boolean, integer, name };

struct Parameter {
  std::string name;
  ParamType type = ParamType::name;
  std::vector<OptionValue> allowed;  // empty: any value of the type
  OptionValue default_value;
  std::string description_vi, description_en;
};

// A quota: within each scope, subjects whose grade is `grade` may not exceed percent% of the base count.
// Every field named `*_param` reads a ruleset parameter so that batches can choose within what it declares.
struct QuotaRule {
  std::string id;
  std::uint8_t applies = static_cast<std::uint8_t>(Applies::member);
  Grade grade = Grade::HTXSNV;
  std::string enabled_param, percent_param, rounding_param, base_param, scope_param;
  Source source;
};

struct Ruleset {
  std::string id;  // "qd366-2025"
  int version = 1;
  std::string title_vi, title_en;
  std::string document;            // "366-QĐ/TW", used in messages
  int year_from = 0, year_to = 0;  // year_to 0: open-ended
  bool points = false;             // score (366) rather than ratings (132, 124)
  std::vector<Criterion> member_criteria, leader_criteria, collective_criteria;
  std::vector<Parameter> parameters;
  std::vector<Rule> rules;
  std::vector<QuotaRule> quotas;

  const Parameter* parameter(std::string_view name) const;
  const std::vector<Criterion>& criteria_for(const Subject& s) const;
};

bool applies_to(std::uint8_t applies, const Subject& s);

}  // namespace xeploai::domain
