#include "http/static_files.hpp"

#include <fstream>
#include <regex>
#include <sstream>

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

}  // namespace

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
  auto [root_end, real_it] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return not_found();

  auto content = read_file(real);
  if (!content) return not_found();
  Response r;
  r.status = 200;
  r.content_type = content_type_for(real);
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
