#pragma once
// A ZIP package written with minizip (DOCX parts). Entries are deflated; the file appears under its final name
// only when close() succeeds.
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace xeploai::documents::internal {

class ZipWriter {
 public:
  static Result<ZipWriter> open(const std::filesystem::path& path);
  ZipWriter(ZipWriter&& other) noexcept;
  ZipWriter& operator=(ZipWriter&&) = delete;
  ~ZipWriter();

  Result<void> add(std::string_view name, std::string_view content);
  Result<void> close();

 private:
  ZipWriter(void* zip, std::filesystem::path path, std::filesystem::path tmp)
      : zip_(zip), path_(std::move(path)), tmp_(std::move(tmp)) {}
  void* zip_ = nullptr;
  std::filesystem::path path_, tmp_;
};

// Escapes text for XML character data and attribute values; drops control characters XML 1.0 cannot carry.
std::string xml_escape(std::string_view s);

}  // namespace xeploai::documents::internal
