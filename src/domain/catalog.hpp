#pragma once
// The rulesets known to this build, found by id or by evaluation year. Loading them from data files is
// batch::load_catalog (src/batch/ruleset_loader.hpp); the domain itself does no I/O.
#include <string_view>
#include <vector>

#include "domain/ruleset.hpp"
#include "util/result.hpp"

namespace xeploai::domain {

class RulesetCatalog {
 public:
  // Rejects a second ruleset with an id already present.
  Result<void> add(Ruleset ruleset);
  const Ruleset* find(std::string_view id) const;
  // The ruleset in force for an evaluation year (2018–2022: 132, 2023–2024: 124, from 2025: 366 with the
  // bundled files); among several, the one with the latest year_from. nullptr when none covers the year.
  const Ruleset* for_year(int year) const;
  const std::vector<Ruleset>& all() const { return rulesets_; }

 private:
  std::vector<Ruleset> rulesets_;
};

}  // namespace xeploai::domain
