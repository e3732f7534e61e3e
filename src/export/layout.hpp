#pragma once
// The page layout shared by the PDF and DOCX renderers, so both give the same document. Sources and the choices
// where Hướng dẫn 36-HD/VPTW leaves a range or is silent: docs/documents.md.
namespace xeploai::documents::layout {

// A4 portrait.
inline constexpr double kPageWidthMm = 210.0;
inline constexpr double kPageHeightMm = 297.0;
// 36-HD allows top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm; we take the lower bound of each.
inline constexpr double kMarginTopMm = 20.0;
inline constexpr double kMarginBottomMm = 20.0;
inline constexpr double kMarginLeftMm = 30.0;
inline constexpr double kMarginRightMm = 15.0;
// The page number sits centred in the top margin, from the second page on.
inline constexpr double kPageNumberTopMm = 10.0;

// The heading block's left column (issuing organization) takes this share of the text width; the right
// column ("ĐẢNG CỘNG SẢN VIỆT NAM", place and date) the rest.
inline constexpr double kHeadingLeftShare = 0.45;

inline constexpr const char* kFontFamily = "Liberation Serif";  // metric-compatible with Times New Roman
inline constexpr const char* kDocxFontFamily =
    "Times New Roman";  // officials' Word; LibreOffice maps it to Liberation Serif

// Sizes in points.
inline constexpr double kPartyTitleSize = 15;    // "ĐẢNG CỘNG SẢN VIỆT NAM", bold
inline constexpr double kOrganizationSize = 14;  // parent organization (regular), issuer (bold), "*", number
inline constexpr double kDateSize = 14;          // italic
inline constexpr double kKindSize = 16;          // "QUYẾT ĐỊNH", bold
inline constexpr double kSummarySize = 14;       // trích yếu, bold
inline constexpr double kBodySize = 14;
inline constexpr double kTableSize = 13;            // tables one point smaller so that 6-8 columns fit
inline constexpr double kRecipientsLabelSize = 14;  // "Nơi nhận:", underlined
inline constexpr double kRecipientsSize = 12;
inline constexpr double kSignatureSize = 14;  // authority, position and name, bold
inline constexpr double kPageNumberSize = 14;
inline constexpr double kFormCodeSize = 12;  // "Mẫu 2B-HD KĐ.ĐG 2025" at the top right, bold (our choice)

inline constexpr double kFirstLineIndentMm = 12.7;
inline constexpr double kParagraphAfterPt = 6;
inline constexpr double kSignatureGapMm = 25;  // room for the signature and the seal
inline constexpr double kCellPaddingPt = 3;

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double pt(double mm) { return mm * kPointsPerMm; }
inline constexpr int twips(double mm) { return static_cast<int>(mm * 1440.0 / 25.4 + 0.5); }

}  // namespace xeploai::documents::layout
