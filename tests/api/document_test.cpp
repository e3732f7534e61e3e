// The official documents from stored data, through the real server on SQLite and PostgreSQL: a small cycle is
// played through the API (statements, a meeting with a show of hands and a secret ballot, closed; a decision,
// published), every document is fetched over HTTP as PDF and DOCX and read with the real readers — pdftotext (the
// Vietnamese names and grades intact, NFC), pdffonts (Liberation Serif embedded), pdftoppm (every page renders),
// headless LibreOffice for the DOCX. Documents that do not exist yet answer 404 with a bilingual message, and
// another branch is refused.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "api/support/commune.hpp"
#include "api/support/review_flow.hpp"
#include "api/support/test_app.hpp"
#include "export/readers.hpp"
#include "service/org/units.hpp"
#include "text/text.hpp"

namespace xeploai::api::testing {
namespace {

namespace fs = std::filesystem;
using service::Role;
using xeploai::testing::quote;
using xeploai::testing::read_file;
using xeploai::testing::run;

class DocumentApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto units = seed_commune(*app_);
    commune_ = units.commune;
    cell_ = units.cells[0];
    other_ = units.other;
    hai_ = member("Nguyễn Văn Hải", "AH-01", "1970-03-08");
    lan_ = member("Trần Thị Lan", "AH-02", "1982-11-20");
    minh_ = member("Lê Văn Minh", "AH-03", "1990-01-05");
    anh_ = member("Phạm Thị Ngọc Ánh", "AH-04", "1995-07-30");
    on_ = member("Hoàng Văn Ơn", "AH-05", "1988-12-01");
    seed_post(*app_, hai_, cell_, "Bí thư chi bộ", true);
    app_->add_account("bch.xa", kPassword, commune_, {{Role::committee, commune_}});
    app_->add_account("vanphong.xa", kPassword, commune_, {{Role::committee_staff, commune_}});
    app_->add_account("bithu", kPassword, cell_, {{Role::cell_secretary, cell_}, {Role::member, cell_}}, hai_);
    app_->add_account("dv.lan", kPassword, cell_, {{Role::member, cell_}}, lan_);
    app_->add_account("dv.minh", kPassword, cell_, {{Role::member, cell_}}, minh_);
    app_->add_account("dv.anh", kPassword, cell_, {{Role::member, cell_}}, anh_);
    app_->add_account("dv.on", kPassword, cell_, {{Role::member, cell_}}, on_);
    app_->add_account("ngoai", kPassword, other_,
                      {{Role::administrator, other_}, {Role::committee, other_}, {Role::cell_secretary, other_}});
    dir_ = fs::temp_directory_path() /
           fmt::format("xeploai-document-test-{}-{}", ::getpid(), GetParam() == Backend::sqlite ? "sqlite" : "postgres");
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty() && std::getenv("XEPLOAI_KEEP_OUTPUT") == nullptr) fs::remove_all(dir_, ec);
  }

  std::int64_t member(const std::string& name, const std::string& card, const std::string& birth) {
    return seed_member(*app_, {.name = name, .cell = cell_, .card = card, .birth_date = birth});
  }

  std::int64_t query_int(const std::string& sql) {
    return app_->write([&](store::Transaction& tx) { return tx.query_one(sql)->get_int(0); });
  }
  std::int64_t review_of(std::int64_t person, const std::string& place = "cell") {
    return query_int(fmt::format("SELECT id FROM review_subjects WHERE person_id = {} AND place = '{}'", person, place));
  }

  // Saves and submits a complete statement (the secretary on the subject's behalf).
  void submit(HttpClient& secretary, std::int64_t review, const std::string& proposed = "HTTNV") {
    const auto path = "/api/v1/reviews/" + std::to_string(review) + "/statement";
    auto form = secretary.get(path).json()["form"];
    Json sections = Json::object();
    for (const auto& s : form["sections"])
      sections[s["key"].get<std::string>()] = "Nội dung mục " + s["title_vi"].get<std::string>() + ".";
    sections[form["sections"][0]["key"].get<std::string>()] =
        "Luôn giữ vững lập trường tư tưởng chính trị.\nGương mẫu chấp hành chủ trương của Đảng.";
    auto saved = secretary.put(path, {{"version", 0},
                                      {"sections", sections},
                                      {"scores", {{"general", 27}, {"tasks", 61.5}}},
                                      {"tasks",
                                       {{{"title", "Vận động hộ dân hiến đất làm đường liên thôn"},
                                         {"status", "completed_on_time"},
                                         {"key", true},
                                         {"evidence", {"https://anhoa.example/duong"}}}}},
                                      {"limitations", {{"identified", 2}, {"remedied", 1}}},
                                      {"proposed", proposed}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto submitted = secretary.post(path + "/submit", {{"version", 1}});
    ASSERT_EQ(submitted.status, 200) << submitted.body;
  }

  // POST /meetings: the cell's meeting on 10/12/2026, Hải chairing, Lan taking the minutes.
  HttpResponse convene(HttpClient& secretary) {
    return secretary.post("/api/v1/meetings", {{"cycle_id", cycle_},
                                               {"unit_id", cell_},
                                               {"date", "2026-12-10"},
                                               {"place", "Nhà văn hóa thôn Đông"},
                                               {"chair_id", hai_},
                                               {"secretary_id", lan_}});
  }

  // Plays the cycle: statements, the meeting (show of hands; Minh by secret ballot), closed; the members decided
  // and published by the commune. Fills the ids the tests read.
  void play_cycle() {
    auto committee = app_->login("bch.xa", kPassword);
    cycle_ = open_cycle(committee, commune_, 2026);
    ASSERT_NE(cycle_, 0);
    auto secretary = app_->login("bithu", kPassword);
    for (auto p : {hai_, lan_, minh_, anh_, on_}) submit(secretary, review_of(p));
    submit(secretary, review_of(hai_, "post"));

    auto created = convene(secretary);
    ASSERT_EQ(created.status, 201) << created.body;
    meeting_ = created.json()["id"].get<std::int64_t>();
    const auto meeting = "/api/v1/meetings/" + std::to_string(meeting_);
    for (const auto& s : created.json()["subjects"])
      if (s["rank"] == "collective") {
        collective_ = s["subject_id"].get<std::int64_t>();
        submit(secretary, collective_);
      }
    ASSERT_NE(collective_, 0) << created.body;

    auto version = [&](std::int64_t review) {
      return meeting_subject(secretary.get(meeting).json(), review)["version"];
    };
    auto act = [&](std::int64_t review, const std::string& what, Json body = Json::object()) {
      body["version"] = version(review);
      auto r = secretary.post("/api/v1/reviews/" + std::to_string(review) + "/meeting/" + what, body);
      EXPECT_EQ(r.status, 200) << what << " " << r.body;
      return r;
    };
    auto record = [&](std::int64_t review, Json body) {
      const auto current = meeting_subject(secretary.get(meeting).json(), review);
      Json received = Json::array();
      for (const auto& req : current["required_comments"]) {
        Json c = {{"source", req["source"]}, {"text", "Gia đình gương mẫu, tham gia tốt sinh hoạt khu dân cư"}};
        if (req.contains("unit_id") && !req["unit_id"].is_null()) c["unit_id"] = req["unit_id"];
        received.push_back(c);
      }
      body["received"] = received;
      body["version"] = current["version"];
      auto r = secretary.put("/api/v1/reviews/" + std::to_string(review) + "/meeting", body);
      EXPECT_EQ(r.status, 200) << r.body;
    };
    auto hands = [&](std::int64_t review, const Json& counts) {
      auto r = secretary.put("/api/v1/reviews/" + std::to_string(review) + "/meeting/tally",
                             {{"version", version(review)}, {"method", "show_of_hands"}, {"tally", counts}});
      EXPECT_EQ(r.status, 200) << r.body;
    };

    hands(collective_, {{"HTTNV", 5}});
    act(collective_, "conclude");
    record(review_of(hai_), {{"comments",
                              {{{"speaker_id", minh_}, {"text", "Đồng chí gương mẫu, sâu sát cơ sở."}},
                               {{"speaker_id", on_}, {"text", "Còn chậm đôn đốc thu đảng phí."}, {"criticism", true}}}}});
    hands(review_of(hai_), {{"HTXSNV", 1}, {"HTTNV", 4}});
    act(review_of(hai_), "conclude");
    act(review_of(hai_, "post"), "conclude");
    for (auto p : {lan_, anh_, on_}) {
      record(review_of(p), Json::object());
      hands(review_of(p), {{"HTTNV", 5}});
      act(review_of(p), "conclude");
    }
    // Minh: a secret ballot, each voter with their own account.
    const auto minh = review_of(minh_);
    record(minh, {{"comments", {{{"speaker_id", anh_}, {"text", "Đồng chí Minh hoàn thành tốt nhiệm vụ được giao."}}}},
                  {"vote_method", "secret_ballot"}});
    act(minh, "ballot/open");
    const auto ballot = "/api/v1/reviews/" + std::to_string(minh) + "/meeting/ballot";
    for (const char* user : {"bithu", "dv.lan", "dv.minh", "dv.anh", "dv.on"}) {
      auto voter = app_->login(user, kPassword);
      auto cast = voter.post(ballot, {{"grade", std::string(user) == "dv.on" ? "HTXSNV" : "HTTNV"}});
      ASSERT_EQ(cast.status, 200) << user << " " << cast.body;
    }
    act(minh, "ballot/close");
    act(minh, "conclude");
    auto closed = secretary.post(meeting + "/close", {{"version", secretary.get(meeting).json()["version"]}});
    ASSERT_EQ(closed.status, 200) << closed.body;

    auto staff = app_->login("vanphong.xa", kPassword);
    std::vector<std::int64_t> members;
    for (auto p : {hai_, lan_, minh_, anh_, on_}) {
      const auto review = review_of(p);
      members.push_back(review);
      auto v = query_int("SELECT version FROM review_subjects WHERE id = " + std::to_string(review));
      auto proposed = staff.post("/api/v1/reviews/" + std::to_string(review) + "/propose", {{"version", v}});
      ASSERT_EQ(proposed.status, 200) << proposed.body;
    }
    auto decided = committee.post("/api/v1/cycles/" + std::to_string(cycle_) + "/decisions",
                                  {{"unit_id", commune_},
                                   {"number", "12-QĐ/ĐU"},
                                   {"date", "2026-12-20"},
                                   {"signer", "Nguyễn Văn Thắng, Bí thư"},
                                   {"body", "Xét đề nghị của Chi bộ thôn Đông và Ban Tổ chức Đảng ủy,"},
                                   {"subject_ids", members}});
    ASSERT_EQ(decided.status, 201) << decided.body;
    decision_ = decided.json()["id"].get<std::int64_t>();
    auto published = publish_decision(committee, decision_);
    ASSERT_EQ(published.status, 200) << published.body;
  }

  // Fetches a document, checks the headers and saves it under `name`.
  fs::path fetch(HttpClient& client, const std::string& target, const std::string& name) {
    auto r = client.get(target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body.substr(0, 500);
    const bool pdf = target.ends_with(".pdf");
    EXPECT_EQ(r.header("content-type"),
              pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        << target;
    const std::string disposition = r.header("content-disposition");
    EXPECT_TRUE(disposition.starts_with("attachment; filename=\"")) << disposition;
    EXPECT_NE(disposition.find("filename*=UTF-8''"), std::string::npos) << disposition;
    for (unsigned char c : disposition) EXPECT_LT(c, 0x80) << "a header must be ASCII: " << disposition;
    EXPECT_TRUE(pdf ? r.body.starts_with("%PDF-") : r.body.starts_with("PK")) << target;
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << r.body;
    return path;
  }

  // pdftotext with line breaks and runs of spaces as one space (justified lines break phrases).
  static std::string pdf_words(const fs::path& pdf) {
    std::string raw;
    EXPECT_EQ(run("pdftotext -enc UTF-8 " + quote(pdf) + " -", &raw), 0) << raw;
    EXPECT_EQ(text::to_nfc(raw), raw) << "pdftotext gives text that is not NFC: " << pdf;
    return words(raw);
  }
  static std::string words(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '\n' || c == '\f' || c == '\r' || c == '\t') c = ' ';
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += c;
    }
    return out;
  }

  static void expect_fonts_embedded(const fs::path& pdf) {
    std::string out;
    ASSERT_EQ(run("pdffonts " + quote(pdf), &out), 0) << out;
    std::istringstream lines(out);
    std::string line;
    int fonts = 0;
    std::getline(lines, line);
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      ++fonts;
      EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << pdf << ": " << line;
      std::istringstream cols(line);
      std::vector<std::string> c;
      for (std::string w; cols >> w;) c.push_back(w);
      ASSERT_GE(c.size(), 7u) << line;
      EXPECT_EQ(c[c.size() - 5], "yes") << "not embedded: " << line;
    }
    EXPECT_GE(fonts, 2) << out;
  }

  static void expect_pages_render(const fs::path& pdf) {
    const fs::path prefix = dir_of(pdf) / (pdf.stem().string() + "-page");
    std::string out;
    ASSERT_EQ(run("pdftoppm -r 30 -gray " + quote(pdf) + " " + quote(prefix), &out), 0) << out;
    int rendered = 0;
    for (const auto& e : fs::directory_iterator(dir_of(pdf))) {
      const std::string n = e.path().filename().string();
      if (!n.starts_with(pdf.stem().string() + "-page")) continue;
      ++rendered;
      const std::string pgm = read_file(e.path());
      std::size_t dark = 0;
      for (std::size_t i = pgm.size() / 20; i < pgm.size(); ++i) dark += static_cast<unsigned char>(pgm[i]) < 128;
      EXPECT_GT(dark, 100u) << n << " is blank";
    }
    EXPECT_GE(rendered, 1) << pdf;
  }
  static fs::path dir_of(const fs::path& p) { return p.parent_path(); }

  static void expect_all(const std::string& text, const std::vector<std::string>& parts, const std::string& what) {
    for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << what << " lacks: " << p << "\n" << text;
  }

  std::unique_ptr<TestApp> app_;
  fs::path dir_;
  std::int64_t commune_ = 0, cell_ = 0, other_ = 0;
  std::int64_t hai_ = 0, lan_ = 0, minh_ = 0, anh_ = 0, on_ = 0;
  std::int64_t cycle_ = 0, meeting_ = 0, collective_ = 0, decision_ = 0;
};

TEST_P(DocumentApiTest, EveryDocumentOfAPlayedCycleReadsBackWithTheRealReaders) {
  XEPLOAI_REQUIRE_PROGRAMS("pdftotext", "pdffonts", "pdftoppm", "soffice");
  ASSERT_NO_FATAL_FAILURE(play_cycle());
  auto secretary = app_->login("bithu", kPassword);
  auto committee = app_->login("bch.xa", kPassword);
  auto minh = app_->login("dv.minh", kPassword);
  const auto review = [](std::int64_t id) { return "/api/v1/reviews/" + std::to_string(id); };
  const std::string form_minh =
      secretary.get(review(review_of(minh_)) + "/statement").json()["form"]["code"].get<std::string>();
  const std::string form_hai =
      secretary.get(review(review_of(hai_)) + "/statement").json()["form"]["code"].get<std::string>();
  const std::string form_cell =
      secretary.get(review(collective_) + "/statement").json()["form"]["code"].get<std::string>();
  EXPECT_EQ(form_minh, "02B-HD KĐ.ĐG 2025");
  EXPECT_EQ(form_cell, "01-HD KĐ.ĐG 2025");

  // The member reads their own statement and notification; the secretary and the committee the rest.
  std::vector<fs::path> pdfs, docxs;
  auto both = [&](HttpClient& c, const std::string& target, const std::string& name) {
    pdfs.push_back(fetch(c, target + ".pdf", name + ".pdf"));
    docxs.push_back(fetch(c, target + ".docx", name + ".docx"));
  };
  both(minh, review(review_of(minh_)) + "/statement", "statement-2b");
  both(secretary, review(review_of(hai_)) + "/statement", "statement-hai");
  both(secretary, review(collective_) + "/statement", "report-01");
  both(secretary, "/api/v1/meetings/" + std::to_string(meeting_) + "/minutes", "minutes");
  both(committee, "/api/v1/decisions/" + std::to_string(decision_) + "/document", "decision");
  both(minh, review(review_of(minh_)) + "/notification", "notification");
  if (::testing::Test::HasFailure()) return;

  // The Vietnamese file name, with its ASCII fallback.
  const auto named = minh.get(review(review_of(minh_)) + "/statement.pdf").header("content-disposition");
  EXPECT_EQ(named,
            "attachment; filename=\"ban-kiem-diem-le-van-minh-2026.pdf\"; "
            "filename*=UTF-8''B%E1%BA%A3n%20ki%E1%BB%83m%20%C4%91i%E1%BB%83m%20-%20L%C3%AA%20V%C4%83n%20Minh%20-%202026.pdf");

  const std::string common_heading[] = {"ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ XÃ AN HÒA"};
  // The member's statement (Mẫu 02B): heading, personal details, sections, the score table, the tasks, the
  // proposal, and the cell's and the commune's grades; signed by the member.
  const std::string statement = pdf_words(pdfs[0]);
  expect_all(statement,
             {common_heading[0], common_heading[1], "CHI BỘ THÔN ĐÔNG", "Mẫu " + form_minh, "BẢN KIỂM ĐIỂM CÁ NHÂN",
              "năm 2026", "Họ và tên: Lê Văn Minh", "Ngày sinh: 05/01/1990", "Sinh hoạt tại: Chi bộ thôn Đông",
              "A. NỘI DUNG KIỂM ĐIỂM", "Luôn giữ vững lập trường tư tưởng chính trị.",
              "Gương mẫu chấp hành chủ trương của Đảng.", "B. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", "Tổng cộng 100 88,5",
              "61,5", "Tự xếp loại: Hoàn thành tốt nhiệm vụ", "Vận động hộ dân hiến đất làm đường liên thôn",
              "Hoàn thành đúng tiến độ", "https://anhoa.example/",
              "Số hạn chế, khuyết điểm đã được chỉ ra: 2; đã khắc phục: 1.",
              "PHẦN ĐÁNH GIÁ, XẾP LOẠI CỦA CHI BỘ / CẤP CÓ THẨM QUYỀN",
              "Chi bộ đánh giá, đề nghị xếp loại: Hoàn thành tốt nhiệm vụ.",
              "Đảng bộ xã An Hòa quyết định xếp loại: Hoàn thành tốt nhiệm vụ (Quyết định số 12-QĐ/ĐU ngày 20/12/2026).",
              "NGƯỜI TỰ KIỂM ĐIỂM", "Lê Văn Minh"},
             "statement");
  EXPECT_EQ(statement.find("Nơi nhận"), std::string::npos);  // a statement is sent to no one
  EXPECT_EQ(statement.find("Số -"), std::string::npos) << "a statement has no number line";
  const std::string hai = pdf_words(pdfs[1]);
  expect_all(hai, {"Mẫu " + form_hai, "Họ và tên: Nguyễn Văn Hải", "Chức vụ: Bí thư chi bộ", "Nguyễn Văn Hải"},
             "the secretary's statement");

  // The cell's report (Mẫu 01), numbered blank, signed for the cell by its secretary.
  const std::string report = pdf_words(pdfs[2]);
  expect_all(report,
             {"Mẫu " + form_cell, "Số -", "BÁO CÁO", "kiểm điểm, đánh giá, xếp loại chất lượng năm 2026 của Chi bộ thôn Đông",
              "Tổng cộng", "Hội nghị kiểm điểm đánh giá, đề nghị xếp loại: Hoàn thành tốt nhiệm vụ.", "Nơi nhận:",
              "Đảng ủy xã An Hòa (để báo cáo)", "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn Hải"},
             "Mẫu 01");

  // The minutes: every line frozen at the close is in the document (the counts in the vote table), nothing of
  // who voted how (the minutes never had it), signed by the secretary and the chair.
  const std::string minutes = pdf_words(pdfs[3]);
  const auto frozen = secretary.get("/api/v1/meetings/" + std::to_string(meeting_) + "/minutes").json();
  ASSERT_EQ(frozen["frozen"], true);
  std::istringstream lines(frozen["text"].get<std::string>());
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    line = words(line);
    if (line.empty() || line.starts_with("BIÊN BẢN")) continue;
    if (line.starts_with("Đối tượng: ")) line = line.substr(std::string("Đối tượng: ").size());
    if (line.ends_with(" phiếu")) {  // "Hoàn thành tốt nhiệm vụ: 4 phiếu" -> the table row "Hoàn thành tốt nhiệm vụ 4"
      const auto colon = line.rfind(": ");
      line = line.substr(0, colon) + " " + line.substr(colon + 2, line.size() - colon - 2 - std::string(" phiếu").size());
    }
    EXPECT_NE(minutes.find(line), std::string::npos) << "minutes lack: " << line << "\n" << minutes;
    ++checked;
  }
  EXPECT_GT(checked, 20);
  expect_all(minutes,
             {"BIÊN BẢN", "hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2026", "CHI BỘ THÔN ĐÔNG",
              "Chủ trì: Nguyễn Văn Hải; thư ký: Trần Thị Lan", "Phê bình — Hoàng Văn Ơn: Còn chậm đôn đốc thu đảng phí.",
              "Hình thức: bỏ phiếu kín", "Mức xếp loại Số phiếu", "Hoàn thành xuất sắc nhiệm vụ 1",
              "Hoàn thành tốt nhiệm vụ 4", "Kết quả: đề nghị Hoàn thành tốt nhiệm vụ", "THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ",
              "Trần Thị Lan", "Biên bản được khóa lúc"},
             "minutes");

  // The decision: number, date, the organ, the articles, the table of grades, recipients and signer.
  const std::string decision = pdf_words(pdfs[4]);
  expect_all(decision,
             {common_heading[0], "ĐẢNG ỦY XÃ AN HÒA", "Số 12-QĐ/ĐU", "An Hòa, ngày 20 tháng 12 năm 2026", "QUYẾT ĐỊNH",
              "về việc xếp loại chất lượng đảng viên năm 2026", "Căn cứ Quy định số 366-QĐ/TW",
              "Xét đề nghị của Chi bộ thôn Đông", "QUYẾT ĐỊNH:", "Điều 1.", "STT Họ và tên / Tổ chức Đơn vị Mức xếp loại",
              "Nguyễn Văn Hải", "Trần Thị Lan", "Lê Văn Minh", "Phạm Thị Ngọc Ánh", "Hoàng Văn Ơn",
              "Hoàn thành tốt nhiệm vụ", "Điều 3.", "Nơi nhận:", "Như Điều 3", "BÍ THƯ", "Nguyễn Văn Thắng"},
             "decision");

  // The notification to Minh.
  const std::string notification = pdf_words(pdfs[5]);
  expect_all(notification,
             {"THÔNG BÁO", "kết quả xếp loại chất lượng năm 2026", "Kính gửi: Đồng chí Lê Văn Minh",
              "Căn cứ Quyết định số 12-QĐ/ĐU ngày 20/12/2026", "HOÀN THÀNH TỐT NHIỆM VỤ", "30 ngày", "Nguyễn Văn Thắng"},
             "notification");

  for (const auto& pdf : pdfs) {
    expect_fonts_embedded(pdf);
    expect_pages_render(pdf);
  }

  // DOCX through LibreOffice (one run for the six files).
  std::string log;
  xeploai::testing::soffice_convert(docxs, "txt:Text (encoded):UTF8", dir_, &log);
  auto docx_text = [&](std::size_t i) {
    const fs::path txt = fs::path(docxs[i]).replace_extension(".txt");
    EXPECT_TRUE(fs::exists(txt)) << log;
    std::string t = read_file(txt);
    if (t.starts_with("\xEF\xBB\xBF")) t = t.substr(3);
    return words(t);
  };
  expect_all(docx_text(0),
             {"ĐẢNG CỘNG SẢN VIỆT NAM", "Mẫu " + form_minh, "BẢN KIỂM ĐIỂM CÁ NHÂN", "Họ và tên: Lê Văn Minh",
              "Tự xếp loại: Hoàn thành tốt nhiệm vụ", "NGƯỜI TỰ KIỂM ĐIỂM", "Lê Văn Minh"},
             "statement.docx");
  expect_all(docx_text(1), {"Họ và tên: Nguyễn Văn Hải"}, "statement-hai.docx");
  expect_all(docx_text(2), {"BÁO CÁO", "T/M CHI BỘ", "Nguyễn Văn Hải"}, "report-01.docx");
  expect_all(docx_text(3),
             {"BIÊN BẢN", "Chủ trì: Nguyễn Văn Hải; thư ký: Trần Thị Lan", "Hình thức: bỏ phiếu kín", "THƯ KÝ",
              "CHỦ TRÌ HỘI NGHỊ"},
             "minutes.docx");
  expect_all(docx_text(4),
             {"Số 12-QĐ/ĐU", "QUYẾT ĐỊNH", "Phạm Thị Ngọc Ánh", "Hoàng Văn Ơn", "Hoàn thành tốt nhiệm vụ",
              "Nguyễn Văn Thắng"},
             "decision.docx");
  expect_all(docx_text(5), {"THÔNG BÁO", "Kính gửi: Đồng chí Lê Văn Minh", "HOÀN THÀNH TỐT NHIỆM VỤ"},
             "notification.docx");
}

TEST_P(DocumentApiTest, ADocumentThatDoesNotExistYetIsNotFoundAndAnotherBranchIsRefused) {
  auto committee = app_->login("bch.xa", kPassword);
  cycle_ = open_cycle(committee, commune_, 2026);
  ASSERT_NE(cycle_, 0);
  auto secretary = app_->login("bithu", kPassword);
  auto own = app_->login("dv.minh", kPassword);
  auto neighbour = app_->login("dv.anh", kPassword);
  auto outsider = app_->login("ngoai", kPassword);
  const auto minh = "/api/v1/reviews/" + std::to_string(review_of(minh_));

  // Not submitted: no statement to print, and no grade to notify.
  for (const char* ext : {".pdf", ".docx"}) {
    auto r = secretary.get(minh + "/statement" + ext);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_NE(r.body.find("chưa được nộp"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("has not been submitted"), std::string::npos) << r.body;
    auto n = secretary.get(minh + "/notification" + ext);
    EXPECT_EQ(n.status, 404) << n.body;
    EXPECT_NE(n.body.find("chưa được công bố"), std::string::npos) << n.body;
    EXPECT_NE(n.body.find("not published yet"), std::string::npos) << n.body;
  }
  EXPECT_EQ(outsider.get(minh + "/statement.pdf").status, 403);
  // A meeting still open: its minutes are not final.
  for (auto p : {hai_, lan_, minh_, anh_, on_}) submit(secretary, review_of(p));
  auto created = convene(secretary);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto minutes = "/api/v1/meetings/" + std::to_string(created.json()["id"].get<std::int64_t>()) + "/minutes";
  auto open = secretary.get(minutes + ".pdf");
  EXPECT_EQ(open.status, 404) << open.body;
  EXPECT_NE(open.body.find("chưa bế mạc"), std::string::npos) << open.body;
  EXPECT_NE(open.body.find("is not closed yet"), std::string::npos) << open.body;
  const auto audit_before = app_->count_rows("audit_log");
  // A decision never stored; a malformed id.
  EXPECT_EQ(committee.get("/api/v1/decisions/987654/document.pdf").status, 404);
  EXPECT_EQ(committee.get("/api/v1/decisions/abc/document.docx").status, 400);

  // Now submitted: the member reads theirs; another member of the cell and another branch do not.
  EXPECT_EQ(own.get(minh + "/statement.pdf").status, 200);
  EXPECT_EQ(neighbour.get(minh + "/statement.pdf").status, 403);
  for (const std::string& target : {minh + "/statement.pdf", minh + "/statement.docx", minutes + ".pdf"}) {
    auto r = outsider.get(target);
    EXPECT_TRUE(r.status == 403 || r.status == 404) << target << " " << r.status;
  }
  EXPECT_EQ(app_->client().get(minh + "/statement.pdf").status, 401);
  EXPECT_EQ(app_->count_rows("audit_log"), audit_before);  // reads are not audited and change nothing
}

TEST_P(DocumentApiTest, A124StatementPrintsItsFormAndTheRatingsPerCriterion) {
  XEPLOAI_REQUIRE_PROGRAMS("pdftotext");
  auto committee = app_->login("bch.xa", kPassword);
  auto opened = committee.post("/api/v1/cycles", {{"unit_id", commune_}, {"year", 2024}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["ruleset"], "qd124-2023");
  auto secretary = app_->login("bithu", kPassword);
  const auto path = "/api/v1/reviews/" + std::to_string(review_of(minh_)) + "/statement";
  const Json form = secretary.get(path).json()["form"];
  ASSERT_EQ(form["points"], false) << form;
  Json sections = Json::object(), ratings = Json::object();
  for (const auto& s : form["sections"]) sections[s["key"].get<std::string>()] = "Nội dung năm 2024.";
  for (const auto& c : form["criteria"]) ratings[c.get<std::string>()] = "tot";
  ratings[form["criteria"][0].get<std::string>()] = "xuat_sac";
  auto saved = secretary.put(path, {{"version", 0}, {"sections", sections}, {"ratings", ratings}, {"proposed", "HTTNV"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(secretary.post(path + "/submit", {{"version", 1}}).status, 200);
  const auto pdf = fetch(secretary, path + ".pdf", "statement-124.pdf");
  const std::string text = pdf_words(pdf);
  expect_all(text,
             {"Mẫu " + form["code"].get<std::string>(), "năm 2024", "I. Tự đánh giá theo tiêu chí", "Tiêu chí",
              "Mức tự đánh giá", "Xuất sắc", "Tốt", "Tự xếp loại: Hoàn thành tốt nhiệm vụ", "Lê Văn Minh"},
             "124 statement");
  EXPECT_EQ(text.find("Tự chấm điểm"), std::string::npos) << "a 124 statement has no points";
  EXPECT_EQ(text.find("Tổng cộng"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
