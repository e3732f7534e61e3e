#pragma once
// The result of FORMAT.md ("Output") and the batch itself as JSON. Output is deterministic: same input, same
// bytes (fields in a fixed order, subjects in input order, findings in ruleset order).
#include <string>

#include "domain/batch.hpp"
#include "domain/engine.hpp"
#include "domain/ruleset.hpp"

namespace xeploai::batch {

std::string to_json(const domain::Ruleset& ruleset, const domain::Batch& batch, const domain::Evaluation& ev);
// FORMAT.md "Input" (used by the generators of benchmark and test files).
std::string batch_to_json(const domain::Batch& batch);

}  // namespace xeploai::batch
