#pragma once
// Results of the demo province's past reviews: closed annual cycles with every subject decided and published, so
// that statistics, documents and the web have years to show and compare (docs/statistics.md "Demo data").
// Generated in memory from a Province, deterministic by seed, entirely fictitious.
//
// - One cycle per year before the province's year (Province::year - 2 and - 1: 2024 under qd124-2023 and 2025 under
//   qd366-2025 for the default 2026), root the province; no cycle for the province's own year (the live demo opens
//   it).
// - Members: those admitted by 31/12 of the year, at their current cell (the demo keeps no earlier cells). Exempt
//   (R-EXEMPT-1), suspended (R-EXEMPT-2) and admitted less than six months before the grading date (R-EXEMPT-3b;
//   R-EXEMPT-3 under 132) are not graded; the others mostly HTTNV, about one in eight HTXSNV, a few HTNV and KHTNV,
//   cells differing in quality. HTXSNV never exceeds 20% of HTTNV within a grassroots organization (R-QUOTA-1).
//   About 2% of grassroots organizations (at least two) have every graded member HTTNV or better.
// - Party organizations (every unit but agencies) graded from their members' grades (HTXSNV only with no KHTNV
//   member and at least 80% HTTNV or better; KHTNV with more than 20% KHTNV), collectives (all but cell
//   committees) near the grade of the organization they lead; the same 20% cap per deciding level.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/province.hpp"

namespace xeploai::demo {

enum class Grade : std::uint8_t { HTXSNV, HTTNV, HTNV, KHTNV };
std::string_view to_string(Grade grade);

struct MemberResult {
  Index person = kNone;
  bool graded = true;
  std::string_view rule;       // why not graded: "R-EXEMPT-1", "R-EXEMPT-2", "R-EXEMPT-3b"; empty when graded
  Grade grade = Grade::HTTNV;  // when graded
};

struct OrganizationResult {
  Index unit = kNone;  // a party unit (any kind but agency)
  Grade grade = Grade::HTTNV;
};

struct CollectiveResult {
  Index collective = kNone;  // not a cell committee
  Grade grade = Grade::HTTNV;
};

struct CycleResults {
  int year = 0;
  std::string ruleset;                            // "qd124-2023", "qd366-2025" (qd132-2018 before 2023)
  Date grading_date;                              // 31/12 of the year
  std::vector<MemberResult> members;              // person order
  std::vector<OrganizationResult> organizations;  // unit order
  std::vector<CollectiveResult> collectives;      // collective order
};

// Rules under which the year's cycle runs, as workflow::choose_ruleset picks them; empty before 2018.
std::string_view ruleset_for_year(int year);

// The closed cycles of `province` (oldest first), from `seed` (any value; the demo passes its own seed).
std::vector<CycleResults> generate_results(const Province& province, std::uint64_t seed);

}  // namespace xeploai::demo
