// batch::parse: builds domain::Batch while nlohmann's lexer reads the text (SAX), without a JSON document in
// between (the document and the walk over it cost as much as the lexing: docs/performance-engine.md). This path
// only accepts: at the first value that is not plainly valid (wrong type, unknown field, duplicate key, a
// failed check, fields in an order it does not expect) it stops and the text goes to parse_dom, which words
// every problem with its JSON path. Valid input is far the common case; rejected input pays for both passes.
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "batch/parser.hpp"
#include "batch/ruleset_loader.hpp"
#include "domain/engine.hpp"

namespace xeploai::batch {
namespace {

using nlohmann::json;
using namespace xeploai::domain;

// Where a value sits: the container frames of FORMAT.md.
enum class Frame : std::uint8_t {
  root,
  options,
  units,
  unit,
  subjects,
  subject,
  ratings,
  tasks,
  limitations,
  discipline,
  discipline_entry,
  members_disciplined,
  subunits,
  same_level_bodies
};

// Object fields, one enum for every object kind (a frame accepts only its own).
enum class F : std::uint8_t {
  none,
  // root
  format,
  ruleset,
  year,
  as_of,
  options,
  units,
  subjects,
  // unit
  u_id,
  u_kind,
  u_parent,
  u_name,
  // subject
  s_id,
  s_kind,
  s_unit,
  proposed,
  score,
  ratings,
  tasks,
  limitations,
  discipline,
  degradation_concluded,
  must_not_do_violation,
  status,
  admitted,
  leader,
  civil_servant_grade,
  sick_leave_days,
  established,
  disunity_concluded,
  members_disciplined,
  subunits,
  same_level_bodies,
  // tasks
  assigned,
  completed,
  on_time,
  exceeded,
  key_missed,
  force_majeure,
  // limitations
  identified,
  remedied,
  // discipline entry
  decided,
  form,
  violation_year,
  self_detected_remedied,
  // subunits
  total,
  disciplined,
  corruption_case,
  option_value,
  rating_value,
};

struct Named {
  std::string_view name;
  F field;
};

constexpr Named kRoot[] = {{"format", F::format},    {"ruleset", F::ruleset}, {"year", F::year},
                           {"as_of", F::as_of},      {"options", F::options}, {"units", F::units},
                           {"subjects", F::subjects}};
constexpr Named kUnit[] = {{"id", F::u_id}, {"kind", F::u_kind}, {"parent", F::u_parent}, {"name", F::u_name}};
constexpr Named kSubject[] = {{"id", F::s_id},
                              {"kind", F::s_kind},
                              {"unit", F::s_unit},
                              {"proposed", F::proposed},
                              {"score", F::score},
                              {"ratings", F::ratings},
                              {"tasks", F::tasks},
                              {"limitations", F::limitations},
                              {"discipline", F::discipline},
                              {"degradation_concluded", F::degradation_concluded},
                              {"must_not_do_violation", F::must_not_do_violation},
                              {"status", F::status},
                              {"admitted", F::admitted},
                              {"leader", F::leader},
                              {"civil_servant_grade", F::civil_servant_grade},
                              {"sick_leave_days", F::sick_leave_days},
                              {"established", F::established},
                              {"disunity_concluded", F::disunity_concluded},
                              {"members_disciplined", F::members_disciplined},
                              {"subunits", F::subunits},
                              {"same_level_bodies", F::same_level_bodies}};
constexpr Named kTasks[] = {{"assigned", F::assigned},     {"completed", F::completed},
                            {"on_time", F::on_time},       {"exceeded", F::exceeded},
                            {"key_missed", F::key_missed}, {"force_majeure", F::force_majeure}};
constexpr Named kLimitations[] = {{"identified", F::identified}, {"remedied", F::remedied}};
constexpr Named kDiscipline[] = {{"decided", F::decided},
                                 {"form", F::form},
                                 {"violation_year", F::violation_year},
                                 {"self_detected_remedied", F::self_detected_remedied}};
constexpr Named kSubunits[] = {
    {"total", F::total}, {"disciplined", F::disciplined}, {"corruption_case", F::corruption_case}};

template <std::size_t N>
int lookup(const Named (&table)[N], std::string_view key) {
  for (std::size_t i = 0; i < N; ++i)
    if (table[i].name == key) return static_cast<int>(i);
  return -1;
}

bool member_only(F f) {
  return f == F::status || f == F::admitted || f == F::leader || f == F::civil_servant_grade || f == F::sick_leave_days;
}
bool collective_only(F f) {
  return f == F::established || f == F::disunity_concluded || f == F::members_disciplined || f == F::subunits ||
         f == F::same_level_bodies;
}

struct Level {
  Frame frame;
  std::uint64_t seen = 0;  // fields met in this object (a duplicate key goes to the reference parser)
};

class Builder : public nlohmann::json_sax<json> {
 public:
  explicit Builder(const RulesetCatalog& catalog) : catalog_(catalog) {}

  Parsed out;
  bool doubtful = false;  // true: let parse_dom decide

  // After a successful read: what the document as a whole must hold.
  bool finish() { return !doubtful && subjects_done_ && !after_subjects_; }

  bool null() override {
    switch (field_) {
      case F::u_parent:
        return true;  // a root
      case F::proposed:
        subject_.proposed = kNone;
        return true;
      case F::civil_servant_grade:
        subject_.civil_servant_grade = kNone;
        return true;
      case F::admitted:
      case F::established:
        return true;
      default:
        return bail();
    }
  }

  bool boolean(bool v) override {
    switch (field_) {
      case F::option_value:
        out.batch.options[option_key_] = v;
        return true;
      case F::key_missed:
        subject_.tasks.key_missed = v;
        return true;
      case F::force_majeure:
        subject_.tasks.force_majeure = v;
        return true;
      case F::self_detected_remedied:
        discipline_.self_detected_remedied = v;
        return true;
      case F::degradation_concluded:
        subject_.degradation_concluded = v;
        return true;
      case F::must_not_do_violation:
        subject_.must_not_do_violation = v;
        return true;
      case F::leader:
        subject_.leader = v;
        return true;
      case F::disunity_concluded:
        subject_.disunity_concluded = v;
        return true;
      case F::corruption_case:
        subject_.subunits_corruption_case = v;
        return true;
      default:
        return bail();
    }
  }

  bool number_integer(std::int64_t v) override {
    // Negative only (nlohmann reports non-negative integers as unsigned): valid only as an option or a score.
    if (field_ == F::option_value) return out.batch.options[option_key_] = v, true;
    if (field_ == F::score) return bail();  // below 0
    return bail();
  }

  bool number_unsigned(std::uint64_t v) override {
    switch (field_) {
      case F::format:
        return v == 1 ? (have_format_ = true) : bail();
      case F::year:
        if (v < 1900 || v > 2200) return bail();
        out.batch.year = static_cast<std::int32_t>(v);
        have_year_ = true;
        return true;
      case F::violation_year:
        if (v < 1900 || v > 2200) return bail();
        discipline_.violation_year = static_cast<std::int32_t>(v);
        have_violation_year_ = true;
        return true;
      case F::option_value:
        if (v > static_cast<std::uint64_t>(INT64_MAX)) return bail();
        out.batch.options[option_key_] = static_cast<std::int64_t>(v);
        return true;
      case F::score:
        return set_score(static_cast<double>(v));
      default:
        break;
    }
    if (v > INT32_MAX) return bail();
    auto c = static_cast<std::int32_t>(v);
    Subject& s = subject_;
    switch (field_) {
      case F::assigned:
        s.tasks.assigned = c;
        break;
      case F::completed:
        s.tasks.completed = c;
        break;
      case F::on_time:
        s.tasks.on_time = c;
        break;
      case F::exceeded:
        s.tasks.exceeded = c;
        break;
      case F::identified:
        s.limitations_identified = c;
        break;
      case F::remedied:
        s.limitations_remedied = c;
        break;
      case F::total:
        s.subunits_total = c;
        break;
      case F::disciplined:
        s.subunits_disciplined = c;
        break;
      case F::sick_leave_days:
        if (c > 366) return bail();
        s.sick_leave_days = c;
        break;
      default:
        return bail();
    }
    return true;
  }

  bool number_float(double v, const std::string&) override {
    if (field_ == F::score) return set_score(v);
    return bail();
  }

  bool string(std::string& v) override {
    Subject& s = subject_;
    switch (field_) {
      case F::ruleset:
        ruleset_id_ = std::move(v);
        have_ruleset_ = true;
        return true;
      case F::as_of:
        if (auto d = parse_iso_date(v)) return out.batch.as_of = *d, true;
        return bail();
      case F::option_value:
        out.batch.options[option_key_] = std::move(v);
        return true;
      case F::u_id:
        if (v.empty() || !unit_index_.emplace(v, static_cast<std::int32_t>(out.batch.units.size())).second)
          return bail();
        unit_.id = std::move(v);
        return true;
      case F::u_kind:
        if (auto k = parse_unit_kind(v)) return unit_.kind = *k, true;
        return bail();
      case F::u_parent:
        parent_ = std::move(v);
        return true;
      case F::u_name:
        unit_.name = std::move(v);
        return true;
      case F::s_id:
        if (v.empty() || !subject_index_.emplace(v, out.batch.subjects.size()).second) return bail();
        s.id = std::move(v);
        return true;
      case F::s_kind:
        if (auto k = parse_subject_kind(v)) return s.kind = *k, true;
        return bail();
      case F::s_unit: {
        auto u = unit_index_.find(v);
        if (u == unit_index_.end()) return bail();
        s.unit = u->second;
        return true;
      }
      case F::proposed:
        if (auto g = parse_grade(v)) return s.proposed = static_cast<std::int8_t>(*g), true;
        return bail();
      case F::civil_servant_grade:
        if (auto g = parse_grade(v)) return s.civil_servant_grade = static_cast<std::int8_t>(*g), true;
        return bail();
      case F::rating_value:
        if (auto r = parse_rating(v)) return s.ratings[criterion_] = static_cast<std::int8_t>(*r), true;
        return bail();
      case F::decided:
        if (auto d = parse_iso_date(v)) return discipline_.decided = *d, true;
        return bail();
      case F::form:
        if (auto f = parse_discipline_form(v)) return discipline_.form = *f, true;
        return bail();
      case F::status:
        if (auto m = parse_member_status(v)) return s.status = *m, true;
        return bail();
      case F::admitted:
        if (auto d = parse_iso_date(v)) return s.admitted = *d, true;
        return bail();
      case F::established:
        if (auto d = parse_iso_date(v)) return s.established = *d, true;
        return bail();
      case F::members_disciplined:
        if (auto f = parse_discipline_form(v)) return s.members_disciplined.push_back(*f), true;
        return bail();
      case F::same_level_bodies:
        if (auto g = parse_grade(v)) return s.same_level_bodies.push_back(*g), true;
        return bail();
      default:
        return bail();
    }
  }

  bool binary(json::binary_t&) override { return bail(); }

  bool start_object(std::size_t) override {
    if (stack_.empty()) return push(Frame::root);
    switch (top()) {
      case Frame::root:
        return field_ == F::options ? push(Frame::options) : bail();
      case Frame::units:
        unit_ = Unit{};
        parent_.clear();
        return push(Frame::unit);
      case Frame::subjects:
        subject_ = Subject{};
        return push(Frame::subject);
      case Frame::subject:
        if (field_ == F::ratings) return push(Frame::ratings);
        if (field_ == F::tasks) return push(Frame::tasks);
        if (field_ == F::limitations) return push(Frame::limitations);
        if (field_ == F::subunits) return push(Frame::subunits);
        return bail();
      case Frame::discipline:
        discipline_ = Discipline{};
        have_violation_year_ = false;
        return push(Frame::discipline_entry);
      default:
        return bail();
    }
  }

  bool key(std::string& k) override {
    Level& l = stack_.back();
    int i = -1;
    switch (l.frame) {
      case Frame::root:
        if (subjects_started_) after_subjects_ = true;  // the header must come before the subjects
        i = lookup(kRoot, k);
        if (i >= 0) field_ = kRoot[i].field;
        break;
      case Frame::options:
        if (out.batch.options.count(k)) return bail();
        option_key_ = k;
        field_ = F::option_value;
        return true;
      case Frame::unit:
        i = lookup(kUnit, k);
        if (i >= 0) field_ = kUnit[i].field;
        break;
      case Frame::subject:
        i = lookup(kSubject, k);
        if (i >= 0) field_ = kSubject[i].field;
        break;
      case Frame::ratings: {
        auto c = parse_criterion(k);
        if (!c) return bail();
        i = static_cast<int>(*c);
        criterion_ = i;
        field_ = F::rating_value;
        break;
      }
      case Frame::tasks:
        i = lookup(kTasks, k);
        if (i >= 0) field_ = kTasks[i].field;
        break;
      case Frame::limitations:
        i = lookup(kLimitations, k);
        if (i >= 0) field_ = kLimitations[i].field;
        break;
      case Frame::discipline_entry:
        i = lookup(kDiscipline, k);
        if (i >= 0) field_ = kDiscipline[i].field;
        break;
      case Frame::subunits:
        i = lookup(kSubunits, k);
        if (i >= 0) field_ = kSubunits[i].field;
        break;
      default:
        return bail();
    }
    if (i < 0 || (l.seen >> i & 1)) return bail();  // unknown field or duplicate key
    l.seen |= std::uint64_t{1} << i;
    if (l.frame == Frame::root && after_subjects_) return bail();
    return true;
  }

  bool end_object() override {
    Level l = stack_.back();
    stack_.pop_back();
    auto has = [&](const Named* table, std::size_t n, F f) {
      for (std::size_t i = 0; i < n; ++i)
        if (table[i].field == f) return (l.seen >> i & 1) != 0;
      return false;
    };
    switch (l.frame) {
      case Frame::unit:
        if (!has(kUnit, 4, F::u_id) || !has(kUnit, 4, F::u_kind)) return bail();
        out.batch.units.push_back(std::move(unit_));
        parent_ids_.push_back(std::move(parent_));
        parent_.clear();
        field_ = F::none;
        return true;
      case Frame::subject:
        field_ = F::none;
        return end_subject(l);
      case Frame::tasks: {
        const Tasks& t = subject_.tasks;
        if ((l.seen & 0xF) != 0xF) return bail();  // assigned, completed, on_time, exceeded are required
        if (t.completed > t.assigned || t.on_time > t.completed || t.exceeded > t.completed) return bail();
        subject_.has_tasks = true;
        field_ = F::none;
        return true;
      }
      case Frame::limitations:
        if (l.seen != 3 || subject_.limitations_remedied > subject_.limitations_identified) return bail();
        subject_.has_limitations = true;
        field_ = F::none;
        return true;
      case Frame::subunits:
        if ((l.seen & 3) != 3 || subject_.subunits_disciplined > subject_.subunits_total) return bail();
        subject_.has_subunits = true;
        field_ = F::none;
        return true;
      case Frame::discipline_entry: {
        if ((l.seen & 3) != 3) return bail();  // decided and form are required
        // Absent: the violation is taken to be of the year it was decided in (as parse_dom words it).
        int decided_year = std::stoi(format_iso(discipline_.decided).substr(0, 4));
        if (!have_violation_year_) discipline_.violation_year = decided_year;
        if (discipline_.violation_year > decided_year) return bail();
        subject_.discipline.push_back(discipline_);
        field_ = F::discipline;  // back in the array
        return true;
      }
      case Frame::ratings:
        field_ = F::none;
        return true;
      case Frame::options:
        field_ = F::none;
        return true;
      case Frame::root:
        return true;
      default:
        return bail();
    }
  }

  bool start_array(std::size_t) override {
    if (stack_.empty()) return bail();
    switch (top()) {
      case Frame::root:
        if (field_ == F::units) return push(Frame::units);
        if (field_ == F::subjects) return start_subjects() && push(Frame::subjects);
        return bail();
      case Frame::subject:
        if (field_ == F::discipline) return push(Frame::discipline);
        // The array's strings are read under the field's name (push clears it).
        if (field_ == F::members_disciplined)
          return push(Frame::members_disciplined), field_ = F::members_disciplined, true;
        if (field_ == F::same_level_bodies) return push(Frame::same_level_bodies), field_ = F::same_level_bodies, true;
        return bail();
      default:
        return bail();
    }
  }

  bool end_array() override {
    Frame f = top();
    stack_.pop_back();
    field_ = F::none;
    if (f == Frame::units) return end_units();
    if (f == Frame::subjects) subjects_done_ = true;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return bail(); }

 private:
  bool bail() {
    doubtful = true;
    return false;
  }
  Frame top() const { return stack_.back().frame; }
  bool push(Frame f) {
    stack_.push_back({f, 0});
    field_ = F::none;
    return true;
  }

  bool set_score(double v) {
    if (v < 0 || v > 100 || std::isnan(v)) return bail();
    subject_.score = v;
    subject_.has_score = true;
    return true;
  }

  bool end_units() {
    Batch& b = out.batch;
    units_done_ = true;
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      if (parent_ids_[i].empty()) continue;
      auto f = unit_index_.find(parent_ids_[i]);
      if (f == unit_index_.end()) return bail();
      b.units[i].parent = f->second;
    }
    // A unit that is its own ancestor goes to the reference parser.
    std::vector<std::int8_t> state(b.units.size(), 0);  // 0 unknown, 1 on the current path, 2 reaches a root
    std::vector<std::int32_t> path;
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      path.clear();
      std::int32_t v = static_cast<std::int32_t>(i);
      while (v >= 0 && state[v] == 0) {
        state[v] = 1;
        path.push_back(v);
        v = b.units[v].parent;
      }
      if (v >= 0 && state[v] == 1) return bail();
      for (auto w : path) state[w] = 2;
    }
    return true;
  }

  // The header (format, year, as_of, ruleset, options) and the units must all come before the subjects:
  // a subject's required input depends on them.
  bool start_subjects() {
    subjects_started_ = true;
    const Level& root = stack_.front();
    if (!have_format_ || !have_year_ || out.batch.as_of == kNoDate || !units_done_) return bail();
    out.ruleset = have_ruleset_ ? catalog_.find(ruleset_id_) : catalog_.for_year(out.batch.year);
    if (!out.ruleset) return bail();
    out.batch.ruleset = out.ruleset->id;
    if (root.seen >> 4 & 1)  // options present: they must resolve against the ruleset
      if (!resolve_options(*out.ruleset, out.batch.options)) return bail();
    out.batch.subjects.reserve(out.batch.units.size() * 16);
    subject_index_.reserve(out.batch.units.size() * 16);
    return true;
  }

  bool end_subject(const Level& l) {
    Subject& s = subject_;
    // kind (1), id (0) and unit (2) are required.
    if ((l.seen & 7) != 7) return bail();
    const bool member = s.kind == SubjectKind::member;
    for (std::size_t i = 0; i < std::size(kSubject); ++i)
      if (l.seen >> i & 1) {
        F f = kSubject[i].field;
        if ((member && collective_only(f)) || (!member && member_only(f))) return bail();
      }
    const Ruleset& rs = *out.ruleset;
    if (!excluded(rs, out.batch, s)) {
      if (rs.points) {
        if (!s.has_score) return bail();
      } else {
        const auto& need = rs.criteria_for(s);
        for (Criterion c : need)
          if (!s.has_rating(c)) return bail();
        for (int c = 0; c < kCriterionCount; ++c)
          if (s.ratings[c] != kNone && std::find(need.begin(), need.end(), static_cast<Criterion>(c)) == need.end())
            return bail();
      }
    }
    out.batch.subjects.push_back(std::move(s));
    return true;
  }

  const RulesetCatalog& catalog_;
  std::vector<Level> stack_;
  F field_ = F::none;
  bool have_format_ = false, have_year_ = false, have_ruleset_ = false, have_violation_year_ = false;
  bool units_done_ = false, subjects_started_ = false, subjects_done_ = false, after_subjects_ = false;
  std::string ruleset_id_, option_key_, parent_;
  int criterion_ = 0;
  Unit unit_;
  Subject subject_;
  Discipline discipline_;
  std::vector<std::string> parent_ids_;
  std::unordered_map<std::string, std::int32_t> unit_index_;
  std::unordered_map<std::string, std::size_t> subject_index_;
};

}  // namespace

Result<Parsed> parse(std::string_view text) { return parse(text, default_catalog()); }

std::optional<Parsed> parse_sax(std::string_view text, const RulesetCatalog& catalog) {
  Builder b(catalog);
  bool read = json::sax_parse(text.begin(), text.end(), &b);
  if (read && b.finish()) return std::move(b.out);
  return std::nullopt;
}

Result<Parsed> parse(std::string_view text, const RulesetCatalog& catalog) {
  if (auto fast = parse_sax(text, catalog)) return std::move(*fast);
  return parse_dom(text, catalog);
}

}  // namespace xeploai::batch
