// xeploai check --input FILE|- : grade a batch (FORMAT.md). stdout: the result; exit 0 ok, 1 not ok,
// 2 rejected input with one "path: problem" line per problem on stderr and nothing on stdout.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "batch/check.hpp"
#include "batch/ruleset_loader.hpp"
#include "cli/commands.hpp"

namespace xeploai::cli {
namespace {

bool read_all(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

}  // namespace

void add_check_command(CLI::App& app) {
  struct Opts {
    std::string input, rulesets_dir;
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("check", "Xếp loại một lô (FORMAT.md) / grade a batch file (FORMAT.md)");
  cmd->add_option("--input", opts->input, "Tệp lô JSON, - là stdin / batch JSON file, - for stdin")->required();
  cmd->add_option("--rulesets-dir", opts->rulesets_dir,
                  "Thư mục bộ quy tắc bổ sung (*.json) / extra ruleset files (a provincial variant, …)");
  cmd->callback([opts] {
    std::string text;
    if (!read_all(opts->input, text)) {
      std::fprintf(stderr, "--input: không đọc được tệp / cannot read \"%s\"\n", opts->input.c_str());
      exit_code() = 2;
      return;
    }
    const domain::RulesetCatalog* catalog = &batch::default_catalog();
    domain::RulesetCatalog extra;
    if (!opts->rulesets_dir.empty()) {
      auto loaded = batch::load_catalog(opts->rulesets_dir);
      if (!loaded) {
        for (const auto& d : loaded.error().details)
          std::fprintf(stderr, "%s: %s\n", d.path.c_str(), d.problem.c_str());
        exit_code() = 2;
        return;
      }
      extra = std::move(loaded).value();
      catalog = &extra;
    }
    auto result = batch::check(text, *catalog);
    if (!result) {
      for (const auto& d : result.error().details) std::fprintf(stderr, "%s: %s\n", d.path.c_str(), d.problem.c_str());
      exit_code() = 2;
      return;
    }
    std::fwrite(result->json.data(), 1, result->json.size(), stdout);
    std::fflush(stdout);
    exit_code() = result->ok ? 0 : 1;
  });
}

}  // namespace xeploai::cli
