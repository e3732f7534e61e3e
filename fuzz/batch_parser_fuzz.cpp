// libFuzzer target for the batch parser (and, on accepted input, the engine and the writer). Built by
// fuzz/run.sh with clang++ -fsanitize=fuzzer,address,undefined; not part of the default build.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "batch/parser.hpp"
#include "batch/writer.hpp"
#include "domain/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = xeploai::batch::parse(text);
  if (!parsed) {
    // Every rejection must give the user at least one reason with a path (FORMAT.md: exit 2 with a reason).
    if (parsed.error().details.empty()) std::abort();
    for (const auto& d : parsed.error().details)
      if (d.path.empty() || d.problem.empty()) std::abort();
    return 0;
  }
  auto ev = xeploai::domain::evaluate(*parsed->ruleset, parsed->batch);
  for (std::size_t i = 0; i < ev.subjects.size(); ++i)
    if (ev.subjects[i].graded && ev.subjects[i].grade > ev.subjects[i].max) std::abort();
  auto out = xeploai::batch::to_json(*parsed->ruleset, parsed->batch, ev);
  if (out.empty()) std::abort();
  return 0;
}
