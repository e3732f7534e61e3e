#include "service/mail/mail.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <random>
#include <tuple>

#include <spdlog/spdlog.h>

#include "domain/date.hpp"
#include "domain/grade.hpp"
#include "service/audit.hpp"
#include "service/org/common.hpp"
#include "service/review/internal/common.hpp"
#include "workflow/progress.hpp"
#include "workflow/review.hpp"

namespace xeploai::service::mail {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One reviewed subject of an open cycle and one account that should hear about it.
struct DueRow {
  std::int64_t subject_id = 0, cycle_id = 0, unit_id = 0;
  std::string unit_kind, unit_name, state, person_name;
  std::int64_t account_id = 0;
  std::string email, display_name;
};

std::vector<DueRow> due_rows(store::Transaction& tx, const std::string& recipients_join) {
  std::vector<DueRow> out;
  for (const auto& r : tx.query(
           "SELECT DISTINCT s.id, s.cycle_id, s.unit_id, u.kind, u.name, s.state, COALESCE(pe.full_name, ''), a.id, "
           "a.email, a.display_name FROM review_subjects s JOIN review_cycles c ON c.id = s.cycle_id AND c.status = "
           "'open' JOIN units u ON u.id = s.unit_id " +
           recipients_join +
           " LEFT JOIN people pe ON pe.id = s.person_id WHERE s.reviewed = 1 AND a.email IS NOT NULL AND "
           "a.disabled = 0 ORDER BY s.cycle_id, s.id, a.id"))
    out.push_back({r.get_int(0), r.get_int(1), r.get_int(2), r.get_text(3), r.get_text(4), r.get_text(5),
                   r.get_text(6), r.get_int(7), r.get_text(8), r.get_text(9)});
  return out;
}

// workflow::reminders_due for the subjects of `rows` (one cycle), as GET /me/reminders computes them: subject id ->
// the reminder of `step` due for it.
std::map<std::int64_t, workflow::Reminder> reminders_of(const workflow::Cycle& cycle, const std::vector<const DueRow*>& rows,
                                                        domain::Days today, int within_days, workflow::Step step) {
  std::vector<workflow::UnitNode> units;
  std::map<std::int64_t, std::int32_t> unit_index;
  std::vector<workflow::SubjectProgress> progress;
  std::map<std::int64_t, bool> seen;
  for (const auto* r : rows) {
    if (!seen.emplace(r->subject_id, true).second) continue;
    auto [it, fresh] = unit_index.try_emplace(r->unit_id, static_cast<std::int32_t>(units.size()));
    auto kind = domain::parse_unit_kind(r->unit_kind);
    auto state = workflow::parse_review_state(r->state);
    if (!kind || !state) continue;
    if (fresh) units.push_back({std::to_string(r->unit_id), *kind, -1});
    progress.push_back({std::to_string(r->subject_id), it->second, *state});
  }
  std::map<std::int64_t, workflow::Reminder> out;
  auto due = workflow::reminders_due(cycle, units, progress, today, within_days);
  if (!due) return out;
  for (auto& r : *due)
    if (r.step == step) out.emplace(std::stoll(r.subject), std::move(r));
  return out;
}

std::string period_vi(const review::internal::CycleRow& c) {
  return c.quarter ? fmt::format("quý {} năm {}", c.quarter, c.year) : fmt::format("năm {}", c.year);
}
std::string period_en(const review::internal::CycleRow& c) {
  return c.quarter ? fmt::format("Q{} {}", c.quarter, c.year) : std::to_string(c.year);
}

constexpr const char* kFooter =
    "Thư này do hệ thống xeploai gửi tự động; mỗi hạn chỉ nhắc một lần.\n"
    "\n---\n";
constexpr const char* kFooterEn = "This message was sent automatically by xeploai, once per deadline.\n";

// Inserts one message unless its key was queued before; 1 when queued now.
std::int64_t enqueue(store::Transaction& tx, const std::string& key, const DueRow& to, const std::string& subject,
                     const std::string& body, std::int64_t now) {
  return tx.execute(
      "INSERT INTO mail_outbox (dedupe_key, account_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, "
      "$5, $6) ON CONFLICT (dedupe_key) DO NOTHING",
      store::params(key, to.account_id, to.email, subject, body, now));
}

std::once_flag g_curl_init;

std::string base64(std::string_view in) {
  static constexpr char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += kTable[(n >> 6) & 63];
    out += kTable[n & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += i + 1 < in.size() ? kTable[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 encoded words for a UTF-8 header, split between characters so each word stays under 76 characters.
std::string encode_header(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii && text.size() < 900) return std::string(text);
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + 45);  // 45 bytes -> 60 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string rfc5322_date(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

struct Upload {
  std::string_view data;
  std::size_t at = 0;
};
std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->at);
  std::memcpy(buffer, up->data.data() + up->at, n);
  up->at += n;
  return n;
}

// Errors after which the server will not answer the next message either: stop the run instead of waiting on each.
bool server_unreachable(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_OPERATION_TIMEDOUT ||
         code == CURLE_LOGIN_DENIED || code == CURLE_USE_SSL_FAILED || code == CURLE_SSL_CONNECT_ERROR;
}

struct SendError {
  std::string message;
  bool unreachable = false;
};

std::optional<SendError> send(const Settings& s, const std::string& to, const std::string& subject,
                              const std::string& body) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return SendError{"libcurl: cannot create a handle", false};
  const std::string message = compose(s.from, to, subject, body, now_ms());
  Upload upload{message, 0};
  char errors[CURL_ERROR_SIZE] = {0};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  const std::string from = "<" + s.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(s.timeout_seconds, 10L));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!s.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
    // A password never crosses the network in clear: STARTTLS is required when logging in over smtp://.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code == CURLE_OK) return std::nullopt;
  return SendError{fmt::format("SMTP {}: {}{}", s.url, curl_easy_strerror(code), *errors ? std::string(" (") + errors + ")" : ""),
                   server_unreachable(code)};
}

}  // namespace

std::string compose(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& body, std::int64_t now) {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex random_mutex;
  std::uint64_t nonce = 0;
  {
    std::lock_guard lock(random_mutex);
    nonce = random();
  }
  std::string crlf_body;
  for (char c : body) {
    if (c == '\n') crlf_body += '\r';
    crlf_body += c;
  }
  const std::string encoded = base64(crlf_body);
  std::string out = fmt::format(
      "Date: {}\r\nFrom: {}\r\nTo: {}\r\nMessage-ID: <{}.{:x}@{}>\r\nSubject: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
      rfc5322_date(now), from, to, now, nonce, domain_of(from), encode_header(subject));
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

Result<std::int64_t> queue_reminders(store::Transaction& tx, int days_before, const std::string& today,
                                     std::int64_t now) {
  if (days_before < 0 || days_before > 90)
    return Error::invalid("Số ngày nhắc trước không hợp lệ / invalid days before",
                          {{"mail.days_before", "từ 0 đến 90 / from 0 to 90"}});
  const auto today_days = domain::parse_iso_date(today);
  if (!today_days)
    return Error::invalid("Ngày không hợp lệ / invalid date", {{"today", "không phải YYYY-MM-DD / not YYYY-MM-DD"}});
  // Members with an account and an address, for their own statement; and the accounts that run the meeting of the
  // subject's own unit, for the meeting.
  const auto members = due_rows(tx, "JOIN accounts a ON a.person_id = s.person_id");
  const auto secretaries = due_rows(
      tx,
      "JOIN role_grants g ON g.unit_id = s.unit_id AND g.role IN ('cell_secretary', 'committee', 'committee_staff') "
      "JOIN accounts a ON a.id = g.account_id");
  std::map<std::int64_t, std::vector<const DueRow*>> by_cycle_members, by_cycle_secretaries;
  for (const auto& r : members) by_cycle_members[r.cycle_id].push_back(&r);
  for (const auto& r : secretaries) by_cycle_secretaries[r.cycle_id].push_back(&r);
  std::map<std::int64_t, std::pair<review::internal::CycleRow, workflow::Cycle>> cycles;
  auto cycle = [&](std::int64_t id) -> const std::pair<review::internal::CycleRow, workflow::Cycle>& {
    auto it = cycles.find(id);
    if (it != cycles.end()) return it->second;
    auto row = review::internal::load_cycle(tx, id);
    auto wc = review::internal::to_workflow(tx, *row);
    return cycles.emplace(id, std::make_pair(std::move(*row), std::move(wc))).first->second;
  };

  std::int64_t queued = 0;
  for (const auto& [cycle_id, rows] : by_cycle_members) {
    const auto& [c, wc] = cycle(cycle_id);
    const auto due = reminders_of(wc, rows, *today_days, days_before, workflow::Step::self_review);
    for (const auto* r : rows) {
      auto it = due.find(r->subject_id);
      if (it == due.end() || it->second.to != workflow::Recipient::subject) continue;
      const auto& rem = it->second;
      const auto dmy = domain::format_dmy(rem.deadline), iso = domain::format_iso(rem.deadline);
      const std::string subject = fmt::format("Nhắc hạn nộp bản tự kiểm điểm {}: {} / Self-review due {}",
                                              period_vi(c), dmy, iso);
      const std::string body = fmt::format(
          "Kính gửi đồng chí {},\n\n"
          "Bản tự kiểm điểm {} của đồng chí tại {} cần được nộp chậm nhất ngày {} (còn {} ngày).\n"
          "Đồng chí đăng nhập xeploai để viết và nộp bản tự kiểm điểm.\n\n{}"
          "Dear {},\n\n"
          "Your self-review for {} at {} is due by {} ({} days left).\n"
          "Sign in to xeploai to write and submit it.\n\n{}",
          r->display_name, period_vi(c), r->unit_name, dmy, rem.days_left, kFooter, r->display_name, period_en(c),
          r->unit_name, iso, rem.days_left, kFooterEn);
      queued += enqueue(tx, fmt::format("self_review:{}:{}:{}:{}", cycle_id, r->subject_id, iso, r->account_id), *r,
                        subject, body, now);
    }
  }
  for (const auto& [cycle_id, rows] : by_cycle_secretaries) {
    const auto& [c, wc] = cycle(cycle_id);
    const auto due = reminders_of(wc, rows, *today_days, days_before, workflow::Step::meeting);
    // One message per account, unit and deadline, naming the members still to be reviewed.
    std::map<std::tuple<std::int64_t, std::int64_t, domain::Days>, std::vector<const DueRow*>> grouped;
    for (const auto* r : rows) {
      auto it = due.find(r->subject_id);
      if (it == due.end() || it->second.to != workflow::Recipient::unit_secretary) continue;
      grouped[{r->account_id, r->unit_id, it->second.deadline}].push_back(r);
    }
    for (const auto& [key, list] : grouped) {
      const auto& first = *list.front();
      const auto& rem = due.at(first.subject_id);
      const auto dmy = domain::format_dmy(rem.deadline), iso = domain::format_iso(rem.deadline);
      std::string names;
      for (std::size_t i = 0; i < list.size() && i < 20; ++i)
        if (!list[i]->person_name.empty()) names += "  - " + list[i]->person_name + "\n";
      if (list.size() > 20) names += fmt::format("  … (+{})\n", list.size() - 20);
      const std::string subject = fmt::format("Nhắc hạn hội nghị kiểm điểm {} {}: {} / Review meeting due {}",
                                              first.unit_name, period_vi(c), dmy, iso);
      const std::string body = fmt::format(
          "Kính gửi đồng chí {},\n\n"
          "Hội nghị kiểm điểm {} của {} cần được tổ chức chậm nhất ngày {} (còn {} ngày). "
          "Còn {} người chưa được kiểm điểm tại hội nghị:\n{}\n{}"
          "Dear {},\n\n"
          "The review meeting of {} for {} is due by {} ({} days left); {} subjects are still to be reviewed at it "
          "(listed above).\n\n{}",
          first.display_name, period_vi(c), first.unit_name, dmy, rem.days_left, list.size(), names, kFooter,
          first.display_name, first.unit_name, period_en(c), iso, rem.days_left, list.size(), kFooterEn);
      queued += enqueue(tx, fmt::format("meeting:{}:{}:{}:{}", cycle_id, first.unit_id, iso, first.account_id), first,
                        subject, body, now);
    }
  }
  if (queued > 0)
    record_audit(tx, nullptr,
                 {"mail.queue_reminders", "mail_outbox", 0, nullptr,
                  {{"queued", queued}, {"today", today}, {"days_before", days_before}}, std::nullopt});
  return queued;
}

Result<void> send_smtp(const Settings& settings, const std::string& to, const std::string& subject,
                       const std::string& body) {
  if (auto error = send(settings, to, subject, body))
    return Error::internal(fmt::format("Không gửi được thư / cannot send the e-mail: {}", error->message));
  return {};
}

Delivery deliver_outbox(store::Database& db, const Settings& settings, std::int64_t limit) {
  struct Message {
    std::int64_t id;
    std::string to, subject, body;
  };
  std::vector<Message> pending;
  {
    auto tx = db.begin(store::Access::read);
    for (const auto& r : tx->query(
             "SELECT id, recipient, subject, body FROM mail_outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1",
             store::params(limit)))
      pending.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3)});
  }
  Delivery out;
  for (const auto& m : pending) {
    auto error = send(settings, m.to, m.subject, m.body);
    const auto at = now_ms();
    auto tx = db.begin(store::Access::write);
    if (!error) {
      tx->execute(
          "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, last_attempt_at = $1, last_error = NULL "
          "WHERE id = $2",
          store::params(at, m.id));
      ++out.sent;
    } else {
      tx->execute(
          "UPDATE mail_outbox SET attempts = attempts + 1, last_attempt_at = $1, last_error = $2 WHERE id = $3",
          store::params(at, error->message, m.id));
      ++out.failed;
    }
    tx->commit();
    if (error && error->unreachable) break;  // the rest stay queued, untried, for the next run
  }
  return out;
}

Result<RunReport> run_reminders(store::Database& db, const Settings& settings, const std::string& today) {
  RunReport report;
  if (!settings.configured()) return report;
  {
    auto tx = db.begin(store::Access::write);
    auto queued = queue_reminders(*tx, settings.days_before, today, now_ms());
    if (!queued) return std::move(queued).error();
    tx->commit();
    report.queued = *queued;
  }
  report.delivery = deliver_outbox(db, settings);
  return report;
}

PeriodicReminders::PeriodicReminders(store::Database& db, Settings settings, std::chrono::minutes interval)
    : db_(db), settings_(std::move(settings)), interval_(interval), thread_([this] { loop(); }) {}

PeriodicReminders::~PeriodicReminders() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicReminders::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      auto report = run_reminders(db_, settings_, service::today());
      if (!report)
        spdlog::warn("mail reminders: {}", report.error().message);
      else if (report->queued || report->delivery.sent || report->delivery.failed)
        spdlog::info("mail reminders queued={} sent={} failed={}", report->queued, report->delivery.sent,
                     report->delivery.failed);
    } catch (const std::exception& e) {
      spdlog::error("mail reminders: {}", e.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace xeploai::service::mail
