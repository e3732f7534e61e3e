#pragma once
// Loads and validates ruleset data files (rulesets/*.json, FORMAT described in docs/rules.md). The bundled
// rulesets are embedded in the binary; extra files (a provincial variant, a later regulation) can be added
// from a directory.
#include <string>
#include <string_view>

#include "domain/catalog.hpp"
#include "domain/ruleset.hpp"
#include "util/result.hpp"

namespace xeploai::batch {

// `name` prefixes the JSON paths of the problems ("rulesets/qd366-2025.json: rules[3].cap").
Result<domain::Ruleset> load_ruleset(std::string_view json, const std::string& name);

// Every embedded rulesets/*.json, then every *.json in `extra_dir` when it is not empty.
Result<domain::RulesetCatalog> load_catalog(const std::string& extra_dir = {});

// The embedded rulesets, loaded once (they are validated by the tests; a broken one is a build defect).
const domain::RulesetCatalog& default_catalog();

}  // namespace xeploai::batch
