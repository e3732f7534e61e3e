#pragma once
// PDF rendering of an official Party document through cairo and pango: A4, Liberation Serif embedded (subset),
// Vietnamese shaped by HarfBuzz, paragraphs and tables split across pages with the table header repeated,
// page numbers from the second page on.
#include <filesystem>

#include "export/document.hpp"
#include "util/result.hpp"

namespace xeploai::documents {

// Writes `doc` to `path` (replaced if it exists). Invalid documents (validate()) write nothing.
Result<void> write_pdf(const Document& doc, const std::filesystem::path& path);

}  // namespace xeploai::documents
