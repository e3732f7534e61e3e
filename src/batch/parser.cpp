// The reference parser: the whole document as a nlohmann DOM, then walked. parse() (sax_parser.cpp) takes a
// faster path for valid input and hands anything doubtful to this one, so every rejection comes from here.
#include "batch/parser.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "batch/ruleset_loader.hpp"
#include "domain/engine.hpp"

namespace xeploai::batch {
namespace {

using nlohmann::json;
using namespace xeploai::domain;

constexpr std::size_t kMaxProblems = 1000;  // enough to fix a file; bounded output for a hostile one

struct P {
  std::vector<ErrorDetail> problems;
  void bad(std::string path, std::string problem) {
    if (problems.size() < kMaxProblems) problems.push_back({std::move(path), std::move(problem)});
  }

  void keys(const json& obj, const std::string& at, std::initializer_list<std::string_view> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it)
      if (std::find(known.begin(), known.end(), it.key()) == known.end()) bad(at + it.key(), "unknown field");
  }
  std::optional<std::string> str(const json& v, const std::string& at) {
    if (!v.is_string()) {
      bad(at, "must be a string");
      return std::nullopt;
    }
    return v.get<std::string>();
  }
  // A count: a non-negative integer that fits in 32 bits.
  std::optional<std::int32_t> count(const json& v, const std::string& at) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= INT32_MAX)
      return static_cast<std::int32_t>(v.get<std::uint64_t>());
    if (v.is_number_integer() && v.get<std::int64_t>() < 0)
      bad(at, "must not be negative");
    else if (v.is_number_float() && v.get<double>() < 0)
      bad(at, "must not be negative");
    else if (v.is_number_integer())
      bad(at, "too large");
    else
      bad(at, "must be a non-negative integer");
    return std::nullopt;
  }
  std::optional<bool> boolean(const json& v, const std::string& at) {
    if (!v.is_boolean()) {
      bad(at, "must be true or false");
      return std::nullopt;
    }
    return v.get<bool>();
  }
  std::optional<Days> date(const json& v, const std::string& at) {
    if (!v.is_string()) {
      bad(at, "must be a date (YYYY-MM-DD)");
      return std::nullopt;
    }
    auto d = parse_iso_date(v.get_ref<const std::string&>());
    if (!d) bad(at, "invalid date \"" + v.get<std::string>() + "\" (expected YYYY-MM-DD)");
    return d;
  }
  std::optional<std::int32_t> year(const json& v, const std::string& at) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1900 || v.get<std::int64_t>() > 2200) {
      bad(at, "must be a year between 1900 and 2200");
      return std::nullopt;
    }
    return static_cast<std::int32_t>(v.get<std::int64_t>());
  }
  template <class E>
  std::optional<E> named(const json& v, const std::string& at, std::optional<E> (*parse)(std::string_view),
                         const char* what) {
    if (!v.is_string()) {
      bad(at, std::string("must be a ") + what + " (string)");
      return std::nullopt;
    }
    auto r = parse(v.get_ref<const std::string&>());
    if (!r) bad(at, std::string("unknown ") + what + " \"" + v.get<std::string>() + "\"");
    return r;
  }
  std::int8_t grade_or_null(const json& v, const std::string& at) {
    if (v.is_null()) return kNone;
    auto g = named<Grade>(v, at, parse_grade, "grade");
    return g ? static_cast<std::int8_t>(*g) : kNone;
  }
};

constexpr bool kMemberOnly = true;

void parse_tasks(P& p, const json& v, const std::string& at, Subject& s) {
  if (!v.is_object()) return p.bad(at, "must be an object");
  p.keys(v, at + ".", {"assigned", "completed", "on_time", "exceeded", "key_missed", "force_majeure"});
  bool ok = true;
  auto req = [&](const char* key, std::int32_t& out) {
    auto it = v.find(key);
    if (it == v.end()) {
      p.bad(at + "." + key, "missing required field");
      ok = false;
    } else if (auto c = p.count(*it, at + "." + key)) {
      out = *c;
    } else {
      ok = false;
    }
  };
  Tasks& t = s.tasks;
  req("assigned", t.assigned);
  req("completed", t.completed);
  req("on_time", t.on_time);
  req("exceeded", t.exceeded);
  if (auto it = v.find("key_missed"); it != v.end())
    if (auto b = p.boolean(*it, at + ".key_missed")) t.key_missed = *b;
  if (auto it = v.find("force_majeure"); it != v.end())
    if (auto b = p.boolean(*it, at + ".force_majeure")) t.force_majeure = *b;
  if (!ok) return;
  if (t.completed > t.assigned) p.bad(at + ".completed", "greater than assigned");
  if (t.on_time > t.completed) p.bad(at + ".on_time", "greater than completed");
  if (t.exceeded > t.completed) p.bad(at + ".exceeded", "greater than completed");
  s.has_tasks = true;
}

void parse_discipline_entry(P& p, const json& v, const std::string& at, Subject& s) {
  if (!v.is_object()) return p.bad(at, "must be an object");
  p.keys(v, at + ".", {"decided", "form", "violation_year", "self_detected_remedied"});
  Discipline d;
  bool ok = true;
  if (auto it = v.find("decided"); it == v.end())
    p.bad(at + ".decided", "missing required field"), ok = false;
  else if (auto x = p.date(*it, at + ".decided"))
    d.decided = *x;
  else
    ok = false;
  if (auto it = v.find("form"); it == v.end())
    p.bad(at + ".form", "missing required field"), ok = false;
  else if (auto f = p.named<DisciplineForm>(*it, at + ".form", parse_discipline_form, "discipline form"))
    d.form = *f;
  else
    ok = false;
  if (auto it = v.find("violation_year"); it != v.end()) {
    if (auto y = p.year(*it, at + ".violation_year"))
      d.violation_year = *y;
    else
      ok = false;
  } else if (ok) {
    // Absent: the violation is taken to be of the year it was decided in.
    d.violation_year = std::stoi(format_iso(d.decided).substr(0, 4));
  }
  if (auto it = v.find("self_detected_remedied"); it != v.end())
    if (auto b = p.boolean(*it, at + ".self_detected_remedied")) d.self_detected_remedied = *b;
  if (ok && d.violation_year > std::stoi(format_iso(d.decided).substr(0, 4)))
    p.bad(at + ".violation_year", "later than the year of the decision");
  s.discipline.push_back(d);
}

}  // namespace

Result<Parsed> parse_dom(std::string_view text, const RulesetCatalog& catalog) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    // Re-run with exceptions only to learn where the JSON breaks (rare path).
    std::string where = "not valid JSON";
    try {
      json probe = json::parse(text.begin(), text.end());
      (void)probe;
    } catch (const json::parse_error& e) {
      where = "not valid JSON (at byte " + std::to_string(e.byte) + ")";
    }
    return Error::invalid("the batch is not valid JSON", {{"$", where}});
  }
  P p;
  if (!doc.is_object()) return Error::invalid("invalid batch", {{"$", "must be a JSON object"}});
  p.keys(doc, "", {"format", "ruleset", "year", "as_of", "options", "units", "subjects"});
  Parsed out;
  Batch& b = out.batch;

  if (auto it = doc.find("format"); it == doc.end())
    p.bad("format", "missing required field");
  else if (!it->is_number_integer() || it->get<std::int64_t>() != 1)
    p.bad("format", "unknown format (this build reads format 1)");

  bool have_year = false;
  if (auto it = doc.find("year"); it == doc.end())
    p.bad("year", "missing required field");
  else if (auto y = p.year(*it, "year"))
    b.year = *y, have_year = true;
  if (auto it = doc.find("as_of"); it == doc.end())
    p.bad("as_of", "missing required field");
  else if (auto d = p.date(*it, "as_of"))
    b.as_of = *d;

  if (auto it = doc.find("ruleset"); it != doc.end()) {
    if (auto id = p.str(*it, "ruleset")) {
      out.ruleset = catalog.find(*id);
      if (!out.ruleset) {
        std::string known;
        for (const auto& r : catalog.all()) known += (known.empty() ? "" : ", ") + r.id;
        p.bad("ruleset", "unknown ruleset \"" + *id + "\" (known: " + known + ")");
      }
    }
  } else if (have_year) {
    out.ruleset = catalog.for_year(b.year);
    if (!out.ruleset) p.bad("ruleset", "missing, and no ruleset covers year " + std::to_string(b.year));
  }
  if (out.ruleset) b.ruleset = out.ruleset->id;

  if (auto it = doc.find("options"); it != doc.end()) {
    if (!it->is_object()) {
      p.bad("options", "must be an object");
    } else {
      for (auto o = it->begin(); o != it->end(); ++o) {
        const json& v = o.value();
        if (v.is_boolean())
          b.options[o.key()] = v.get<bool>();
        else if (v.is_number_integer())
          b.options[o.key()] = v.get<std::int64_t>();
        else if (v.is_string())
          b.options[o.key()] = v.get<std::string>();
        else
          p.bad("options." + o.key(), "must be a boolean, an integer or a string");
      }
      if (out.ruleset)
        if (auto r = resolve_options(*out.ruleset, b.options); !r)
          for (const auto& d : r.error().details) p.bad(d.path, d.problem);
    }
  }

  // Units
  std::unordered_map<std::string, std::int32_t> unit_index;
  std::vector<std::string> parent_ids;
  if (auto it = doc.find("units"); it == doc.end()) {
    p.bad("units", "missing required field");
  } else if (!it->is_array()) {
    p.bad("units", "must be an array");
  } else {
    b.units.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& u = (*it)[i];
      std::string at = "units[" + std::to_string(i) + "]";
      Unit unit;
      std::string parent;
      if (!u.is_object()) {
        p.bad(at, "must be an object");
      } else {
        p.keys(u, at + ".", {"id", "kind", "parent", "name"});
        if (auto f = u.find("id"); f == u.end())
          p.bad(at + ".id", "missing required field");
        else if (auto s = p.str(*f, at + ".id")) {
          if (s->empty())
            p.bad(at + ".id", "must not be empty");
          else if (!unit_index.emplace(*s, static_cast<std::int32_t>(i)).second)
            p.bad(at + ".id", "duplicate unit id \"" + *s + "\"");
          unit.id = *s;
        }
        if (auto f = u.find("kind"); f == u.end())
          p.bad(at + ".kind", "missing required field");
        else if (auto k = p.named<UnitKind>(*f, at + ".kind", parse_unit_kind, "unit kind"))
          unit.kind = *k;
        if (auto f = u.find("parent"); f != u.end() && !f->is_null())
          if (auto s = p.str(*f, at + ".parent")) parent = *s;
        if (auto f = u.find("name"); f != u.end())
          if (auto s = p.str(*f, at + ".name")) unit.name = *s;
      }
      b.units.push_back(std::move(unit));
      parent_ids.push_back(std::move(parent));
    }
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      if (parent_ids[i].empty()) continue;
      auto f = unit_index.find(parent_ids[i]);
      if (f == unit_index.end())
        p.bad("units[" + std::to_string(i) + "].parent", "unknown unit \"" + parent_ids[i] + "\"");
      else
        b.units[i].parent = f->second;
    }
    // A unit that is its own ancestor: walk up at most n steps.
    std::vector<std::int8_t> state(b.units.size(), 0);  // 0 unknown, 1 on the current path, 2 reaches a root
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      std::vector<std::int32_t> path;
      std::int32_t v = static_cast<std::int32_t>(i);
      while (v >= 0 && state[v] == 0) {
        state[v] = 1;
        path.push_back(v);
        v = b.units[v].parent;
      }
      bool cycle = v >= 0 && state[v] == 1;
      for (auto w : path) state[w] = 2;
      if (cycle) {
        p.bad("units[" + std::to_string(v) + "].parent", "the unit is its own ancestor");
        for (auto w : path) b.units[w].parent = -1;  // keep later walks finite
      }
    }
  }

  // Subjects
  std::unordered_map<std::string, std::size_t> subject_index;
  const Ruleset* rs = out.ruleset;
  if (auto it = doc.find("subjects"); it == doc.end()) {
    p.bad("subjects", "missing required field");
  } else if (!it->is_array()) {
    p.bad("subjects", "must be an array");
  } else {
    b.subjects.reserve(it->size());
    subject_index.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& sj = (*it)[i];
      std::string at = "subjects[" + std::to_string(i) + "]";
      Subject s;
      if (!sj.is_object()) {
        p.bad(at, "must be an object");
        b.subjects.push_back(std::move(s));
        continue;
      }
      if (auto f = sj.find("kind"); f == sj.end())
        p.bad(at + ".kind", "missing required field");
      else if (auto k = p.named<SubjectKind>(*f, at + ".kind", parse_subject_kind, "subject kind"))
        s.kind = *k;
      const bool member = s.kind == SubjectKind::member;
      bool has_ratings = false;
      for (auto f = sj.begin(); f != sj.end(); ++f) {
        const std::string& key = f.key();
        const json& v = f.value();
        // The path is built only when a problem is reported (most subjects have none).
        auto fat = [&] { return at + "." + key; };
        auto only = [&](bool for_members) {
          if (member != for_members) {
            p.bad(fat(),
                  for_members ? "applies only to members" : "applies only to party organizations and collectives");
            return false;
          }
          return true;
        };
        if (key == "kind") continue;
        if (key == "id") {
          if (auto x = p.str(v, fat())) {
            if (x->empty())
              p.bad(fat(), "must not be empty");
            else if (auto [pos, fresh] = subject_index.emplace(*x, i); !fresh)
              p.bad(fat(),
                    "duplicate subject id \"" + *x + "\" (first at subjects[" + std::to_string(pos->second) + "])");
            s.id = *x;
          }
        } else if (key == "unit") {
          if (auto x = p.str(v, fat())) {
            auto u = unit_index.find(*x);
            if (u == unit_index.end())
              p.bad(fat(), "unknown unit \"" + *x + "\"");
            else
              s.unit = u->second;
          }
        } else if (key == "proposed") {
          s.proposed = p.grade_or_null(v, fat());
        } else if (key == "score") {
          if (!v.is_number())
            p.bad(fat(), "must be a number");
          else if (v.get<double>() < 0 || v.get<double>() > 100 || std::isnan(v.get<double>()))
            p.bad(fat(), "outside 0–100");
          else
            s.score = v.get<double>(), s.has_score = true;
        } else if (key == "ratings") {
          if (!v.is_object()) {
            p.bad(fat(), "must be an object criterion -> rating");
            continue;
          }
          has_ratings = true;
          for (auto r = v.begin(); r != v.end(); ++r) {
            auto c = parse_criterion(r.key());
            if (!c) {
              p.bad(fat() + "." + r.key(), "unknown criterion");
              continue;
            }
            if (auto rating = p.named<Rating>(r.value(), fat() + "." + r.key(), parse_rating, "rating"))
              s.ratings[static_cast<int>(*c)] = static_cast<std::int8_t>(*rating);
          }
        } else if (key == "tasks") {
          parse_tasks(p, v, fat(), s);
        } else if (key == "limitations") {
          if (!v.is_object()) {
            p.bad(fat(), "must be an object");
            continue;
          }
          p.keys(v, fat() + ".", {"identified", "remedied"});
          auto id = v.find("identified"), rem = v.find("remedied");
          if (id == v.end()) p.bad(fat() + ".identified", "missing required field");
          if (rem == v.end()) p.bad(fat() + ".remedied", "missing required field");
          if (id == v.end() || rem == v.end()) continue;
          auto a = p.count(*id, fat() + ".identified");
          auto r = p.count(*rem, fat() + ".remedied");
          if (a && r) {
            if (*r > *a) p.bad(fat() + ".remedied", "greater than identified");
            s.limitations_identified = *a, s.limitations_remedied = *r, s.has_limitations = true;
          }
        } else if (key == "discipline") {
          if (!v.is_array())
            p.bad(fat(), "must be an array");
          else
            for (std::size_t k = 0; k < v.size(); ++k)
              parse_discipline_entry(p, v[k], fat() + "[" + std::to_string(k) + "]", s);
        } else if (key == "degradation_concluded") {
          if (auto x = p.boolean(v, fat())) s.degradation_concluded = *x;
        } else if (key == "must_not_do_violation") {
          if (auto x = p.boolean(v, fat())) s.must_not_do_violation = *x;
        } else if (key == "status") {
          if (only(kMemberOnly))
            if (auto x = p.named<MemberStatus>(v, fat(), parse_member_status, "member status")) s.status = *x;
        } else if (key == "admitted") {
          if (only(kMemberOnly) && !v.is_null())
            if (auto x = p.date(v, fat())) s.admitted = *x;
        } else if (key == "leader") {
          if (only(kMemberOnly))
            if (auto x = p.boolean(v, fat())) s.leader = *x;
        } else if (key == "civil_servant_grade") {
          if (only(kMemberOnly)) s.civil_servant_grade = p.grade_or_null(v, fat());
        } else if (key == "sick_leave_days") {
          if (only(kMemberOnly))
            if (auto x = p.count(v, fat())) {
              if (*x > 366) p.bad(fat(), "more days than a year has");
              s.sick_leave_days = *x;
            }
        } else if (key == "established") {
          if (only(!kMemberOnly) && !v.is_null())
            if (auto x = p.date(v, fat())) s.established = *x;
        } else if (key == "disunity_concluded") {
          if (only(!kMemberOnly))
            if (auto x = p.boolean(v, fat())) s.disunity_concluded = *x;
        } else if (key == "members_disciplined") {
          if (!only(!kMemberOnly)) continue;
          if (!v.is_array())
            p.bad(fat(), "must be an array of discipline forms");
          else
            for (std::size_t k = 0; k < v.size(); ++k)
              if (auto x = p.named<DisciplineForm>(v[k], fat() + "[" + std::to_string(k) + "]", parse_discipline_form,
                                                   "discipline form"))
                s.members_disciplined.push_back(*x);
        } else if (key == "subunits") {
          if (!only(!kMemberOnly)) continue;
          if (!v.is_object()) {
            p.bad(fat(), "must be an object");
            continue;
          }
          p.keys(v, fat() + ".", {"total", "disciplined", "corruption_case"});
          auto t = v.find("total"), d = v.find("disciplined");
          if (t == v.end()) p.bad(fat() + ".total", "missing required field");
          if (d == v.end()) p.bad(fat() + ".disciplined", "missing required field");
          if (auto c = v.find("corruption_case"); c != v.end())
            if (auto x = p.boolean(*c, fat() + ".corruption_case")) s.subunits_corruption_case = *x;
          if (t == v.end() || d == v.end()) continue;
          auto tv = p.count(*t, fat() + ".total");
          auto dv = p.count(*d, fat() + ".disciplined");
          if (tv && dv) {
            if (*dv > *tv) p.bad(fat() + ".disciplined", "greater than total");
            s.subunits_total = *tv, s.subunits_disciplined = *dv, s.has_subunits = true;
          }
        } else if (key == "same_level_bodies") {
          if (!only(!kMemberOnly)) continue;
          if (!v.is_array())
            p.bad(fat(), "must be an array of grades");
          else
            for (std::size_t k = 0; k < v.size(); ++k)
              if (auto g = p.named<Grade>(v[k], fat() + "[" + std::to_string(k) + "]", parse_grade, "grade"))
                s.same_level_bodies.push_back(*g);
        } else {
          p.bad(fat(), "unknown field");
        }
      }
      if (!sj.contains("id")) p.bad(at + ".id", "missing required field");
      if (!sj.contains("unit")) p.bad(at + ".unit", "missing required field");
      // What the ruleset needs of a graded subject (RULES.md, "Required input").
      if (rs && s.unit >= 0 && b.as_of != kNoDate && !excluded(*rs, b, s)) {
        if (rs->points) {
          if (!s.has_score) p.bad(at + ".score", "missing (ruleset " + rs->id + " grades on a score)");
        } else {
          const auto& need = rs->criteria_for(s);
          for (Criterion c : need)
            if (!s.has_rating(c))
              p.bad(at + ".ratings." + std::string(code(c)),
                    "missing (ruleset " + rs->id + " needs every criterion of " +
                        (member ? (s.leader ? "a leader" : "a member") : "a collective") + ")");
          if (has_ratings)
            for (int c = 0; c < kCriterionCount; ++c)
              if (s.ratings[c] != kNone && std::find(need.begin(), need.end(), static_cast<Criterion>(c)) == need.end())
                p.bad(at + ".ratings." + std::string(code(static_cast<Criterion>(c))),
                      "not a criterion of this subject under ruleset " + rs->id);
        }
      }
      b.subjects.push_back(std::move(s));
    }
  }
  if (!p.problems.empty()) return Error::invalid("the batch was rejected", std::move(p.problems));
  return out;
}

}  // namespace xeploai::batch
