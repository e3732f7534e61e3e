#pragma once
// Serves the browser app (web/dist) for every path outside /api: the file when it exists, index.html for
// client-side routes (paths without an extension), 404 otherwise. Never leaves the root directory.
// When the client accepts gzip and a fresh "<file>.gz" lies beside the file (web/scripts/compress.mjs writes them
// at build time), the .gz bytes are answered with Content-Encoding: gzip and the original's content type. A .gz
// without its original is never used in its place: the original decides whether the path exists.
#include <filesystem>
#include <string>

#include "http/api.hpp"

namespace xeploai::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // GET/HEAD of request.path (already percent-decoded).
  Response serve(const Request& request) const;

  static std::string content_type_for(const std::filesystem::path& file);
  // Text types worth compressing; their answers carry Vary: Accept-Encoding.
  static bool is_compressible(const std::filesystem::path& file);
  // Parses an Accept-Encoding value (RFC 9110 12.5.3): true when gzip (or x-gzip, or "*" without an explicit gzip
  // entry) is listed with a non-zero q. Malformed entries are ignored, so a garbled header just means "plain".
  static bool accepts_gzip(std::string_view accept_encoding);

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace xeploai::http
