#pragma once
// Running the real readers the tests check generated files with (poppler's pdftotext/pdffonts/pdftoppm, headless
// LibreOffice). A missing program skips the test with a message, unless XEPLOAI_REQUIRE_READERS is set
// (scripts/test.sh), where it fails.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace xeploai::testing {

inline bool have_program(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

inline bool readers_required() {
  const char* v = std::getenv("XEPLOAI_REQUIRE_READERS");
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}

// Runs a shell command; returns its exit status and fills `output` with stdout and stderr.
inline int run(const std::string& command, std::string* output = nullptr) {
  std::string full = command + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (p == nullptr) return -1;
  std::array<char, 4096> buf{};
  std::string out;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  if (output != nullptr) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Converts files with headless LibreOffice in one run (each run costs seconds), with a fresh profile so that runs
// do not share state. `filter` is e.g. "csv:Text - txt - csv (StarCalc):44,34,76,1" or "txt:Text (encoded):UTF8".
inline int soffice_convert(const std::vector<std::filesystem::path>& inputs, const std::string& filter,
                           const std::filesystem::path& outdir, std::string* output, const std::string& infilter = "") {
  const std::filesystem::path profile = outdir / "lo-profile";
  std::string cmd = "HOME=" + quote(outdir) + " soffice -env:UserInstallation=file://" + profile.string() +
                    " --headless --norestore --convert-to '" + filter + "' --outdir " + quote(outdir);
  if (!infilter.empty()) cmd += " --infilter='" + infilter + "'";
  for (const auto& in : inputs) cmd += " " + quote(in);
  return run(cmd, output);
}

// RFC 4180 parse of a whole CSV text (as LibreOffice writes it) for comparing cells.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace xeploai::testing

// Skips (or fails under XEPLOAI_REQUIRE_READERS) when one of the programs is missing.
#define XEPLOAI_REQUIRE_PROGRAMS(...)                                                                 \
  do {                                                                                                \
    for (const char* program_ : {__VA_ARGS__}) {                                                      \
      if (!::xeploai::testing::have_program(program_)) {                                              \
        if (::xeploai::testing::readers_required()) FAIL() << program_ << " is required but missing"; \
        GTEST_SKIP() << program_                                                                      \
                     << " is not installed (apt-get install poppler-utils libreoffice-calc-nogui "    \
                        "libreoffice-writer-nogui); XEPLOAI_REQUIRE_READERS is unset";                \
      }                                                                                               \
    }                                                                                                 \
  } while (0)
