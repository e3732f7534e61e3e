#include "cli/documents_samples.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>

#include "export/docx.hpp"
#include "export/pdf.hpp"
#include "service/documents/documents.hpp"
#include "service/review/decisions.hpp"
#include "service/review/meetings.hpp"
#include "service/review/review.hpp"

namespace xeploai::cli {

namespace {

using service::Json;
using service::Principal;
using service::Role;

// One write transaction per service call, as the API runs them; an error rolls back and is returned with what
// was being done.
Result<Json> run_service(store::Database& db, const Principal& who, const std::string& what,
                   const std::function<Result<Json>(store::Transaction&, const service::Call&)>& f) {
  auto tx = db.begin(store::Access::write);
  service::Call call{who, "documents-samples"};
  auto r = f(*tx, call);
  if (!r) {
    Error e = std::move(r).error();
    e.message = what + ": " + e.message;
    for (const auto& d : e.details) e.message += fmt::format("; {}: {}", d.path, d.problem);
    return e;
  }
  tx->commit();
  return r;
}

std::optional<std::int64_t> one_int(store::Database& db, const std::string& sql, const store::Params& p = {}) {
  auto tx = db.begin(store::Access::read);
  auto r = tx->query_one(sql, p);
  if (!r || r->is_null(0)) return std::nullopt;
  return r->get_int(0);
}

// Texts of a plausible statement, per section key of the forms (workflow/forms.cpp); fictitious.
const std::map<std::string, std::string>& section_texts() {
  static const std::map<std::string, std::string> texts = {
      {"strengths",
       "Luôn giữ vững lập trường tư tưởng chính trị, tuyệt đối trung thành với Đảng; chấp hành nghiêm chủ trương, "
       "đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương.\nCó lối sống giản dị, "
       "trung thực; giữ mối quan hệ tốt với quần chúng nơi cư trú; tham gia đầy đủ sinh hoạt chi bộ."},
      {"leadership",
       "Chủ trì xây dựng và tổ chức thực hiện nghị quyết của chi bộ năm; phân công đảng viên phụ trách hộ gia đình; "
       "các chỉ tiêu chủ yếu của thôn đều đạt và vượt."},
      {"commitments", "Tiếp tục tu dưỡng, rèn luyện, giữ gìn phẩm chất đạo đức, lối sống; nêu gương trong gia đình."},
      {"limitations",
       "Có lúc chưa chủ động nắm bắt tâm tư của quần chúng; việc học tập nghị quyết chưa thường xuyên. Nguyên nhân "
       "chủ yếu là do bố trí thời gian chưa hợp lý."},
      {"remedy", "Hạn chế được chỉ ra năm trước về việc đóng đảng phí chậm đã được khắc phục."},
      {"hints", "Không có vấn đề được gợi ý kiểm điểm."},
      {"responsibility", "Chịu trách nhiệm cá nhân đối với những hạn chế của tập thể trong lĩnh vực được phân công."},
      {"direction",
       "Sắp xếp thời gian học tập nghị quyết; chủ động gặp gỡ, lắng nghe ý kiến nhân dân; hoàn thành tốt nhiệm vụ "
       "năm tới."},
  };
  return texts;
}

Json statement_body(const Json& form, std::int64_t version) {
  Json sections = Json::object();
  for (const auto& s : form["sections"]) {
    const auto key = s["key"].get<std::string>();
    auto it = section_texts().find(key);
    sections[key] = it != section_texts().end() ? it->second : "Nội dung: " + s["title_vi"].get<std::string>() + ".";
  }
  Json body = {{"version", version},
               {"sections", sections},
               {"tasks",
                {{{"title", "Vận động các hộ dân hiến đất mở rộng đường liên thôn"},
                  {"status", "completed_on_time"},
                  {"key", true},
                  {"evidence", {"https://hoabinhxanh.example/bien-ban-hien-dat"}}},
                 {{"title", "Phụ trách 15 hộ gia đình trong phong trào xây dựng khu dân cư văn hóa"},
                  {"status", "completed_on_time"},
                  {"exceeded", true},
                  {"evidence", {"https://hoabinhxanh.example/khu-dan-cu-van-hoa"}}}}},
               {"limitations", {{"identified", 1}, {"remedied", 1}}},
               {"proposed", "HTTNV"}};
  if (form.value("points", false)) {
    body["scores"] = {{"general", 27}, {"tasks", 60.5}};
  } else {
    Json ratings = Json::object();
    for (const auto& c : form["criteria"]) ratings[c.get<std::string>()] = "tot";
    body["ratings"] = ratings;
  }
  return body;
}

std::int64_t version_of(store::Database& db, std::int64_t subject) {
  return one_int(db, "SELECT version FROM review_subjects WHERE id = $1", store::params(subject)).value_or(0);
}

}  // namespace

Result<PlayedCell> play_demo_cell(store::Database& db, int year) {
  PlayedCell out;
  const auto commune = one_int(
      db, "SELECT id FROM units WHERE kind = 'grassroots_committee' AND name LIKE 'Đảng bộ xã %' ORDER BY id LIMIT 1");
  if (!commune) return Error::not_found("không có đảng bộ xã nào / the database holds no commune committee");
  Principal office;  // the commune's committee and its staff, and the cells' secretaries (account 0: no account row)
  office.username = "documents-samples";
  office.grants = {{Role::committee, *commune}, {Role::committee_staff, *commune}, {Role::cell_secretary, *commune}};
  auto cycle = run_service(db, office, "mở đợt / open the cycle", [&](store::Transaction& tx, const service::Call& call) {
    return service::review::open_cycle(tx, call, {{"unit_id", *commune}, {"year", year}});
  });
  if (!cycle) return std::move(cycle).error();
  out.cycle_id = (*cycle)["id"].get<std::int64_t>();

  // The cell with a 02A and a 02B subject and the fewest reviewed subjects: a short, complete sample.
  {
    auto tx = db.begin(store::Access::read);
    auto r = tx->query_one(
        "SELECT s.unit_id, u.name FROM review_subjects s JOIN units u ON u.id = s.unit_id WHERE s.cycle_id = $1 AND "
        "u.kind = 'cell' AND s.reviewed = 1 GROUP BY s.unit_id, u.name HAVING SUM(CASE WHEN s.form LIKE '02A%' THEN 1 "
        "ELSE 0 END) > 0 AND SUM(CASE WHEN s.form LIKE '02B%' THEN 1 ELSE 0 END) > 0 AND COUNT(*) >= 4 ORDER BY "
        "COUNT(*), s.unit_id LIMIT 1",
        store::params(out.cycle_id));
    if (!r)
      return Error::not_found("không có chi bộ nào có cả mẫu 02A và 02B / no cell has both a 02A and a 02B subject");
    out.cell_id = r->get_int(0);
    out.cell_name = r->get_text(1);
  }
  const auto chair =
      one_int(db,
              "SELECT person_id FROM posts WHERE unit_id = $1 AND is_head = 1 AND valid_to IS NULL ORDER BY id LIMIT 1",
              store::params(out.cell_id));
  const auto first = one_int(db, "SELECT MIN(id) FROM people WHERE unit_id = $1 AND status = 'active'",
                             store::params(out.cell_id));
  if (!first) return Error::not_found("chi bộ không có đảng viên / the cell has no members");
  const std::int64_t chair_id = chair.value_or(*first);
  // This year's review happens today (statements are dated at their submission, now); an earlier year's in December.
  const bool this_year = service::today().starts_with(std::to_string(year));
  const std::string meeting_date = this_year ? service::today() : fmt::format("{}-12-10", year);
  const std::string decision_date = this_year ? service::today() : fmt::format("{}-12-20", year);
  const auto secretary_id = one_int(db, "SELECT MIN(id) FROM people WHERE unit_id = $1 AND status = 'active' AND id <> $2",
                                    store::params(out.cell_id, chair_id));
  if (!secretary_id) return Error::not_found("chi bộ cần ít nhất hai đảng viên / the cell needs two members");
  auto meeting = run_service(db, office, "tạo hội nghị / create the meeting", [&](store::Transaction& tx, const service::Call& call) {
    return service::review::create_meeting(tx, call,
                                           {{"cycle_id", out.cycle_id},
                                            {"unit_id", out.cell_id},
                                            {"date", meeting_date},
                                            {"place", "Nhà văn hóa thôn"},
                                            {"chair_id", chair_id},
                                            {"secretary_id", *secretary_id}});
  });
  if (!meeting) return std::move(meeting).error();
  out.meeting_id = (*meeting)["id"].get<std::int64_t>();
  std::vector<std::int64_t> voters;
  for (const auto& a : (*meeting)["attendees"])
    if (a.value("voter", false)) voters.push_back(a["person_id"].get<std::int64_t>());

  // Every statement of the cell, entered and submitted by the secretary on the members' behalf.
  const Json subjects = (*meeting)["subjects"];
  for (const auto& s : subjects) {
    if (!s.value("reviewed", true) || s["state"] != "not_started") continue;
    const auto id = s["subject_id"].get<std::int64_t>();
    auto st = run_service(db, office, "đọc bản kiểm điểm / read the statement",
                    [&](store::Transaction& tx, const service::Call& call) {
                      return service::review::get_statement(tx, call, id);
                    });
    if (!st) return std::move(st).error();
    const Json form = (*st)["form"];
    if (auto r = run_service(db, office, "lưu / save", [&](store::Transaction& tx, const service::Call& call) {
          return service::review::save_statement(tx, call, id, statement_body(form, 0));
        });
        !r)
      return std::move(r).error();
    if (auto r = run_service(db, office, "nộp / submit", [&](store::Transaction& tx, const service::Call& call) {
          return service::review::submit_statement(tx, call, id, {{"version", 1}});
        });
        !r)
      return std::move(r).error();
  }

  // The meeting, in the order it lists the subjects (collective, head, deputies, members). The first member is
  // voted by secret ballot, each voter casting their own; the others by a show of hands.
  auto subject_version = [&](std::int64_t id) -> Result<std::int64_t> {
    auto m = run_service(db, office, "đọc hội nghị / read the meeting", [&](store::Transaction& tx, const service::Call& call) {
      return service::review::get_meeting(tx, call, out.meeting_id);
    });
    if (!m) return std::move(m).error();
    for (const auto& s : (*m)["subjects"])
      if (s["subject_id"] == id) return s["version"].get<std::int64_t>();
    return Error::not_found("subject not in the meeting");
  };
  using Step = std::function<Result<Json>(store::Transaction&, const service::Call&, std::int64_t, const Json&)>;
  auto step = [&](std::int64_t id, const std::string& what, const Step& f, Json body) -> Result<Json> {
    auto v = subject_version(id);
    if (!v) return std::move(v).error();
    body["version"] = *v;
    return run_service(db, office, what, [&](store::Transaction& tx, const service::Call& call) { return f(tx, call, id, body); });
  };
  static const char* const kComments[] = {"Đồng chí gương mẫu, nhiệt tình, sâu sát với bà con.",
                                          "Đề nghị đồng chí dành thêm thời gian học tập nghị quyết."};
  bool ballot_done = false;
  std::size_t n = 0;
  for (const auto& s : subjects) {
    if (!s.value("reviewed", true)) continue;
    const auto id = s["subject_id"].get<std::int64_t>();
    if (s.value("graded", false)) {
      Json record = Json::object();
      Json received = Json::array();
      for (const auto& req : s["required_comments"]) {
        Json c = {{"source", req["source"]}, {"text", "Gương mẫu, tham gia tốt các phong trào của khu dân cư."}};
        if (req.contains("unit_id") && !req["unit_id"].is_null()) c["unit_id"] = req["unit_id"];
        received.push_back(c);
      }
      record["received"] = received;
      if (s.value("civil_servant_grade_needed", false)) record["civil_servant_grade"] = "HTTNV";
      const bool member = s["kind"] == "member";
      if (member && voters.size() > 2) {
        const auto speaker = voters[(n + 1) % voters.size()];
        record["comments"] = {{{"speaker_id", speaker}, {"text", kComments[n % 2]}, {"criticism", n % 2 == 1}}};
      }
      const bool by_ballot = member && !ballot_done && s["rank"] == "member";
      if (by_ballot) record["vote_method"] = "secret_ballot";
      if (auto r = step(id, "ghi nhận / record", service::review::record_subject, record); !r) return std::move(r).error();
      if (by_ballot) {
        ballot_done = true;
        if (auto r = step(id, "mở bỏ phiếu / open the ballot", service::review::open_ballot, Json::object()); !r)
          return std::move(r).error();
        for (std::size_t i = 0; i < voters.size(); ++i) {
          Principal voter;
          voter.username = "voter";
          voter.person_id = voters[i];
          voter.grants = {{Role::member, out.cell_id}};
          // One voter of the cell prefers the higher grade: the tally shows counts, never who chose what.
          const char* grade = i == 0 ? "HTXSNV" : "HTTNV";
          if (auto r = run_service(db, voter, "bỏ phiếu / cast a ballot",
                             [&](store::Transaction& tx, const service::Call& call) {
                               return service::review::cast_ballot(tx, call, id, {{"grade", grade}});
                             });
              !r)
            return std::move(r).error();
        }
        if (auto r = step(id, "đóng bỏ phiếu / close the ballot", service::review::close_ballot, Json::object()); !r)
          return std::move(r).error();
      } else {
        const auto all = static_cast<std::int64_t>(voters.size());
        const Json tally = member && n % 3 == 2 ? Json{{"HTXSNV", 1}, {"HTTNV", all - 1}} : Json{{"HTTNV", all}};
        if (auto r = step(id, "biểu quyết / count the hands", service::review::record_tally,
                          {{"method", "show_of_hands"}, {"tally", tally}});
            !r)
          return std::move(r).error();
      }
      ++n;
    }
    if (auto r = step(id, "kết luận / conclude", service::review::conclude_subject, Json::object()); !r)
      return std::move(r).error();
  }
  auto version = one_int(db, "SELECT version FROM review_meetings WHERE id = $1", store::params(out.meeting_id));
  if (auto r = run_service(db, office, "bế mạc / close the meeting", [&](store::Transaction& tx, const service::Call& call) {
        return service::review::close_meeting(tx, call, out.meeting_id, {{"version", *version}});
      });
      !r)
    return std::move(r).error();

  // The commune proposes and decides the members' grades, then publishes them.
  std::vector<std::int64_t> members;
  for (const auto& s : subjects)
    if (s["kind"] == "member" && s.value("graded", false)) members.push_back(s["subject_id"].get<std::int64_t>());
  for (auto id : members) {
    const auto v = version_of(db, id);
    if (auto r = run_service(db, office, "đề xuất / propose", [&](store::Transaction& tx, const service::Call& call) {
          return service::review::propose(tx, call, id, {{"version", v}});
        });
        !r)
      return std::move(r).error();
  }
  std::string signer = "Bí thư Đảng ủy";
  {
    auto tx = db.begin(store::Access::read);
    if (auto r = tx->query_one("SELECT p.full_name FROM posts s JOIN people p ON p.id = s.person_id WHERE s.unit_id = "
                               "$1 AND s.is_head = 1 AND s.valid_to IS NULL ORDER BY s.id LIMIT 1",
                               store::params(*commune)))
      signer = r->get_text(0) + ", Bí thư";
  }
  auto decided = run_service(db, office, "quyết định / decide", [&](store::Transaction& tx, const service::Call& call) {
    return service::review::decide(tx, call, out.cycle_id,
                                   {{"unit_id", *commune},
                                    {"number", "15-QĐ/ĐU"},
                                    {"date", decision_date},
                                    {"signer", signer},
                                    {"body", "Xét đề nghị của " + out.cell_name + " và của Ban Tổ chức Đảng ủy,"},
                                    {"subject_ids", members}});
  });
  if (!decided) return std::move(decided).error();
  out.decision_id = (*decided)["id"].get<std::int64_t>();
  if (auto r = run_service(db, office, "công bố / publish", [&](store::Transaction& tx, const service::Call& call) {
        return service::review::publish(tx, call, out.decision_id, Json::object());
      });
      !r)
    return std::move(r).error();
  return out;
}

Result<std::vector<WrittenDocument>> write_cell_documents(store::Database& db, const std::filesystem::path& out) {
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return Error::invalid("không tạo được thư mục / cannot create " + out.string() + ": " + ec.message());
  auto tx = db.begin(store::Access::read);
  auto meeting = tx->query_one(
      "SELECT id, cycle_id, unit_id FROM review_meetings WHERE status = 'closed' ORDER BY closed_at DESC, id DESC");
  if (!meeting)
    return Error::not_found(
        "không có hội nghị nào đã bế mạc (dùng --play trên một bản sao của cơ sở dữ liệu mẫu) / no closed meeting "
        "(use --play on a scratch copy of the demo database)");
  const auto cycle = meeting->get_int(1), cell = meeting->get_int(2);
  auto subject = [&](const std::string& where) -> std::optional<std::int64_t> {
    auto r = tx->query_one("SELECT s.id FROM review_subjects s JOIN review_statements t ON t.subject_id = s.id AND "
                           "t.status = 'submitted' WHERE s.cycle_id = $1 AND s.unit_id = $2 AND " +
                               where + " ORDER BY s.id LIMIT 1",
                           store::params(cycle, cell));
    if (!r) return std::nullopt;
    return r->get_int(0);
  };
  const auto s2a = subject("s.form LIKE '02A%' AND s.place = 'cell'");
  const auto s2b = subject("s.form LIKE '02B%' AND s.place = 'cell'");
  const auto report = subject("s.kind = 'party_organization'");
  auto decision = tx->query_one(
      "SELECT MAX(d.id) FROM review_decisions d JOIN decision_grades g ON g.decision_id = d.id JOIN review_subjects s "
      "ON s.id = g.subject_id WHERE s.cycle_id = $1 AND s.unit_id = $2 AND d.published_at IS NOT NULL",
      store::params(cycle, cell));

  service::Principal reader;  // reads only: read_reviews over the whole tree
  reader.username = "documents";
  const auto root = tx->query_one("SELECT MIN(id) FROM units WHERE parent_id IS NULL");
  reader.grants = {{Role::organization_board, root ? root->get_int(0) : 1}};
  service::Call call{reader, "documents"};
  using Build = std::function<Result<service::docs::Built>()>;
  const std::pair<std::string, Build> wanted[] = {
      {"statement-2a", [&]() -> Result<service::docs::Built> {
         if (!s2a) return Error::not_found("no submitted 02A statement in the cell");
         return service::docs::statement_document(*tx, call, *s2a);
       }},
      {"statement-2b", [&]() -> Result<service::docs::Built> {
         if (!s2b) return Error::not_found("no submitted 02B statement in the cell");
         return service::docs::statement_document(*tx, call, *s2b);
       }},
      {"report-01", [&]() -> Result<service::docs::Built> {
         if (!report) return Error::not_found("no submitted report of the cell");
         return service::docs::statement_document(*tx, call, *report);
       }},
      {"minutes", [&] { return service::docs::minutes_document(*tx, call, meeting->get_int(0)); }},
      {"decision", [&]() -> Result<service::docs::Built> {
         if (!decision || decision->is_null(0)) return Error::not_found("no published decision for the cell");
         return service::docs::decision_document(*tx, call, decision->get_int(0));
       }},
      {"notification", [&]() -> Result<service::docs::Built> {
         if (!s2b) return Error::not_found("no 02B subject to notify");
         return service::docs::notification_document(*tx, call, *s2b);
       }},
  };
  std::vector<WrittenDocument> written;
  for (const auto& [name, build] : wanted) {
    auto doc = build();
    if (!doc) {
      std::fprintf(stderr, "%s\n", fmt::format("xeploai documents: {} bỏ qua / skipped: {}", name, doc.error().message).c_str());
      continue;
    }
    for (const char* ext : {".pdf", ".docx"}) {
      const auto path = out / (name + ext);
      auto ok = std::string(ext) == ".pdf" ? documents::write_pdf(doc->document, path)
                                           : documents::write_docx(doc->document, path);
      if (!ok) return std::move(ok).error();
      written.push_back({name + ext, path});
    }
  }
  return written;
}

}  // namespace xeploai::cli
