#include "batch/check.hpp"

#include "batch/parser.hpp"
#include "batch/ruleset_loader.hpp"
#include "batch/writer.hpp"
#include "domain/engine.hpp"

namespace xeploai::batch {

Result<CheckOutput> check(std::string_view input, const domain::RulesetCatalog& catalog) {
  auto parsed = parse(input, catalog);
  if (!parsed) return std::move(parsed).error();
  auto ev = domain::evaluate(*parsed->ruleset, parsed->batch);
  return CheckOutput{to_json(*parsed->ruleset, parsed->batch, ev), ev.ok};
}

Result<CheckOutput> check(std::string_view input) { return check(input, default_catalog()); }

}  // namespace xeploai::batch
