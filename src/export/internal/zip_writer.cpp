#include "export/internal/zip_writer.hpp"

#include <minizip/zip.h>

#include <ctime>

namespace xeploai::documents::internal {

Result<ZipWriter> ZipWriter::open(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".part";
  zipFile zip = zipOpen64(tmp.c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) return Error::invalid("cannot create the file " + path.string());
  return ZipWriter(zip, path, tmp);
}

ZipWriter::ZipWriter(ZipWriter&& other) noexcept
    : zip_(other.zip_), path_(std::move(other.path_)), tmp_(std::move(other.tmp_)) {
  other.zip_ = nullptr;
}

ZipWriter::~ZipWriter() {
  if (zip_ != nullptr) {
    zipClose(static_cast<zipFile>(zip_), nullptr);
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

Result<void> ZipWriter::add(std::string_view name, std::string_view content) {
  zip_fileinfo info{};
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  info.tmz_date = {static_cast<uInt>(tm.tm_sec),  static_cast<uInt>(tm.tm_min), static_cast<uInt>(tm.tm_hour),
                   static_cast<uInt>(tm.tm_mday), static_cast<uInt>(tm.tm_mon), static_cast<uInt>(tm.tm_year + 1900)};
  const std::string entry(name);
  auto* zip = static_cast<zipFile>(zip_);
  if (zipOpenNewFileInZip64(zip, entry.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION, 0) != ZIP_OK)
    return Error::internal("cannot add " + entry + " to " + path_.string());
  if (zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())) != ZIP_OK) {
    zipCloseFileInZip(zip);
    return Error::internal("cannot write " + entry + " to " + path_.string());
  }
  if (zipCloseFileInZip(zip) != ZIP_OK) return Error::internal("cannot finish " + entry + " in " + path_.string());
  return {};
}

Result<void> ZipWriter::close() {
  int rc = zipClose(static_cast<zipFile>(zip_), nullptr);
  zip_ = nullptr;
  std::error_code ec;
  if (rc != ZIP_OK) {
    std::filesystem::remove(tmp_, ec);
    return Error::internal("cannot finish " + path_.string());
  }
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) return Error::internal("cannot move " + path_.string() + " into place: " + ec.message());
  return {};
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        out += ch;
    }
  }
  return out;
}

}  // namespace xeploai::documents::internal
