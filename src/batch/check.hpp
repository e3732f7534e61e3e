#pragma once
// One call for "grade this batch" as the CLI (`xeploai check`) and the HTTP what-if endpoint need it: JSON in,
// the FORMAT.md result out, or the rejected input's problems (Error::details, each with its JSON path).
#include <string>
#include <string_view>

#include "domain/catalog.hpp"
#include "util/result.hpp"

namespace xeploai::batch {

struct CheckOutput {
  std::string json;  // the result document
  bool ok = false;   // every proposal at or below its max and every quota met
};

Result<CheckOutput> check(std::string_view input, const domain::RulesetCatalog& catalog);
Result<CheckOutput> check(std::string_view input);  // with default_catalog()

}  // namespace xeploai::batch
