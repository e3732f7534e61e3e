#include "batch/ruleset_loader.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "util/embedded_files.hpp"

namespace xeploai::batch {
namespace {

using nlohmann::json;
using namespace xeploai::domain;

const std::map<std::string_view, Check> kChecks{
    {"member_status", Check::member_status},
    {"admitted_recently", Check::admitted_recently},
    {"established_recently", Check::established_recently},
    {"flag", Check::flag},
    {"disciplined_in_year", Check::disciplined_in_year},
    {"members_disciplined", Check::members_disciplined},
    {"subunits_disciplined_share", Check::subunits_disciplined_share},
    {"subunits_corruption", Check::subunits_corruption},
    {"tasks_completed_below", Check::tasks_completed_below},
    {"civil_servant_grade_at_most", Check::civil_servant_grade_at_most},
    {"civil_servant_grade_below", Check::civil_servant_grade_below},
    {"sick_leave_at_least", Check::sick_leave_at_least},
    {"any_rating_at_most", Check::any_rating_at_most},
    {"ratings_pattern", Check::ratings_pattern},
    {"tasks_not_on_time", Check::tasks_not_on_time},
    {"tasks_late", Check::tasks_late},
    {"limitations_unremedied", Check::limitations_unremedied},
    {"subordinates_disciplined", Check::subordinates_disciplined},
    {"score_band", Check::score_band},
    {"roll_up", Check::roll_up},
    {"same_level_bodies_below", Check::same_level_bodies_below},
    {"head_above_unit", Check::head_above_unit},
};

const std::map<std::string_view, Applies> kApplies{
    {"member", Applies::member},
    {"leader", Applies::leader},
    {"non_leader", Applies::non_leader},
    {"party_organization", Applies::party_organization},
    {"leadership_collective", Applies::leadership_collective},
};

// Collects problems with their JSON paths while reading one file.
struct Reader {
  std::string name;
  std::vector<ErrorDetail> problems;

  void bad(const std::string& path, std::string problem) {
    problems.push_back({name + ": " + path, std::move(problem)});
  }

  const json* field(const json& obj, const std::string& path, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) bad(path + key, "missing required field");
      return nullptr;
    }
    return &*it;
  }
  std::string str(const json& obj, const std::string& path, const char* key, bool required = true) {
    const json* v = field(obj, path, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      bad(path + key, "must be a string");
      return {};
    }
    return v->get<std::string>();
  }
  int integer(const json& v, const std::string& path) {
    if (!v.is_number_integer()) {
      bad(path, "must be an integer");
      return 0;
    }
    return v.get<int>();
  }
  template <class E>
  E named(const json& v, const std::string& path, std::optional<E> (*parse)(std::string_view), const char* what, E fb) {
    if (!v.is_string()) {
      bad(path, std::string("must be a ") + what);
      return fb;
    }
    auto r = parse(v.get<std::string>());
    if (!r) {
      bad(path, std::string("unknown ") + what + " \"" + v.get<std::string>() + "\"");
      return fb;
    }
    return *r;
  }
  void check_keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> keys) {
    for (auto it = obj.begin(); it != obj.end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) bad(path + it.key(), "unknown field");
  }
  Source source(const json& obj, const std::string& path) {
    Source s;
    const json* v = field(obj, path, "source", true);
    if (!v) return s;
    if (!v->is_object()) {
      bad(path + "source", "must be an object");
      return s;
    }
    check_keys(*v, path + "source.", {"document", "article", "article_en"});
    s.document = str(*v, path + "source.", "document");
    s.article = str(*v, path + "source.", "article");
    s.article_en = str(*v, path + "source.", "article_en");
    return s;
  }
  std::uint8_t applies(const json& obj, const std::string& path) {
    const json* v = field(obj, path, "subjects", true);
    std::uint8_t bits = 0;
    if (!v) return bits;
    if (!v->is_array() || v->empty()) {
      bad(path + "subjects", "must be a non-empty array");
      return bits;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      auto it = e.is_string() ? kApplies.find(e.get<std::string>()) : kApplies.end();
      if (it == kApplies.end())
        bad(path + "subjects[" + std::to_string(i) + "]", "unknown subject kind");
      else
        bits |= static_cast<std::uint8_t>(it->second);
    }
    return bits;
  }
  ExceptionMode exception_mode(const json& v, const std::string& path) {
    if (v == "none") return ExceptionMode::none;
    if (v == "exempt") return ExceptionMode::exempt;
    if (v == "weigh") return ExceptionMode::weigh;
    bad(path, "must be none, exempt or weigh");
    return ExceptionMode::none;
  }

  RuleParams params(const json& obj, const std::string& path, Check check) {
    RuleParams p;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& k = it.key();
      const json& v = it.value();
      std::string at = path + k;
      if (k == "status")
        p.status = named<MemberStatus>(v, at, parse_member_status, "member status", p.status);
      else if (k == "months")
        p.months = integer(v, at);
      else if (k == "field") {
        p.field = v.is_string() ? v.get<std::string>() : "";
        if (p.field != "degradation_concluded" && p.field != "must_not_do_violation" && p.field != "disunity_concluded")
          bad(at, "must be degradation_concluded, must_not_do_violation or disunity_concluded");
      } else if (k == "min_form")
        p.min_form = named<DisciplineForm>(v, at, parse_discipline_form, "discipline form", p.min_form);
      else if (k == "self_remedied")
        p.self_remedied = exception_mode(v, at);
      else if (k == "force_majeure")
        p.force_majeure = exception_mode(v, at);
      else if (k == "key_missed") {
        if (v == "ignore")
          p.key_missed = KeyMissed::ignore;
        else if (v == "either")
          p.key_missed = KeyMissed::either;
        else if (v == "both")
          p.key_missed = KeyMissed::both;
        else
          bad(at, "must be ignore, either or both");
      } else if (k == "percent")
        p.percent = integer(v, at);
      else if (k == "on_time_percent")
        p.on_time_percent = integer(v, at);
      else if (k == "exceeded_percent")
        p.exceeded_percent = integer(v, at);
      else if (k == "late_percent")
        p.late_percent = integer(v, at);
      else if (k == "grade")
        p.grade = named<Grade>(v, at, parse_grade, "grade", p.grade);
      else if (k == "days")
        p.days = integer(v, at);
      else if (k == "rating")
        p.rating = named<Rating>(v, at, parse_rating, "rating", p.rating);
      else if (k == "key_min")
        p.key_min = named<Rating>(v, at, parse_rating, "rating", p.key_min);
      else if (k == "other_min")
        p.other_min = named<Rating>(v, at, parse_rating, "rating", p.other_min);
      else if (k == "all_min")
        p.all_min = named<Grade>(v, at, parse_grade, "grade", p.all_min);
      else if (k == "share_min")
        p.share_min = named<Grade>(v, at, parse_grade, "grade", p.share_min);
      else if (k == "key_criteria") {
        if (!v.is_array())
          bad(at, "must be an array of criteria");
        else
          for (std::size_t i = 0; i < v.size(); ++i)
            p.key_criteria.push_back(named<Criterion>(v[i], at + "[" + std::to_string(i) + "]", parse_criterion,
                                                      "criterion", Criterion::duties));
      } else if (k == "bands") {
        // {"HTXSNV": 90, "HTTNV": 70, "HTNV": 50}: the lowest score of each grade; below the lowest, KHTNV.
        if (!v.is_object())
          bad(at, "must be an object grade -> lowest score");
        else
          for (auto b = v.begin(); b != v.end(); ++b) {
            auto g = parse_grade(b.key());
            if (!g)
              bad(at + "." + b.key(), "unknown grade");
            else if (!b.value().is_number())
              bad(at + "." + b.key(), "must be a number");
            else
              p.bands.emplace_back(b.value().get<double>(), *g);
          }
        std::sort(p.bands.begin(), p.bands.end(), [](auto& a, auto& b) { return a.second > b.second; });
      } else {
        bad(at, "unknown parameter");
      }
    }
    if (check == Check::score_band && p.bands.empty()) bad(path + "bands", "missing required parameter");
    if (check == Check::flag && p.field.empty()) bad(path + "field", "missing required parameter");
    if (check == Check::ratings_pattern && p.key_criteria.empty())
      bad(path + "key_criteria", "missing required parameter");
    return p;
  }
};

OptionValue option_value(const json& v, ParamType type, bool& ok) {
  ok = true;
  if (type == ParamType::boolean && v.is_boolean()) return v.get<bool>();
  if (type == ParamType::integer && v.is_number_integer()) return v.get<std::int64_t>();
  if (type == ParamType::name && v.is_string()) return v.get<std::string>();
  ok = false;
  return false;
}

}  // namespace

Result<Ruleset> load_ruleset(std::string_view text, const std::string& name) {
  Reader rd{name, {}};
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error::invalid("ruleset " + name + " is not a JSON object", {{name, "not a JSON object"}});
  Ruleset rs;
  rd.check_keys(doc, "",
                {"id", "version", "title_vi", "title_en", "document", "years", "scoring", "criteria", "parameters",
                 "rules", "quotas"});
  rs.id = rd.str(doc, "", "id");
  if (const json* v = rd.field(doc, "", "version", true)) rs.version = rd.integer(*v, "version");
  rs.title_vi = rd.str(doc, "", "title_vi");
  rs.title_en = rd.str(doc, "", "title_en");
  rs.document = rd.str(doc, "", "document");
  if (const json* y = rd.field(doc, "", "years", true)) {
    if (const json* f = rd.field(*y, "years.", "from", true)) rs.year_from = rd.integer(*f, "years.from");
    if (auto it = y->find("to"); it != y->end() && !it->is_null()) rs.year_to = rd.integer(*it, "years.to");
  }
  std::string scoring = rd.str(doc, "", "scoring");
  if (scoring != "points" && scoring != "ratings") rd.bad("scoring", "must be points or ratings");
  rs.points = scoring == "points";
  if (auto it = doc.find("criteria"); it != doc.end()) {
    auto list = [&](const char* key, std::vector<Criterion>& out) {
      if (auto c = it->find(key); c != it->end() && c->is_array())
        for (std::size_t i = 0; i < c->size(); ++i)
          out.push_back(rd.named<Criterion>((*c)[i], std::string("criteria.") + key + "[" + std::to_string(i) + "]",
                                            parse_criterion, "criterion", Criterion::duties));
      else
        rd.bad(std::string("criteria.") + key, "must be an array of criteria");
    };
    list("member", rs.member_criteria);
    list("leader", rs.leader_criteria);
    list("collective", rs.collective_criteria);
  } else if (!rs.points) {
    rd.bad("criteria", "missing required field (a ratings ruleset lists its criteria)");
  }
  if (const json* ps = rd.field(doc, "", "parameters", true)) {
    for (std::size_t i = 0; i < ps->size(); ++i) {
      const json& pj = (*ps)[i];
      std::string at = "parameters[" + std::to_string(i) + "].";
      Parameter p;
      rd.check_keys(pj, at, {"name", "type", "allowed", "default", "description_vi", "description_en"});
      p.name = rd.str(pj, at, "name");
      std::string type = rd.str(pj, at, "type");
      p.type = type == "boolean" ? ParamType::boolean : type == "integer" ? ParamType::integer : ParamType::name;
      if (type != "boolean" && type != "integer" && type != "name")
        rd.bad(at + "type", "must be boolean, integer or name");
      bool ok = true;
      if (const json* d = rd.field(pj, at, "default", true)) {
        p.default_value = option_value(*d, p.type, ok);
        if (!ok) rd.bad(at + "default", "does not match the type");
      }
      if (auto a = pj.find("allowed"); a != pj.end())
        for (std::size_t k = 0; k < a->size(); ++k) {
          p.allowed.push_back(option_value((*a)[k], p.type, ok));
          if (!ok) rd.bad(at + "allowed[" + std::to_string(k) + "]", "does not match the type");
        }
      if (!p.allowed.empty() && std::find(p.allowed.begin(), p.allowed.end(), p.default_value) == p.allowed.end())
        rd.bad(at + "default", "not among the allowed values");
      p.description_vi = rd.str(pj, at, "description_vi");
      p.description_en = rd.str(pj, at, "description_en");
      if (rs.parameter(p.name)) rd.bad(at + "name", "duplicate parameter");
      rs.parameters.push_back(std::move(p));
    }
  }
  auto boolean_param = [&](const std::string& name, const std::string& at) {
    const Parameter* p = rs.parameter(name);
    if (!p || p->type != ParamType::boolean) rd.bad(at, "must name a boolean parameter of this ruleset");
  };
  if (const json* rules = rd.field(doc, "", "rules", true)) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const json& rj = (*rules)[i];
      std::string at = "rules[" + std::to_string(i) + "].";
      Rule r;
      rd.check_keys(
          rj, at,
          {"id", "check", "subjects", "effect", "cap", "enabled_by", "params", "source", "message_vi", "message_en"});
      r.id = rd.str(rj, at, "id");
      std::string check = rd.str(rj, at, "check");
      if (auto it = kChecks.find(check); it != kChecks.end())
        r.check = it->second;
      else
        rd.bad(at + "check", "unknown check \"" + check + "\"");
      r.applies = rd.applies(rj, at);
      std::string effect = rd.str(rj, at, "effect");
      if (effect == "exclude")
        r.effect = Effect::exclude;
      else if (effect == "cap")
        r.effect = Effect::cap;
      else
        rd.bad(at + "effect", "must be exclude or cap");
      if (r.effect == Effect::cap && r.check != Check::score_band && r.check != Check::head_above_unit) {
        if (const json* c = rd.field(rj, at, "cap", true))
          r.cap = rd.named<Grade>(*c, at + "cap", parse_grade, "grade", r.cap);
      }
      if (auto it = rj.find("enabled_by"); it != rj.end()) {
        r.enabled_by = it->is_string() ? it->get<std::string>() : "";
        boolean_param(r.enabled_by, at + "enabled_by");
      }
      if (auto it = rj.find("params"); it != rj.end()) {
        if (it->is_object())
          r.params = rd.params(*it, at + "params.", r.check);
        else
          rd.bad(at + "params", "must be an object");
      } else {
        r.params = rd.params(json::object(), at + "params.", r.check);
      }
      r.source = rd.source(rj, at);
      r.message_vi = rd.str(rj, at, "message_vi");
      r.message_en = rd.str(rj, at, "message_en");
      rs.rules.push_back(std::move(r));
    }
    if (rs.rules.size() > 60000) rd.bad("rules", "too many rules");
  }
  if (auto qs = doc.find("quotas"); qs != doc.end()) {
    for (std::size_t i = 0; i < qs->size(); ++i) {
      const json& qj = (*qs)[i];
      std::string at = "quotas[" + std::to_string(i) + "].";
      QuotaRule q;
      rd.check_keys(qj, at,
                    {"id", "subjects", "grade", "enabled_by", "percent", "rounding", "base", "scope", "source"});
      q.id = rd.str(qj, at, "id");
      q.applies = rd.applies(qj, at);
      if (const json* g = rd.field(qj, at, "grade", true))
        q.grade = rd.named<Grade>(*g, at + "grade", parse_grade, "grade", q.grade);
      auto param = [&](const char* key, std::string& out, bool required) {
        out = rd.str(qj, at, key, required);
        if (!out.empty() && !rs.parameter(out)) rd.bad(at + key, "must name a parameter of this ruleset");
      };
      param("enabled_by", q.enabled_param, false);
      if (!q.enabled_param.empty()) boolean_param(q.enabled_param, at + "enabled_by");
      param("percent", q.percent_param, false);
      param("rounding", q.rounding_param, true);
      param("base", q.base_param, true);
      param("scope", q.scope_param, false);
      q.source = rd.source(qj, at);
      rs.quotas.push_back(std::move(q));
    }
  }
  if (!rd.problems.empty()) return Error::invalid("invalid ruleset " + name, std::move(rd.problems));
  return rs;
}

Result<RulesetCatalog> load_catalog(const std::string& extra_dir) {
  RulesetCatalog catalog;
  std::vector<ErrorDetail> problems;
  auto add = [&](std::string_view text, const std::string& name) {
    auto rs = load_ruleset(text, name);
    if (!rs) {
      for (const auto& d : rs.error().details) problems.push_back(d);
      return;
    }
    if (auto r = catalog.add(std::move(rs).value()); !r) problems.push_back({name, r.error().message});
  };
  for (const auto& f : embedded::files())
    if (f.path.starts_with("rulesets/") && f.path.ends_with(".json")) add(f.content, std::string(f.path));
  if (!extra_dir.empty()) {
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(extra_dir, ec))
      if (e.path().extension() == ".json") paths.push_back(e.path());
    if (ec) problems.push_back({extra_dir, "cannot read the directory: " + ec.message()});
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      add(ss.str(), p.string());
    }
  }
  if (!problems.empty()) return Error::invalid("invalid rulesets", std::move(problems));
  return catalog;
}

const RulesetCatalog& default_catalog() {
  static const RulesetCatalog catalog = [] {
    auto c = load_catalog();
    if (!c)
      throw std::runtime_error("embedded rulesets are invalid: " + c.error().details.front().path + ": " +
                               c.error().details.front().problem);
    return std::move(c).value();
  }();
  return catalog;
}

}  // namespace xeploai::batch
