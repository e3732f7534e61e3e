#include "demo/results.hpp"

#include <algorithm>
#include <unordered_map>

#include "demo/internal/rng.hpp"

namespace xeploai::demo {

std::string_view to_string(Grade grade) {
  switch (grade) {
    case Grade::HTXSNV:
      return "HTXSNV";
    case Grade::HTTNV:
      return "HTTNV";
    case Grade::HTNV:
      return "HTNV";
    case Grade::KHTNV:
      return "KHTNV";
  }
  return "";
}

std::string_view ruleset_for_year(int year) {
  if (year >= 2025) return "qd366-2025";
  if (year >= 2023) return "qd124-2023";
  if (year >= 2018) return "qd132-2018";
  return "";
}

namespace {

using internal::Rng;

bool is_grassroots(UnitKind k) { return k == UnitKind::grassroots_committee || k == UnitKind::grassroots_cell; }

// R-QUOTA-1 and its analogues: within each scope, HTXSNV at most floor(20% of HTTNV); the last ones in the scope's
// order are the ones moved down to HTTNV (each move also raises the base).
void cap(std::vector<std::pair<std::int64_t, Grade*>>& graded) {
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;  // scope -> (HTXSNV, HTTNV)
  for (auto& [scope, g] : graded) {
    auto& c = counts[scope];
    if (*g == Grade::HTXSNV) ++c.first;
    if (*g == Grade::HTTNV) ++c.second;
  }
  for (auto it = graded.rbegin(); it != graded.rend(); ++it) {
    auto& c = counts[it->first];
    if (*it->second != Grade::HTXSNV || c.first * 5 <= c.second) continue;
    *it->second = Grade::HTTNV;
    --c.first;
    ++c.second;
  }
}

CycleResults generate_year(const Province& p, int year, std::uint64_t seed) {
  Rng rng(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(year));
  CycleResults out;
  out.year = year;
  out.ruleset = std::string(ruleset_for_year(year));
  out.grading_date = Date{static_cast<std::int16_t>(year), 12, 31};
  const Date half_year{static_cast<std::int16_t>(year), 6, 30};
  const bool qd132 = out.ruleset == "qd132-2018";
  const std::size_t n_units = p.units.size();

  // The grassroots organization at or above each unit (kNone above that level); units come parents first.
  std::vector<Index> grassroots(n_units, kNone);
  std::vector<double> quality(n_units, 0);
  std::vector<std::int32_t> people_in(n_units, 0);
  for (std::size_t u = 0; u < n_units; ++u) {
    const Unit& unit = p.units[u];
    grassroots[u] = is_grassroots(unit.kind) ? static_cast<Index>(u)
                    : unit.parent != kNone   ? grassroots[static_cast<std::size_t>(unit.parent)]
                                             : kNone;
    quality[u] = rng.unit();
  }
  for (const Person& person : p.people)
    if (grassroots[static_cast<std::size_t>(person.cell)] != kNone)
      ++people_in[static_cast<std::size_t>(grassroots[static_cast<std::size_t>(person.cell)])];
  // A few grassroots organizations where every graded member does well (the "all good" outlier view).
  std::vector<bool> all_good(n_units, false);
  std::vector<Index> large;
  int chosen = 0;
  for (std::size_t u = 0; u < n_units; ++u)
    if (is_grassroots(p.units[u].kind) && people_in[u] >= 15) {
      large.push_back(static_cast<Index>(u));
      if (rng.chance(0.02)) all_good[u] = true, ++chosen;
    }
  for (std::size_t i = 0; chosen < 2 && i < large.size(); ++i) {
    const auto u = static_cast<std::size_t>(large[rng.below(large.size())]);
    if (!all_good[u]) all_good[u] = true, ++chosen;
  }

  // Members.
  out.members.reserve(p.people.size());
  for (std::size_t i = 0; i < p.people.size(); ++i) {
    const Person& person = p.people[i];
    if (person.admitted_on > out.grading_date) continue;  // not yet a member that year
    MemberResult m;
    m.person = static_cast<Index>(i);
    if (person.status == Status::exempt) {
      m.graded = false, m.rule = "R-EXEMPT-1";
    } else if (person.status == Status::suspended) {
      m.graded = false, m.rule = "R-EXEMPT-2";
    } else if (person.admitted_on > half_year) {
      m.graded = false, m.rule = qd132 ? "R-EXEMPT-3" : "R-EXEMPT-3b";
    } else {
      const auto cell = static_cast<std::size_t>(person.cell);
      const Index scope = grassroots[cell];
      const double u = rng.unit();
      if (scope != kNone && all_good[static_cast<std::size_t>(scope)]) {
        m.grade = u < 0.15 ? Grade::HTXSNV : Grade::HTTNV;
      } else {
        const double q = quality[cell];
        const double bad = 0.02 + 0.12 * q * q * q;  // most cells have few weak members, some have more
        m.grade = u < 0.13               ? Grade::HTXSNV
                  : u < 0.13 + bad * 0.8 ? Grade::HTNV
                  : u < 0.13 + bad       ? Grade::KHTNV
                                         : Grade::HTTNV;
      }
    }
    out.members.push_back(m);
  }
  {
    std::vector<std::pair<std::int64_t, Grade*>> graded;
    for (auto& m : out.members)
      if (m.graded)
        graded.emplace_back(grassroots[static_cast<std::size_t>(p.people[static_cast<std::size_t>(m.person)].cell)],
                            &m.grade);
    cap(graded);
  }

  // Party organizations from their members' grades, subtree by subtree.
  std::vector<std::int64_t> decided(n_units, 0), good(n_units, 0), failed(n_units, 0);
  for (const auto& m : out.members) {
    if (!m.graded) continue;
    const auto cell = static_cast<std::size_t>(p.people[static_cast<std::size_t>(m.person)].cell);
    ++decided[cell];
    good[cell] += m.grade <= Grade::HTTNV;
    failed[cell] += m.grade == Grade::KHTNV;
  }
  for (std::size_t u = n_units; u-- > 1;) {
    const auto parent = p.units[u].parent;
    if (parent == kNone) continue;
    decided[static_cast<std::size_t>(parent)] += decided[u];
    good[static_cast<std::size_t>(parent)] += good[u];
    failed[static_cast<std::size_t>(parent)] += failed[u];
  }
  std::vector<Grade> org_grade(n_units, Grade::HTTNV);
  for (std::size_t u = 0; u < n_units; ++u) {
    if (p.units[u].kind == UnitKind::agency) continue;
    Grade g = Grade::HTTNV;
    const double x = rng.unit();
    if (decided[u] > 0 && failed[u] * 5 > decided[u]) {
      g = Grade::KHTNV;
    } else {
      const bool may_excel = failed[u] == 0 && good[u] * 5 >= decided[u] * 4;
      const double excel = all_good[u] ? 0.5 : 0.22;
      g = may_excel && x < excel ? Grade::HTXSNV : x < 0.93 ? Grade::HTTNV : Grade::HTNV;
    }
    out.organizations.push_back({static_cast<Index>(u), g});
  }
  {
    // Cells and sectional committees are decided by their grassroots committee, grassroots organizations by the
    // level above, upper-level committees by the province, the province by the Centre.
    std::vector<std::pair<std::int64_t, Grade*>> graded;
    for (auto& o : out.organizations) {
      const Unit& unit = p.units[static_cast<std::size_t>(o.unit)];
      std::int64_t scope = -2;
      if (unit.kind == UnitKind::cell || unit.kind == UnitKind::sectional_committee)
        scope = grassroots[static_cast<std::size_t>(o.unit)];
      else if (unit.parent != kNone)
        scope = 1'000'000'000 + unit.parent;  // the level above (apart from grassroots ids)
      graded.emplace_back(scope, &o.grade);
    }
    cap(graded);
    for (const auto& o : out.organizations) org_grade[static_cast<std::size_t>(o.unit)] = o.grade;
  }

  // Leadership collectives, near the grade of the organization they lead (an agency's: the committee above it).
  for (std::size_t c = 0; c < p.collectives.size(); ++c) {
    const Collective& col = p.collectives[c];
    if (col.kind == CollectiveKind::cell_committee) continue;
    auto led = static_cast<std::size_t>(col.unit);
    while (p.units[led].kind == UnitKind::agency && p.units[led].parent != kNone)
      led = static_cast<std::size_t>(p.units[led].parent);
    const Grade near = org_grade[led];
    out.collectives.push_back({static_cast<Index>(c), rng.chance(0.7) ? near : Grade::HTTNV});
  }
  {
    std::vector<std::pair<std::int64_t, Grade*>> graded;
    for (auto& r : out.collectives) {
      const Unit& unit = p.units[static_cast<std::size_t>(p.collectives[static_cast<std::size_t>(r.collective)].unit)];
      graded.emplace_back(unit.parent == kNone ? -2 : unit.parent, &r.grade);
    }
    cap(graded);
  }
  return out;
}

}  // namespace

std::vector<CycleResults> generate_results(const Province& province, std::uint64_t seed) {
  std::vector<CycleResults> out;
  for (int year = province.year - 2; year < province.year; ++year)
    if (!ruleset_for_year(year).empty()) out.push_back(generate_year(province, year, seed));
  return out;
}

}  // namespace xeploai::demo
