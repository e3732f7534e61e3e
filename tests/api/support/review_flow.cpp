#include "api/support/review_flow.hpp"

#include <gtest/gtest.h>

namespace xeploai::api::testing {

namespace {

std::string review_path(std::int64_t review) { return "/api/v1/reviews/" + std::to_string(review); }

// The text of a received comment, by source (what the writing unit would send).
std::string received_text(const std::string& source) {
  if (source == "residence") return "Gia đình gương mẫu, tham gia tốt sinh hoạt khu dân cư";
  if (source == "previous_cell") return "Trong thời gian sinh hoạt tại chi bộ, đồng chí hoàn thành tốt nhiệm vụ";
  return "Đồng chí tham gia đầy đủ sinh hoạt chi bộ nơi sinh hoạt tạm thời";
}

}  // namespace

Json complete_statement(const Json& form, std::int64_t version, const std::string& proposed, Strength strength) {
  Json sections = Json::object();
  for (const auto& s : form["sections"])
    sections[s["key"].get<std::string>()] = "Nội dung " + s["key"].get<std::string>();
  const bool strong = strength == Strength::strong;
  Json task = {{"title", "Vận động hộ dân hiến đất làm đường"},
               {"status", "completed_on_time"},
               {"evidence", {"https://xa.example/bao-cao-duong"}}};
  if (strong) {
    task["exceeded"] = true;
    task["key"] = true;
  }
  Json out = {{"version", version},
              {"sections", sections},
              {"tasks", Json::array({task})},
              {"limitations", strong ? Json{{"identified", 1}, {"remedied", 1}} : Json{{"identified", 0}}},
              {"proposed", proposed}};
  if (form["points"] == true) {  // 366: 30 + 70 points
    out["scores"] = strong ? Json{{"general", 29}, {"tasks", 66}} : Json{{"general", 27}, {"tasks", 62}};
  } else {  // 124, 132: a rating of every criterion
    Json ratings = Json::object();
    for (const auto& c : form["criteria"]) ratings[c.get<std::string>()] = strong ? "xuat_sac" : "tot";
    out["ratings"] = ratings;
  }
  return out;
}

HttpResponse submit_statement(HttpClient& who, std::int64_t review, const std::string& proposed, Strength strength) {
  const auto path = review_path(review) + "/statement";
  auto got = who.get(path);
  if (got.status != 200) {
    ADD_FAILURE() << "GET " << path << ": " << got.status << " " << got.body;
    return got;
  }
  auto saved = who.put(path, complete_statement(got.json()["form"], 0, proposed, strength));
  if (saved.status != 200) {
    ADD_FAILURE() << "PUT " << path << ": " << saved.status << " " << saved.body;
    return saved;
  }
  auto submitted = who.post(path + "/submit", {{"version", saved.json()["version"]}});
  EXPECT_EQ(submitted.status, 200) << "submit " << path << ": " << submitted.body;
  return submitted;
}

HttpResponse propose(HttpClient& appraiser, std::int64_t review, const Json& extra) {
  auto current = appraiser.get(review_path(review));
  if (current.status != 200) {
    ADD_FAILURE() << "GET review " << review << ": " << current.status << " " << current.body;
    return current;
  }
  Json body = extra;
  body["version"] = current.json()["version"];
  auto r = appraiser.post(review_path(review) + "/propose", body);
  EXPECT_EQ(r.status, 200) << "propose " << review << ": " << r.body;
  return r;
}

// ---- MeetingSession ----------------------------------------------------------------------------------------------

MeetingSession::MeetingSession(HttpClient& secretary, const MeetingSetup& setup) : secretary_(secretary) {
  auto created = secretary_.post("/api/v1/meetings", {{"cycle_id", setup.cycle_id},
                                                      {"unit_id", setup.unit_id},
                                                      {"date", setup.date},
                                                      {"place", setup.place},
                                                      {"chair_id", setup.chair_id},
                                                      {"secretary_id", setup.secretary_id}});
  if (created.status == 201) {
    id_ = created.json()["id"].get<std::int64_t>();
  } else if (created.status == 409) {  // the unit has its meeting: hold the same one
    auto listed = secretary_.get("/api/v1/meetings?cycle_id=" + std::to_string(setup.cycle_id) +
                                 "&unit_id=" + std::to_string(setup.unit_id));
    if (listed.status == 200 && !listed.json()["items"].empty())
      id_ = listed.json()["items"][0]["id"].get<std::int64_t>();
  }
  EXPECT_NE(id_, 0) << "meeting of unit " << setup.unit_id << ": " << created.body;
  path_ = "/api/v1/meetings/" + std::to_string(id_);
}

Json MeetingSession::get() {
  auto r = secretary_.get(path_);
  EXPECT_EQ(r.status, 200) << path_ << ": " << r.body;
  return r.json();
}

HttpResponse publish_decision(HttpClient& committee, std::int64_t decision) {
  return committee.post("/api/v1/decisions/" + std::to_string(decision) + "/publish", Json::object());
}

HttpResponse publish_decision(HttpClient& committee, const HttpResponse& decided) {
  return publish_decision(committee, decided.json()["id"].get<std::int64_t>());
}

Json meeting_subject(const Json& meeting, std::int64_t review) {
  for (const auto& s : meeting["subjects"])
    if (s["subject_id"] == review) return s;
  return nullptr;
}

Json MeetingSession::subject(std::int64_t review) { return meeting_subject(get(), review); }

int MeetingSession::voters() {
  int n = 0;
  const Json meeting = get();
  for (const auto& a : meeting["attendees"]) n += a["voter"] == true && a["presence"] == "present";
  return n;
}

HttpResponse MeetingSession::record(std::int64_t review, Json body) {
  body["version"] = subject(review)["version"];
  return secretary_.put(review_path(review) + "/meeting", body);
}

HttpResponse MeetingSession::act(std::int64_t review, const std::string& action, Json body) {
  body["version"] = subject(review)["version"];
  return secretary_.post(review_path(review) + "/meeting/" + action, body);
}

HttpResponse MeetingSession::tally(std::int64_t review, const Json& counts, const std::string& method) {
  return secretary_.put(review_path(review) + "/meeting/tally",
                        {{"version", subject(review)["version"]}, {"method", method}, {"tally", counts}});
}

HttpResponse MeetingSession::attendance(const Json& attendees) {
  return secretary_.put(path_ + "/attendance", {{"version", get()["version"]}, {"attendees", attendees}});
}

HttpResponse MeetingSession::close() { return secretary_.post(path_ + "/close", {{"version", get()["version"]}}); }

HttpResponse MeetingSession::record_requirements(std::int64_t review, const Json& extra,
                                                 const std::string& civil_servant_grade) {
  const Json s = subject(review);
  if (s.is_null()) {
    ADD_FAILURE() << "review " << review << " is not on meeting " << id_ << "'s agenda";
    return HttpResponse{};
  }
  Json body = extra;
  if (!body.contains("received")) {
    Json received = Json::array();
    for (const auto& need : s["required_comments"]) {
      const auto source = need["source"].get<std::string>();
      received.push_back({{"source", source}, {"text", received_text(source)}});
    }
    if (!received.empty()) body["received"] = received;
  }
  if (s["civil_servant_grade_needed"] == true && !body.contains("civil_servant_grade"))
    body["civil_servant_grade"] = civil_servant_grade;
  if (body.empty()) {  // nothing to record: the subject as it stands
    HttpResponse unchanged;
    unchanged.status = 200;
    unchanged.body = s.dump();
    return unchanged;
  }
  auto r = record(review, body);
  EXPECT_EQ(r.status, 200) << "record review " << review << ": " << r.body;
  return r;
}

HttpResponse MeetingSession::review_by_show_of_hands(std::int64_t review, const std::string& grade, const Json& extra,
                                                     const std::string& civil_servant_grade) {
  auto recorded = record_requirements(review, extra, civil_servant_grade);
  if (recorded.status != 200) return recorded;
  if (subject(review)["graded"] == true) {
    auto counted = tally(review, {{grade, voters()}});
    if (counted.status != 200) {
      ADD_FAILURE() << "tally review " << review << ": " << counted.body;
      return counted;
    }
  }
  auto concluded = act(review, "conclude");
  EXPECT_EQ(concluded.status, 200) << "conclude review " << review << ": " << concluded.body;
  return concluded;
}

HttpResponse MeetingSession::review_by_secret_ballot(std::int64_t review,
                                                     const std::vector<std::pair<HttpClient*, Json>>& ballots,
                                                     const Json& extra) {
  Json body = extra;
  body["vote_method"] = "secret_ballot";
  auto recorded = record_requirements(review, body, "HTTNV");
  if (recorded.status != 200) return recorded;
  auto opened = act(review, "ballot/open");
  if (opened.status != 200) {
    ADD_FAILURE() << "open the ballot on review " << review << ": " << opened.body;
    return opened;
  }
  for (const auto& [voter, grade] : ballots) {
    auto cast = voter->post(review_path(review) + "/meeting/ballot", {{"grade", grade}});
    if (cast.status != 200) {
      ADD_FAILURE() << "a ballot on review " << review << ": " << cast.body;
      return cast;
    }
  }
  auto closed = act(review, "ballot/close");
  if (closed.status != 200) {
    ADD_FAILURE() << "close the ballot on review " << review << ": " << closed.body;
    return closed;
  }
  auto concluded = act(review, "conclude");
  EXPECT_EQ(concluded.status, 200) << "conclude review " << review << ": " << concluded.body;
  return concluded;
}

}  // namespace xeploai::api::testing
