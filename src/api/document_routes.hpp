#pragma once
// The official documents of a review as files (service/documents, docs/documents.md): the statement or collective
// report of a review subject, the minutes of a closed meeting, a decision and the notification of a published
// grade, each as PDF and DOCX. Read-scoped like the JSON they come from; answered with Content-Disposition naming
// an ASCII file name and the Vietnamese one (filename*=UTF-8''…).
#include <string>

#include "api/context.hpp"
#include "http/router.hpp"

namespace xeploai::api {

void register_document_routes(http::Router& router, ApiContext& ctx);

// `attachment; filename="ban-kiem-diem.pdf"; filename*=UTF-8''B%E1%BA%A3n%20ki%E1%BB%83m%20%C4%91i%E1%BB%83m.pdf`
// (RFC 6266 / 5987): the plain name for old clients, the UTF-8 one for the rest.
std::string content_disposition(const std::string& ascii_name, const std::string& utf8_name);

}  // namespace xeploai::api
