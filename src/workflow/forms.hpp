#pragma once
// The review statements as data: which official form a subject writes under each regime, its sections, how it
// scores (366: 30 general + 70 task points; 124/132: a 4-level rating per criterion of the ruleset), the tasks
// with their products, and the proposed grade. Drafts may be incomplete; a submission must be complete.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/batch.hpp"
#include "domain/ruleset.hpp"
#include "workflow/assignment.hpp"

namespace xeploai::workflow {

struct SectionDef {
  std::string key;  // stable key used in statements and paths ("sections.limitations")
  std::string title_vi, title_en;
  bool required = true;  // required for submission
};

struct ScoreGroupDef {
  std::string key;  // "general", "tasks"
  std::string title_vi, title_en;
  double max = 0;
  std::vector<std::string> subgroups_vi;  // what the appendix groups under it (qd366.md §2), for the form's guidance
};

struct FormDef {
  std::string code;  // "02B-HD KĐ.ĐG 2025"
  std::string title_vi, title_en;
  Profile profile = Profile::non_leader;
  std::string appendix;  // 366: "PL1" … "PL5"; empty otherwise
  std::vector<SectionDef> sections;
  bool points = false;                      // 366: score groups; otherwise ratings
  std::vector<ScoreGroupDef> score_groups;  // when points
  std::vector<domain::Criterion> criteria;  // when !points: every criterion must be rated
  bool tasks_required = false;              // a submission lists at least one task (366: results by products)
  bool evidence_required = false;           // each completed task names at least one product (366)
};

// The form a subject of `profile` writes under `ruleset` (its regime and criteria). Under 366 (43-HD, qd366.md
// §1 and §7): Mẫu 01 collectives, 02A leaders (PL3, or PL2 for Central-managed cadres), 02B non-leaders (PL4),
// 02C members outside the political system (PL5). Under 124 (25-HD): Mẫu 01, 02A without a post, 02B with a post.
// Under 132 (21-HD 2019): Mẫu 01 collectives and the single Mẫu 02 for every member. A quarterly evaluation
// (`quarter` 1–3, 366 only) uses Mẫu 05 for individuals (self-evaluation "quý, năm", qd366.md §1): its fields were
// not retrieved, so it keeps the 30 + 70 score, the tasks with products and the proposal, and the sections
// strengths, limitations and direction; collectives keep Mẫu 01. A quarter under 124/132 is refused.
Result<FormDef> form_for(const domain::Ruleset& ruleset, Profile profile, int quarter = 0);

enum class TaskStatus : std::int8_t { in_progress, completed_on_time, completed_late, not_completed };
std::string_view code(TaskStatus s);
std::optional<TaskStatus> parse_task_status(std::string_view s);

struct TaskEntry {
  std::string title;
  TaskStatus status = TaskStatus::in_progress;
  bool exceeded = false;              // exceeded the requirement (vượt mức), only for a completed task
  bool key = false;                   // a key target (chỉ tiêu chủ yếu)
  std::vector<std::string> evidence;  // products: "file:<id>" (an upload) or an http(s) link
};

struct Statement {
  std::string form;  // FormDef::code it was written on
  std::map<std::string, std::string> sections;
  std::map<std::string, double> scores;                 // 366: group key -> points
  std::map<domain::Criterion, domain::Rating> ratings;  // 124/132
  std::vector<TaskEntry> tasks;
  std::optional<std::int32_t> limitations_identified, limitations_remedied;
  std::optional<domain::Grade> proposed;
  std::string entered_by;  // the account that typed it
  bool on_behalf = false;  // a secretary entered it for the member (recorded as such)
};

enum class Completeness : std::int8_t { draft, submission };

// Every problem with its path ("sections.limitations", "scores.tasks", "tasks[2].evidence[0]", "proposed"). A draft
// is checked for what is there (known keys, bounds, well-formed evidence); a submission also for completeness, and
// under 366 that the proposed grade is within the self-score's band (366 Điều 12: the score decides the grade).
Result<void> validate_statement(const FormDef& form, const Statement& statement, Completeness completeness);

double total_score(const Statement& statement);
// The statement's tasks as the engine's counts (assigned, completed, on time, exceeded, a key target missed).
domain::Tasks task_counts(const std::vector<TaskEntry>& tasks);
// Copies what the statement says into the engine's subject facts (score or ratings, tasks, limitations, proposal).
void apply_statement(const FormDef& form, const Statement& statement, domain::Subject& subject);

}  // namespace xeploai::workflow
