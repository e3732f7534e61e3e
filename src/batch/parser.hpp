#pragma once
// The grading batch of FORMAT.md: JSON in, domain::Batch out, or every problem with its JSON path
// ("subjects[3].tasks.completed: greater than assigned").
#include <string_view>

#include "domain/batch.hpp"
#include "domain/catalog.hpp"
#include "util/result.hpp"

namespace xeploai::batch {

struct Parsed {
  domain::Batch batch;
  const domain::Ruleset* ruleset = nullptr;  // points into the catalog
};

// Rejects (Error::invalid, one detail per problem) everything FORMAT.md lists under "Rejected input". When
// `ruleset` is absent the ruleset in force for `year` is used (documented in docs/rules.md).
Result<Parsed> parse(std::string_view json, const domain::RulesetCatalog& catalog);
Result<Parsed> parse(std::string_view json);  // with batch::default_catalog()

}  // namespace xeploai::batch
