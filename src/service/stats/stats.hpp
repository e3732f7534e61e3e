#pragma once
// Statistics of decided grades rolled up the organization tree (issue 6, docs/statistics.md): for a unit with
// everything below it and a year, how many subjects of each kind got each grade (and how many were not graded or
// are still waiting for a decision), for the unit and each of its children, over the years that have cycles, with
// two outlier views. Reads only review_cycles, review_subjects (kind, unit_id, person_id, collective_id, place,
// graded, state, grade), units and posts, so it works with whatever step decides the grades.
//
// Counting: one GROUP BY per cycle over the subtree's subjects (covering index, migration 0007), rolled up in memory
// along the units' materialized paths. A cycle summed by refresh_counts() is read from stats_rollup instead (every
// unit's subtree totals), which keeps a national dataset fast; the decision step calls refresh_counts after it
// writes grades.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/org/common.hpp"

namespace xeploai::service::stats {

// The columns of every count: the four grades, subjects not graded (exempt, suspended, admitted < 6 months, posts'
// reviews are not counted at all), and graded subjects without a decided grade yet.
enum class Column : std::uint8_t { htxsnv, httnv, htnv, khtnv, not_graded, pending };
inline constexpr std::size_t kColumns = 6;
inline constexpr std::string_view kColumnKeys[kColumns] = {"HTXSNV", "HTTNV", "HTNV", "KHTNV", "not_graded", "pending"};

// What is counted, in report order. Party organizations by the kind of their unit; leaders are the members (their
// party-member grade at the cell) who hold a leadership post at the cycle's grading date, by management level: the
// level of the highest unit where they hold one (the province committee and its agencies; an upper-grassroots
// committee and its agencies; anything below).
enum class Category : std::uint8_t {
  upper_organizations,       // đảng bộ tỉnh, đảng bộ huyện / khối (cấp trên cơ sở)
  grassroots_organizations,  // tổ chức cơ sở đảng: đảng bộ cơ sở, chi bộ cơ sở
  sectional_committees,      // đảng bộ bộ phận
  cells,                     // chi bộ trực thuộc
  members,                   // đảng viên
  leadership_collectives,    // tập thể lãnh đạo, quản lý
  leaders,                   // cán bộ lãnh đạo, quản lý (all levels)
  leaders_province,          // thuộc diện cấp tỉnh quản lý
  leaders_district,          // thuộc diện cấp huyện quản lý
  leaders_grassroots,        // cấp cơ sở
};
inline constexpr std::size_t kCategories = 10;
struct CategoryInfo {
  std::string_view key, vi, en;
};
extern const CategoryInfo kCategoryInfo[kCategories];

struct Counts {
  std::array<std::int64_t, kColumns> n{};
  std::int64_t total() const;
  std::int64_t decided() const;  // the four grades
  Counts& operator+=(const Counts& o);
  std::int64_t& operator[](Column c) { return n[static_cast<std::size_t>(c)]; }
  std::int64_t operator[](Column c) const { return n[static_cast<std::size_t>(c)]; }
};
using CategoryCounts = std::array<Counts, kCategories>;

// Shares in percent with one decimal: the four grades of `decided()` by largest remainder, so that they add up to
// exactly 100.0 when anything is decided; not_graded and pending of total(), rounded half up. Zero when the base is 0.
std::array<double, kColumns> shares(const Counts& c);

struct UnitCounts {
  std::int64_t unit_id = 0;
  std::string name, kind, code;
  CategoryCounts counts{};
};

struct CycleRef {
  std::int64_t id = 0;
  int year = 0;
  std::string ruleset, status;
  std::int64_t root_unit_id = 0;
  bool summed = false;  // read from stats_rollup (refresh_counts) rather than counted now
};

struct YearCounts {
  int year = 0;
  std::vector<std::int64_t> cycles;
  CategoryCounts counts{};
};

// A unit whose graded members are all HTTNV or better (at least kAllGoodMinimum of them decided).
inline constexpr std::int64_t kAllGoodMinimum = 10;
struct AllGoodUnit {
  std::int64_t unit_id = 0;
  std::string name, kind;
  std::int64_t decided = 0, htxsnv = 0;
};

// A head of a unit (post with is_head) whose member grade is better than the grade of the organization they head:
// the unit's party organization, or for an agency the leadership collective of the post.
struct LeaderAbove {
  std::int64_t post_id = 0, person_id = 0, unit_id = 0;
  std::string full_name, post_title, unit_name;
  std::string leader_grade, organization_kind, organization_grade;
};

inline constexpr std::size_t kOutlierLimit = 100;

struct Report {
  UnitCounts unit;
  std::optional<int> year;  // nullopt when no annual cycle covers the unit
  std::vector<CycleRef> cycles;
  std::vector<UnitCounts> children;   // the unit's current children (and dissolved ones that have subjects)
  std::vector<YearCounts> years;      // the unit over the years, oldest first
  std::vector<AllGoodUnit> all_good;  // the first kOutlierLimit, tree order
  std::int64_t all_good_total = 0;
  std::vector<LeaderAbove> leaders_above;  // the first kOutlierLimit, tree order
  std::int64_t leaders_above_total = 0;
};

struct Query {
  std::optional<int> year;  // default: the latest year with an annual cycle covering the unit
  std::vector<int> years;   // default: every year with one (at most 20)
};

// The statistics of `unit_id` (needs read_reviews there: every role but a plain member). 404 for an unknown unit.
Result<Report> unit_statistics(store::Transaction& tx, const Call& call, std::int64_t unit_id, const Query& query);

// The report as the API answers it (docs/statistics.md, shaped for charts).
Json to_json(const Report& report);

// Recomputes the stored sums of a cycle (stats_rollup: every unit's subtree totals; stats_leader_outliers) from its
// subjects, replacing what was there, in the caller's transaction. Cost: one pass over the cycle's subjects
// (docs/performance-stats.md); after a decision prefer the subtree form below.
Result<void> refresh_counts(store::Transaction& tx, std::int64_t cycle_id);
// The same after a change confined to the subtree of `unit_id` (a decision of that level, a complaint's outcome):
// recomputes the subtree's sums and moves the units above it by the difference, and the heads concerned. Cost: the
// subtree's subjects, so a commune's decision in a national cycle stays cheap. A cycle not summed yet is summed
// whole.
Result<void> refresh_counts(store::Transaction& tx, std::int64_t cycle_id, std::int64_t unit_id);
// Forgets the stored sums of a cycle: it is counted from its subjects at every request again.
void drop_counts(store::Transaction& tx, std::int64_t cycle_id);

}  // namespace xeploai::service::stats
