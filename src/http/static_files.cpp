#include "http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string_view>

namespace xeploai::http {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Vite names build outputs like "index-3f2a9c1b.js": such a file never changes under its name.
bool is_hashed_asset(const fs::path& p) {
  static const std::regex kHashed(R"(.*[-.][0-9A-Za-z_]{8,}\.[a-z0-9]+$)");
  return std::regex_match(p.filename().string(), kHashed);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; nullopt when malformed.
std::optional<int> parse_qvalue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int whole = v[0] - '0';
  int thousandths = 0;
  if (v.size() > 1) {
    if (v[1] != '.' || v.size() > 5) return std::nullopt;
    int scale = 100;
    for (char c : v.substr(2)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (whole == 1 && thousandths != 0) return std::nullopt;
  return whole * 1000 + thousandths;
}

bool is_inside(const fs::path& root, const fs::path& real) {
  auto [root_end, real_it] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  return root_end == root.end();
}

// The precompressed sibling of `real`, when it is a regular file inside the root and not older than the original
// (an older one is left over from a previous build and would serve stale code).
std::optional<fs::path> gzip_sibling(const fs::path& root, const fs::path& real) {
  std::error_code ec;
  fs::path gz = real;
  gz += ".gz";
  if (!fs::is_regular_file(gz, ec)) return std::nullopt;
  fs::path gz_real = fs::weakly_canonical(gz, ec);
  if (ec || !is_inside(root, gz_real)) return std::nullopt;
  auto gz_time = fs::last_write_time(gz_real, ec);
  if (ec) return std::nullopt;
  auto original_time = fs::last_write_time(real, ec);
  if (ec || gz_time < original_time) return std::nullopt;
  return gz_real;
}

}  // namespace

bool StaticFiles::accepts_gzip(std::string_view accept_encoding) {
  std::optional<int> gzip_q;
  std::optional<int> star_q;
  while (!accept_encoding.empty()) {
    auto comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);

    auto semi = element.find(';');
    std::string coding = lower(trim(element.substr(0, semi)));
    if (coding.empty()) continue;
    int q = 1000;
    bool malformed = false;
    std::string_view params = semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1);
    while (!params.empty()) {
      auto next = params.find(';');
      std::string_view param = trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
      auto eq = param.find('=');
      if (eq == std::string_view::npos) continue;
      if (lower(trim(param.substr(0, eq))) != "q") continue;
      auto parsed = parse_qvalue(trim(param.substr(eq + 1)));
      if (!parsed) {
        malformed = true;
        break;
      }
      q = *parsed;
    }
    if (malformed) continue;
    if (coding == "gzip" || coding == "x-gzip") {
      gzip_q = std::max(gzip_q.value_or(0), q);
    } else if (coding == "*") {
      star_q = q;
    }
  }
  if (gzip_q) return *gzip_q > 0;
  return star_q.value_or(0) > 0;
}

bool StaticFiles::is_compressible(const fs::path& file) {
  std::string ext = lower(file.extension().string());
  return ext == ".html" || ext == ".js" || ext == ".mjs" || ext == ".css" || ext == ".json" || ext == ".map" ||
         ext == ".svg" || ext == ".txt" || ext == ".webmanifest";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

std::string StaticFiles::content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"},
  };
  std::string ext = file.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

Response StaticFiles::serve(const Request& request) const {
  const auto not_found = [&] {
    return Response::error(Error::not_found("Không tìm thấy / not found: " + request.path));
  };
  // Refuse any ".." segment, backslash or NUL outright rather than trusting normalization alone.
  const std::string& path = request.path;
  if (path.empty() || path.front() != '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return not_found();
  }
  fs::path relative;
  {
    std::string_view rest = std::string_view(path).substr(1);
    while (!rest.empty()) {
      auto slash = rest.find('/');
      auto segment = rest.substr(0, slash);
      rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
      if (segment == "..") return not_found();
      if (segment.empty() || segment == ".") continue;
      relative /= std::string(segment);
    }
  }

  std::error_code ec;
  fs::path candidate = relative.empty() ? root_ / "index.html" : root_ / relative;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  bool fallback = false;
  if (!fs::is_regular_file(candidate, ec)) {
    // Client-side routes ("/units/12") get the app; a missing file with an extension is a real 404.
    if (relative.has_extension()) return not_found();
    candidate = root_ / "index.html";
    fallback = true;
  }
  // Symlinks must not lead outside the root either.
  fs::path real = fs::weakly_canonical(candidate, ec);
  if (ec) return not_found();
  if (!is_inside(root_, real)) return not_found();

  const bool compressible = is_compressible(real);
  std::optional<std::string> content;
  bool gzipped = false;
  if (compressible) {
    auto accept = request.header("accept-encoding");
    if (accept && accepts_gzip(*accept)) {
      if (auto gz = gzip_sibling(root_, real)) {
        content = read_file(*gz);
        gzipped = content.has_value();
      }
    }
  }
  if (!content) content = read_file(real);
  if (!content) return not_found();
  Response r;
  r.status = 200;
  r.content_type = content_type_for(real);  // the original's type, also when answering its .gz
  if (gzipped) r.headers.emplace_back("Content-Encoding", "gzip");
  // Caches must key compressible answers on Accept-Encoding, whichever representation this one is.
  if (compressible) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (!fallback && is_hashed_asset(real)) {
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.headers.emplace_back("Cache-Control", "no-cache");  // revalidate index.html so new builds are picked up
  }
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (request.method != "HEAD") r.body = std::move(*content);
  return r;
}

}  // namespace xeploai::http
