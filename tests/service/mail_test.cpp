// E-mail reminders on SQLite and PostgreSQL against a real SMTP receiver on loopback (support/smtp_sink.py, started
// by the test): the reminder reaches the right address with its Vietnamese subject and UTF-8 body, a second run sends
// nothing new, an unreachable server leaves the message queued with its error, and nothing happens unconfigured.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "service/auth/accounts.hpp"
#include "service/mail/mail.hpp"
#include "service/review/review.hpp"
#include "service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

namespace fs = std::filesystem;

// The Python SMTP receiver, writing each message it accepts as JSON into a fresh directory.
class SmtpSink {
 public:
  SmtpSink() {
    dir_ = fs::temp_directory_path() / ("xeploai-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(++count_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string cmd =
        "exec python3 " + std::string(XEPLOAI_SOURCE_DIR) + "/tests/service/support/smtp_sink.py " + dir_.string();
    pipe_ = ::popen(cmd.c_str(), "r");
    if (!pipe_ || std::fscanf(pipe_, "%d %d", &port_, &pid_) != 2) port_ = 0;
  }
  ~SmtpSink() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    if (pipe_) ::pclose(pipe_);
    fs::remove_all(dir_);
  }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The messages received so far, in arrival order.
  std::vector<Json> messages() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Json> out;
    for (const auto& f : files) out.push_back(Json::parse(std::ifstream(f)));
    return out;
  }

 private:
  static inline int count_ = 0;
  fs::path dir_;
  FILE* pipe_ = nullptr;
  int port_ = 0;
  int pid_ = 0;
};

// A loopback port with nothing listening on it.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

class MailTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped()) return;
    commune_ = unit("grassroots_committee", "Đảng bộ xã An Hòa", "AH", province_);
    cell_ = unit("cell", "Chi bộ thôn Đông", "AH-D", commune_);
    an_ = member("Nguyễn Văn An", "AH-01");
    binh_ = member("Trần Thị Bình", "AH-02");
    chi_ = member("Lê Thị Chi", "AH-03");
    account("nguyen.van.an", "Nguyễn Văn An", an_, "An.Nguyen@Example.VN", {});
    account("tran.thi.binh", "Trần Thị Bình", binh_, std::nullopt, {});  // no address: no e-mail
    account("bi.thu", "Bí thư chi bộ thôn Đông", std::nullopt, "bithu@example.vn", {{Role::cell_secretary, cell_}});
    Principal committee;
    committee.username = "bch.xa";
    committee.grants = {{Role::committee, commune_}};
    auto cycle = write([&](store::Transaction& tx) {
      return review::open_cycle(tx, call_as(committee), {{"unit_id", commune_}, {"year", 2026}});
    });
    ASSERT_TRUE(cycle.ok()) << describe(cycle.error());
    // Chi has submitted: her next step is the cell's meeting (12/12), the secretary's to hold.
    auto tx = db_->begin();
    tx->execute("UPDATE review_subjects SET state = 'submitted' WHERE person_id = $1", store::params(chi_));
    tx->commit();
  }

  std::int64_t member(const std::string& name, const std::string& card) {
    auto r = write([&](store::Transaction& tx) {
      return people::create_person(tx, call(),
                                   {{"full_name", name},
                                    {"unit_id", cell_},
                                    {"card_number", card},
                                    {"status", "active"},
                                    {"admitted_on", "2010-03-02"},
                                    {"joined_on", "2015-01-01"}});
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error()));
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }
  void account(const std::string& username, const std::string& name, std::optional<std::int64_t> person,
               std::optional<std::string> email, std::vector<RoleGrant> grants) {
    auth::NewAccount a;
    a.username = username;
    a.display_name = name;
    a.password_hash = "$argon2id$not-used";
    a.person_id = person;
    a.home_unit_id = commune_;
    a.grants = std::move(grants);
    a.email = std::move(email);
    auto r = write([&](store::Transaction& tx) { return auth::create_account(tx, nullptr, a); });
    ASSERT_TRUE(r.ok()) << describe(r.error());
  }
  mail::Settings settings(const std::string& url) {
    mail::Settings s;
    s.url = url;
    s.from = "xeploai@example.vn";
    s.days_before = 10;
    s.timeout_seconds = 10;
    return s;
  }

  std::int64_t commune_ = 0, cell_ = 0, an_ = 0, binh_ = 0, chi_ = 0;
};

TEST_P(MailTest, RemindersArriveOnceWithRecipientSubjectAndUtf8Body) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "the SMTP receiver did not start (python3 with smtpd or aiosmtpd)";
  auto first = mail::run_reminders(*db_, settings(sink.url()), "2026-12-03");
  ASSERT_TRUE(first.ok()) << describe(first.error());
  EXPECT_EQ(first->queued, 2) << "An's self-review and the secretary's meeting; Bình has no address";
  EXPECT_EQ(first->delivery.sent, 2);
  EXPECT_EQ(first->delivery.failed, 0);

  auto got = sink.messages();
  ASSERT_EQ(got.size(), 2u);
  const Json* to_an = nullptr;
  const Json* to_secretary = nullptr;
  for (const auto& m : got) {
    if (m["rcpt_to"] == Json::array({"An.Nguyen@example.vn"})) to_an = &m;
    if (m["rcpt_to"] == Json::array({"bithu@example.vn"})) to_secretary = &m;
    EXPECT_EQ(m["mail_from"], "xeploai@example.vn");
    EXPECT_EQ(m["content_type"], "text/plain");
    EXPECT_EQ(m["charset"], "utf-8");
  }
  ASSERT_TRUE(to_an) << got.front().dump();
  ASSERT_TRUE(to_secretary) << got.back().dump();
  EXPECT_EQ((*to_an)["subject"], "Nhắc hạn nộp bản tự kiểm điểm năm 2026: 05/12/2026 / Self-review due 2026-12-05");
  const std::string body = (*to_an)["body"];
  EXPECT_EQ(body.find("Kính gửi đồng chí Nguyễn Văn An,"), 0u) << body;
  EXPECT_NE(body.find("tại Chi bộ thôn Đông cần được nộp chậm nhất ngày 05/12/2026 (còn 2 ngày)"), std::string::npos)
      << body;
  // Vietnamese first, English below.
  EXPECT_LT(body.find("Kính gửi"), body.find("Dear Nguyễn Văn An"));
  EXPECT_NE(body.find("is due by 2026-12-05 (2 days left)"), std::string::npos) << body;
  const std::string meeting = (*to_secretary)["body"];
  EXPECT_NE(std::string((*to_secretary)["subject"]).find("Nhắc hạn hội nghị kiểm điểm Chi bộ thôn Đông năm 2026"),
            std::string::npos);
  EXPECT_NE(meeting.find("Lê Thị Chi"), std::string::npos) << meeting;
  EXPECT_EQ(meeting.find("Nguyễn Văn An\n"), std::string::npos) << "An has not submitted: not yet the meeting's";

  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND attempts = 1 AND last_error IS NULL"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'mail.queue_reminders'"), 1);

  // Again the same day and the next: the same reminders are not queued or sent again.
  for (const char* day : {"2026-12-03", "2026-12-04"}) {
    auto again = mail::run_reminders(*db_, settings(sink.url()), day);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->queued, 0) << day;
    EXPECT_EQ(again->delivery.sent, 0) << day;
  }
  EXPECT_EQ(sink.messages().size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 2);
}

TEST_P(MailTest, UnreachableServerLeavesTheMessagesQueuedWithTheErrorForTheNextRun) {
  auto down = mail::run_reminders(*db_, settings("smtp://127.0.0.1:" + std::to_string(closed_port())), "2026-12-03");
  ASSERT_TRUE(down.ok()) << describe(down.error());
  EXPECT_EQ(down->queued, 2);
  EXPECT_EQ(down->delivery.sent, 0);
  EXPECT_EQ(down->delivery.failed, 1) << "the run stops at the first connection failure";
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL"), 2);
  auto tx = db_->begin(store::Access::read);
  auto failed = tx->query_one("SELECT attempts, last_error FROM mail_outbox WHERE last_error IS NOT NULL");
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->get_int(0), 1);
  EXPECT_NE(failed->get_text(1).find("SMTP smtp://127.0.0.1:"), std::string::npos) << failed->get_text(1);
  EXPECT_NE(failed->get_text(1).find("connect"), std::string::npos) << failed->get_text(1);
  tx.reset();

  // The server is back: the queued messages go out, each once.
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0);
  auto up = mail::run_reminders(*db_, settings(sink.url()), "2026-12-03");
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->queued, 0);
  EXPECT_EQ(up->delivery.sent, 2);
  EXPECT_EQ(sink.messages().size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND last_error IS NULL"), 2);
}

TEST_P(MailTest, NothingIsQueuedOrSentWhenMailIsNotConfigured) {
  auto r = mail::run_reminders(*db_, settings(""), "2026-12-03");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->queued, 0);
  EXPECT_EQ(r->delivery.sent + r->delivery.failed, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
}

TEST_P(MailTest, OutsideTheWindowOrForDisabledAccountsNothingIsQueued) {
  // 12 days before the self-review deadline: not yet.
  auto early = write([&](store::Transaction& tx) { return mail::queue_reminders(tx, 3, "2026-11-23", 1); });
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(*early, 0);
  auto tx = db_->begin();
  tx->execute("UPDATE accounts SET disabled = 1");
  tx->commit();
  auto none = write([&](store::Transaction& tx) { return mail::queue_reminders(tx, 10, "2026-12-03", 1); });
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  auto bad = write([&](store::Transaction& tx) { return mail::queue_reminders(tx, 10, "3/12/2026", 1); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details.at(0).path, "today");
}

TEST_P(MailTest, AccountAddressesAreCheckedNormalizedAndCleared) {
  for (const char* wrong : {"an", "an@", "@example.vn", "an@localhost", "an nguyen@example.vn", "an@ví-dụ.vn",
                            "an..b@example.vn", "an@example..vn"}) {
    auto r = auth::normalize_email(wrong);
    ASSERT_FALSE(r.ok()) << wrong;
    EXPECT_EQ(r.error().details.at(0).path, "email") << wrong;
  }
  EXPECT_EQ(*auth::normalize_email("  Chi.Le+review@Mail.Example.VN "), "Chi.Le+review@mail.example.vn");
  auth::NewAccount a;
  a.username = "le.thi.chi";
  a.display_name = "Lê Thị Chi";
  a.password_hash = "$argon2id$not-used";
  a.home_unit_id = commune_;
  a.email = "chi@@example.vn";
  const auto before = count("SELECT COUNT(*) FROM accounts");
  auto refused = write([&](store::Transaction& tx) { return auth::create_account(tx, nullptr, a); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at(0).path, "email");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), before);
  a.email = "chi@example.vn";
  auto created = write([&](store::Transaction& tx) { return auth::create_account(tx, nullptr, a); });
  ASSERT_TRUE(created.ok()) << describe(created.error());
  EXPECT_EQ(auth::to_json(*created)["email"], "chi@example.vn");
  auth::AccountChanges clear;
  clear.version = created->version;
  clear.email = std::optional<std::string>{};
  auto cleared =
      write([&](store::Transaction& tx) { return auth::update_account(tx, admin_, created->id, clear, "t"); });
  ASSERT_TRUE(cleared.ok()) << describe(cleared.error());
  EXPECT_TRUE(auth::to_json(*cleared)["email"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, MailTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
