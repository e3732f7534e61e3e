#include "domain/catalog.hpp"

namespace xeploai::domain {

Result<void> RulesetCatalog::add(Ruleset ruleset) {
  if (find(ruleset.id)) return Error::invalid("duplicate ruleset id " + ruleset.id, {{"id", "duplicate ruleset id"}});
  rulesets_.push_back(std::move(ruleset));
  return {};
}

const Ruleset* RulesetCatalog::find(std::string_view id) const {
  for (const auto& r : rulesets_)
    if (r.id == id) return &r;
  return nullptr;
}

const Ruleset* RulesetCatalog::for_year(int year) const {
  const Ruleset* best = nullptr;
  for (const auto& r : rulesets_) {
    if (year < r.year_from || (r.year_to != 0 && year > r.year_to)) continue;
    if (!best || r.year_from > best->year_from) best = &r;
  }
  return best;
}

const Parameter* Ruleset::parameter(std::string_view name) const {
  for (const auto& p : parameters)
    if (p.name == name) return &p;
  return nullptr;
}

const std::vector<Criterion>& Ruleset::criteria_for(const Subject& s) const {
  if (s.kind != SubjectKind::member) return collective_criteria;
  return s.leader ? leader_criteria : member_criteria;
}

bool applies_to(std::uint8_t applies, const Subject& s) {
  switch (s.kind) {
    case SubjectKind::member:
      return applies & static_cast<std::uint8_t>(Applies::member) ||
             (s.leader ? applies & static_cast<std::uint8_t>(Applies::leader)
                       : applies & static_cast<std::uint8_t>(Applies::non_leader));
    case SubjectKind::party_organization:
      return applies & static_cast<std::uint8_t>(Applies::party_organization);
    case SubjectKind::leadership_collective:
      return applies & static_cast<std::uint8_t>(Applies::leadership_collective);
  }
  return false;
}

}  // namespace xeploai::domain
