#include "domain/generator.hpp"

#include <random>

namespace xeploai::domain {
namespace {

// SplitMix64: fast, well-distributed, and identical across standard libraries (std::uniform_* is not).
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int per_mille) { return below(1000) < per_mille; }
};

std::int8_t rating(Rng& r) {
  int x = r.below(100);
  return static_cast<std::int8_t>(x < 2    ? Rating::kem
                                  : x < 10 ? Rating::trung_binh
                                  : x < 75 ? Rating::tot
                                           : Rating::xuat_sac);
}

void facts(Rng& r, const Ruleset& rs, const GeneratorSpec& g, Subject& s, Days as_of) {
  auto rate = [&](int per_mille) { return r.chance(per_mille * g.fact_rate / 100); };
  if (rs.points) {
    int x = r.below(100);
    s.score = x < 3 ? 30 + r.below(20) : x < 10 ? 50 + r.below(20) : x < 80 ? 70 + r.below(20) : 90 + r.below(11);
    if (r.chance(100)) s.score += 0.5;
    if (s.score > 100) s.score = 100;
    s.has_score = true;
  } else {
    for (Criterion c : rs.criteria_for(s)) s.ratings[static_cast<int>(c)] = rating(r);
  }
  if (r.chance(900)) {
    Tasks& t = s.tasks;
    t.assigned = 4 + r.below(20);
    t.completed = rate(30) ? r.below(t.assigned + 1) : t.assigned;
    t.on_time = r.chance(850) ? t.completed : r.below(t.completed + 1);
    t.exceeded = r.below(t.completed + 1);
    t.key_missed = rate(10);
    t.force_majeure = r.chance(5);
    s.has_tasks = true;
  }
  if (r.chance(700)) {
    s.limitations_identified = r.below(4);
    s.limitations_remedied = r.chance(800) ? s.limitations_identified : r.below(s.limitations_identified + 1);
    s.has_limitations = true;
  }
  if (rate(15)) {
    Discipline d;
    d.form = static_cast<DisciplineForm>(r.below(100) < 80 ? 0 : r.below(4));
    d.violation_year = r.chance(800) ? 0 : -1;  // resolved by the caller against the year
    d.decided = as_of - 30 - r.below(300);
    d.self_detected_remedied = r.chance(200);
    s.discipline.push_back(d);
  }
  s.degradation_concluded = rate(2);
}

}  // namespace

GeneratorSpec province_spec() { return {}; }

GeneratorSpec national_spec() {
  GeneratorSpec g;
  g.members = 5'600'000;
  g.grassroots = 52'000;
  g.cells = 300'000;
  return g;
}

Batch generate(const Ruleset& rs, const GeneratorSpec& g) {
  Rng r{g.seed * 0x2545F4914F6CDD1DULL + 7};
  Batch b;
  b.ruleset = rs.id;
  b.year = g.year ? g.year : rs.year_from;
  b.as_of = *parse_iso_date(std::to_string(b.year) + "-12-15");
  const Days as_of = b.as_of;

  // Tree: province -> upper-grassroots committees (about 100 grassroots each) -> grassroots -> cells.
  b.units.push_back({"tinh", "Tỉnh ủy (giả lập)", UnitKind::province_committee, -1});
  const std::int32_t uppers = std::max<std::int32_t>(1, g.grassroots / 100);
  for (std::int32_t i = 0; i < uppers; ++i)
    b.units.push_back(
        {"h" + std::to_string(i), "Huyện ủy " + std::to_string(i), UnitKind::upper_grassroots_committee, 0});
  // A sixth of grassroots organizations are grassroots cells (no cells below); the rest share the cells.
  const std::int32_t gcells = g.grassroots / 6, gcomm = std::max<std::int32_t>(1, g.grassroots - gcells);
  std::vector<std::int32_t> member_units;  // units where members are active
  std::vector<std::int32_t> grassroots_units;
  for (std::int32_t i = 0; i < g.grassroots; ++i) {
    bool cell = i >= gcomm;
    auto idx = static_cast<std::int32_t>(b.units.size());
    b.units.push_back({"g" + std::to_string(i), (cell ? "Chi bộ cơ sở " : "Đảng bộ cơ sở ") + std::to_string(i),
                       cell ? UnitKind::grassroots_cell : UnitKind::grassroots_committee, 1 + i % uppers});
    grassroots_units.push_back(idx);
    if (cell) member_units.push_back(idx);
  }
  for (std::int32_t i = 0; i < g.cells; ++i) {
    member_units.push_back(static_cast<std::int32_t>(b.units.size()));
    b.units.push_back(
        {"c" + std::to_string(i), "Chi bộ " + std::to_string(i), UnitKind::cell, grassroots_units[i % gcomm]});
  }

  b.subjects.reserve(static_cast<std::size_t>(g.members) + (g.organizations ? member_units.size() + g.grassroots : 0));
  for (std::int64_t i = 0; i < g.members; ++i) {
    Subject s;
    s.id = "m" + std::to_string(i);
    s.kind = SubjectKind::member;
    s.unit = member_units[static_cast<std::size_t>(i % static_cast<std::int64_t>(member_units.size()))];
    s.leader = r.chance(60);
    int st = r.below(1000);
    s.status = st < 5 ? MemberStatus::exempt : st < 7 ? MemberStatus::suspended : MemberStatus::active;
    s.admitted = as_of - (r.chance(20) ? r.below(180) : 200 + r.below(12000));
    facts(r, rs, g, s, as_of);
    for (auto& d : s.discipline) d.violation_year = b.year + d.violation_year;
    if (r.chance(300)) s.civil_servant_grade = static_cast<std::int8_t>(r.below(100) < 3 ? 0 : 1 + r.below(3));
    if (r.chance(10)) s.sick_leave_days = 60 + r.below(60);
    s.must_not_do_violation = r.chance(2);
    if (g.proposals && r.chance(500)) s.proposed = static_cast<std::int8_t>(r.below(100) < 85 ? 2 : r.below(4));
    b.subjects.push_back(std::move(s));
  }
  if (g.organizations) {
    auto org = [&](std::int32_t unit, const std::string& id) {
      Subject s;
      s.id = id;
      s.kind = SubjectKind::party_organization;
      s.unit = unit;
      facts(r, rs, g, s, as_of);
      for (auto& d : s.discipline) d.violation_year = b.year + d.violation_year;
      if (r.chance(500)) {
        s.subunits_total = 1 + r.below(10);
        s.subunits_disciplined = r.chance(100) ? r.below(s.subunits_total + 1) : 0;
        s.has_subunits = true;
      }
      if (r.chance(50)) s.members_disciplined.push_back(static_cast<DisciplineForm>(r.below(4)));
      if (r.chance(200)) s.same_level_bodies.push_back(static_cast<Grade>(1 + r.below(3)));
      if (g.proposals && r.chance(300)) s.proposed = static_cast<std::int8_t>(1 + r.below(3));
      b.subjects.push_back(std::move(s));
    };
    for (std::size_t i = 0; i < member_units.size(); ++i) org(member_units[i], "o-" + b.units[member_units[i]].id);
    for (std::int32_t i = 0; i < gcomm; ++i) org(grassroots_units[i], "o-" + b.units[grassroots_units[i]].id);
    for (std::int32_t i = 0; i < uppers; ++i) {
      Subject s;
      s.id = "btv-h" + std::to_string(i);
      s.kind = SubjectKind::leadership_collective;
      s.unit = 1 + i;
      facts(r, rs, g, s, as_of);
      for (auto& d : s.discipline) d.violation_year = b.year + d.violation_year;
      s.disunity_concluded = r.chance(20);
      b.subjects.push_back(std::move(s));
    }
  }
  return b;
}

}  // namespace xeploai::domain
