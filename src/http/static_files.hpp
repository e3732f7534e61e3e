#pragma once
// Serves the browser app (web/dist) for every path outside /api: the file when it exists, index.html for
// client-side routes (paths without an extension), 404 otherwise. Never leaves the root directory.
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

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace xeploai::http
