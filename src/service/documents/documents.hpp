#pragma once
// The official documents of a review, built from what is stored (issue 6; docs/documents.md has a section per
// document): the individual statement (Mẫu 02A/02B/02C of 43-HD, 02A/02B of 25-HD, Mẫu 02 of 21-HD) or the
// collective report (Mẫu 01) of a subject, the meeting minutes from the text frozen at the close, the decision with
// its list of grades, and the notification of a published grade to one subject. Each is a documents::Document that
// export/pdf.hpp and export/docx.hpp render.
//
// Reads only, scoped exactly like the JSON each comes from (the statement and the review: the subject or
// read_reviews on its unit; the meeting: read_reviews or an attendee; the decision: read_reviews on the deciding
// unit). A document that does not exist yet (a statement not submitted, a meeting not closed, a grade not
// published) is 404 with a bilingual message that says what is missing.
#include <cstdint>
#include <string>

#include "export/document.hpp"
#include "service/org/common.hpp"

namespace xeploai::service::docs {

struct Built {
  xeploai::documents::Document document;
  std::string file_stem;        // the download name without extension, Vietnamese: "Bản kiểm điểm - Lê Văn Minh - 2026"
  std::string ascii_file_stem;  // the same without diacritics, for the plain filename="…": "ban-kiem-diem-le-van-minh-2026"
};

// The statement of review subject `subject_id`: a member's Bản kiểm điểm cá nhân, or a collective's Mẫu 01 report.
Result<Built> statement_document(store::Transaction& tx, const Call& call, std::int64_t subject_id);
// The minutes (Biên bản) of a closed meeting, from the text frozen at its close.
Result<Built> minutes_document(store::Transaction& tx, const Call& call, std::int64_t meeting_id);
// The decision (Quyết định) with its articles and the table of grades.
Result<Built> decision_document(store::Transaction& tx, const Call& call, std::int64_t decision_id);
// The notification (Thông báo) of the published grade of review subject `subject_id`, from its latest published
// decision.
Result<Built> notification_document(store::Transaction& tx, const Call& call, std::int64_t subject_id);

// Helpers shared with the tests and the samples command.
// "Đảng bộ xã An Hòa" -> "Đảng ủy xã An Hòa", "Đảng bộ huyện Yên Sơn" -> "Huyện ủy Yên Sơn", "Đảng bộ tỉnh X" ->
// "Tỉnh ủy X": the committee that issues documents in the name of a party organization.
std::string committee_name(const std::string& unit_name);
// "Đảng bộ xã An Hòa" -> "An Hòa", "Chi bộ thôn Đông" -> "Đông": the place in the "…, ngày … tháng … năm …" line.
std::string place_name(const std::string& unit_name);
// Upper case under Vietnamese rules ("Đảng ủy" -> "ĐẢNG ỦY").
std::string upper_vi(const std::string& s);

}  // namespace xeploai::service::docs
