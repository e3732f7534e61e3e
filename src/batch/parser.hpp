#pragma once
// The grading batch of FORMAT.md: JSON in, domain::Batch out, or every problem with its JSON path
// ("subjects[3].tasks.completed: greater than assigned").
#include <optional>
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

// The same contract through a JSON document (DOM) walked afterwards: slower, and the one that words every
// rejection. parse() builds the batch while reading (SAX) and, at the first thing that is not plainly valid,
// hands the text to parse_dom, so both give the same batch and the same problems (tests/batch/sax_parser_test).
Result<Parsed> parse_dom(std::string_view json, const domain::RulesetCatalog& catalog);
// parse()'s fast path alone: the batch, or nullopt when the text is not plainly valid (then parse_dom decides).
std::optional<Parsed> parse_sax(std::string_view json, const domain::RulesetCatalog& catalog);

}  // namespace xeploai::batch
