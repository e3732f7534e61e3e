// xeploai rulesets: the rulesets this build knows, their years, parameters and rules with sources.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "batch/ruleset_loader.hpp"
#include "cli/commands.hpp"

namespace xeploai::cli {
namespace {

std::string value_text(const domain::OptionValue& v) {
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  return std::get<std::string>(v);
}

std::string applies_text(std::uint8_t bits) {
  static const std::pair<domain::Applies, const char*> kNames[] = {
      {domain::Applies::member, "member"},
      {domain::Applies::leader, "leader"},
      {domain::Applies::non_leader, "non_leader"},
      {domain::Applies::party_organization, "party_organization"},
      {domain::Applies::leadership_collective, "leadership_collective"}};
  std::string out;
  for (auto [bit, name] : kNames)
    if (bits & static_cast<std::uint8_t>(bit)) out += (out.empty() ? "" : ",") + std::string(name);
  return out;
}

}  // namespace

void add_rulesets_command(CLI::App& app) {
  struct Opts {
    std::string dir;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd =
      app.add_subcommand("rulesets", "Liệt kê bộ quy tắc, quy tắc và tham số / list rulesets, rules, parameters");
  cmd->add_option("--rulesets-dir", opts->dir, "Thư mục bộ quy tắc bổ sung / extra ruleset files");
  cmd->add_flag("--json", opts->json, "JSON output");
  cmd->callback([opts] {
    auto catalog = batch::load_catalog(opts->dir);
    if (!catalog) {
      for (const auto& d : catalog.error().details) std::fprintf(stderr, "%s: %s\n", d.path.c_str(), d.problem.c_str());
      exit_code() = 2;
      return;
    }
    if (opts->json) {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const auto& rs : catalog->all()) {
        nlohmann::ordered_json j{{"id", rs.id},
                                 {"version", rs.version},
                                 {"title_vi", rs.title_vi},
                                 {"title_en", rs.title_en},
                                 {"year_from", rs.year_from},
                                 {"year_to", rs.year_to ? nlohmann::ordered_json(rs.year_to) : nullptr},
                                 {"scoring", rs.points ? "points" : "ratings"}};
        for (const auto& p : rs.parameters)
          j["parameters"].push_back({{"name", p.name},
                                     {"default", value_text(p.default_value)},
                                     {"description_vi", p.description_vi},
                                     {"description_en", p.description_en}});
        for (const auto& r : rs.rules)
          j["rules"].push_back({{"id", r.id},
                                {"subjects", applies_text(r.applies)},
                                {"effect", r.effect == domain::Effect::exclude ? "exclude" : "cap"},
                                {"source", r.source.text()},
                                {"message_vi", r.message_vi}});
        out.push_back(std::move(j));
      }
      std::printf("%s\n", out.dump(1).c_str());
      return;
    }
    for (const auto& rs : catalog->all()) {
      std::printf("%s (v%d) — %s\n  %s\n  năm / years: %d–%s, %s\n", rs.id.c_str(), rs.version, rs.title_vi.c_str(),
                  rs.title_en.c_str(), rs.year_from, rs.year_to ? std::to_string(rs.year_to).c_str() : "",
                  rs.points ? "điểm / points" : "xếp mức tiêu chí / criterion ratings");
      std::printf("  tham số / parameters:\n");
      for (const auto& p : rs.parameters) {
        std::string allowed;
        for (const auto& a : p.allowed) allowed += (allowed.empty() ? "" : "|") + value_text(a);
        std::printf("    %s = %s%s%s\n      %s\n      %s\n", p.name.c_str(), value_text(p.default_value).c_str(),
                    allowed.empty() ? "" : "  (", allowed.empty() ? "" : (allowed + ")").c_str(),
                    p.description_vi.c_str(), p.description_en.c_str());
      }
      std::printf("  quy tắc / rules:\n");
      for (const auto& r : rs.rules) {
        std::string effect = r.effect == domain::Effect::exclude         ? "không xếp loại / not graded"
                             : r.check == domain::Check::score_band      ? "theo điểm / by score"
                             : r.check == domain::Check::head_above_unit ? "≤ tổ chức / ≤ unit"
                                                                         : "≤ " + std::string(domain::code(r.cap));
        std::printf("    %-10s %-22s %-40s %s%s\n", r.id.c_str(), effect.c_str(), applies_text(r.applies).c_str(),
                    r.source.text().c_str(), r.enabled_by.empty() ? "" : ("  [" + r.enabled_by + "]").c_str());
      }
      for (const auto& q : rs.quotas)
        std::printf("    %-10s hạn mức / quota %s  %s%s\n", q.id.c_str(), std::string(domain::code(q.grade)).c_str(),
                    q.source.text().c_str(), q.enabled_param.empty() ? "" : ("  [" + q.enabled_param + "]").c_str());
      std::printf("\n");
    }
  });
}

}  // namespace xeploai::cli
