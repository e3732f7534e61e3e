#pragma once
// DOCX (WordprocessingML) rendering of an official Party document with the layout of the PDF renderer, so that
// officials can edit the text in Word or LibreOffice before signing: the heading and the signature are laid out in
// borderless two-column tables, tables repeat their header row on every page, page numbers from page 2.
#include <filesystem>

#include "export/document.hpp"
#include "util/result.hpp"

namespace xeploai::documents {

// Writes `doc` to `path` (replaced if it exists). Invalid documents (validate()) write nothing.
Result<void> write_docx(const Document& doc, const std::filesystem::path& path);

}  // namespace xeploai::documents
