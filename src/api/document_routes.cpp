#include "api/document_routes.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/route_support.hpp"
#include "export/docx.hpp"
#include "export/pdf.hpp"
#include "service/documents/documents.hpp"

namespace xeploai::api {

namespace {

using http::Json;
using http::Request;
namespace docs = service::docs;

enum class Format { pdf, docx };

using Builder = std::function<Result<docs::Built>(store::Transaction&, const service::Call&, std::int64_t)>;

// A private directory for one rendered file (the renderers write files), removed when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xeploai-document-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Builds the document inside the read transaction (scope checked there, exactly as for its JSON), renders it and
// answers the file; any error answers in the usual JSON error shape.
http::Handler file_handler(ApiContext& ctx, Builder build, Format format) {
  return [c = &ctx, build = std::move(build), format](Request& request) {
    http::Response file;
    auto answer = handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
      auto id = path_id(request, "id");
      if (!id) return id.error();
      auto built = build(tx, detail::call_of(who, request), *id);
      if (!built) return built.error();
      TempDir dir;
      if (dir.path().empty()) return Error::internal("cannot create a temporary directory for the document");
      const char* ext = format == Format::pdf ? "pdf" : "docx";
      const auto path = dir.path() / (std::string("document.") + ext);
      auto written = format == Format::pdf ? documents::write_pdf(built->document, path)
                                           : documents::write_docx(built->document, path);
      if (!written) return written.error();
      std::ifstream in(path, std::ios::binary);
      if (!in) return Error::internal("cannot read the rendered document");
      std::stringstream bytes;
      bytes << in.rdbuf();
      file.body = std::move(bytes).str();
      file.content_type = format == Format::pdf
                              ? "application/pdf"
                              : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      file.headers.emplace_back("Content-Disposition",
                                content_disposition(built->ascii_file_stem + "." + ext,
                                                    built->file_stem + "." + ext));
      return Json(nullptr);
    });
    if (answer.status != 200) return answer;
    return file;
  };
}

}  // namespace

std::string content_disposition(const std::string& ascii_name, const std::string& utf8_name) {
  std::string encoded;
  for (unsigned char ch : utf8_name) {
    const bool attr_char = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos;
    encoded += attr_char ? std::string(1, static_cast<char>(ch)) : fmt::format("%{:02X}", ch);
  }
  std::string plain;
  for (char ch : ascii_name)
    if (ch != '"' && ch != '\\' && static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) < 0x7F)
      plain += ch;
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", plain, encoded);
}

void register_document_routes(http::Router& router, ApiContext& ctx) {
  struct Kind {
    const char* pattern;  // without the extension
    const char* summary;
    Builder build;
  };
  const Kind kinds[] = {
      {"/api/v1/reviews/{id}/statement",
       "The statement of a review subject as an official document: a member's Bản kiểm điểm cá nhân in the form of "
       "the cycle's ruleset (366: Mẫu 02A/02B/02C; 124: 02A/02B; 132: Mẫu 02) or a collective's report (Mẫu 01), with "
       "the cell's and the competent level's grades once they exist. The subject or read_reviews; 404 until submitted",
       docs::statement_document},
      {"/api/v1/meetings/{id}/minutes",
       "The minutes (biên bản) of a closed review meeting, from the text frozen at the close: attendance and quorum, "
       "per subject the comments, the vote counts and the conclusion, signed by the chair and the secretary. As for "
       "GET /meetings/{id}; 404 until the meeting is closed",
       docs::minutes_document},
      {"/api/v1/decisions/{id}/document",
       "A decision (quyết định) on grades as an official document: number, date, articles, the table of grades, "
       "recipients and signer. read_reviews on the deciding unit",
       docs::decision_document},
      {"/api/v1/reviews/{id}/notification",
       "The notification (thông báo) of the published grade to one review subject, from its latest published "
       "decision. The subject or read_reviews; 404 until the grade is published",
       docs::notification_document},
  };
  const Json binary = {{"type", "string"}, {"format", "binary"}};
  for (const auto& k : kinds) {
    for (Format f : {Format::pdf, Format::docx}) {
      const bool pdf = f == Format::pdf;
      http::RouteDoc d = detail::doc(fmt::format("{} ({})", k.summary, pdf ? "PDF" : "DOCX"), "documents", nullptr,
                                     binary);
      d.response_media_type =
          pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      router.add("GET", std::string(k.pattern) + (pdf ? ".pdf" : ".docx"), std::move(d),
                 file_handler(ctx, k.build, f));
    }
  }
}

}  // namespace xeploai::api
