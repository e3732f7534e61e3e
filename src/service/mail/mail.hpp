#pragma once
// E-mail reminders "where configured" (issue 4, docs/workflow.md "E-mail reminders"): a job queues, once per subject
// (or unit) and deadline, a reminder of the self-review or meeting deadline to the accounts that have an e-mail
// address — the same facts as GET /me/reminders (workflow::reminders_due) — into the outbox table mail_outbox; a
// sender delivers the outbox over SMTP with libcurl and records each failure on its message for the next run.
// Nothing here runs unless [mail] is configured (cli: send-reminders, serve).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service::mail {

struct Settings {
  std::string url;       // smtp://host:port or smtps://host:port; empty: e-mail is not configured
  std::string from;      // the sender address
  std::string user;      // SMTP login, optional
  std::string password;  // optional
  int days_before = 3;   // remind this many days before a deadline (and every day after until it, once per key)
  long timeout_seconds = 30;
  bool configured() const { return !url.empty(); }
};

// Queues the reminders due within `days_before` days of `today` (YYYY-MM-DD) for every open cycle: the member's own
// statement (self_review, to the member's account) and the unit's meeting (to the accounts that run meetings on the
// unit itself: its secretary, committee, committee staff). Disabled accounts and accounts without an e-mail get
// nothing. Returns how many messages were queued now (the ones already queued for the same key are not again).
Result<std::int64_t> queue_reminders(store::Transaction& tx, int days_before, const std::string& today,
                                     std::int64_t now_ms);

// Delivers one message; the error names what failed (connection, refusal) without the password.
Result<void> send_smtp(const Settings& settings, const std::string& to, const std::string& subject,
                       const std::string& body);

struct Delivery {
  std::int64_t sent = 0;
  std::int64_t failed = 0;  // left queued with attempts + 1 and last_error
};
// Sends the unsent messages, oldest first, at most `limit`. Each result is written in its own short transaction, so
// a slow SMTP server never holds one open; a crash between sending and recording can send a message twice.
Delivery deliver_outbox(store::Database& db, const Settings& settings, std::int64_t limit = 1000);

// The whole job, as `xeploai send-reminders` and serve's periodic task run it: queue, then deliver.
struct RunReport {
  std::int64_t queued = 0;
  Delivery delivery;
};
Result<RunReport> run_reminders(store::Database& db, const Settings& settings, const std::string& today);

// serve's periodic task when [mail] is configured: run_reminders for today (UTC) at once and then every `interval`,
// on its own thread, until destroyed. Failures are logged; the outbox keeps what was not sent.
class PeriodicReminders {
 public:
  PeriodicReminders(store::Database& db, Settings settings, std::chrono::minutes interval);
  ~PeriodicReminders();
  PeriodicReminders(const PeriodicReminders&) = delete;
  PeriodicReminders& operator=(const PeriodicReminders&) = delete;

 private:
  void loop();
  store::Database& db_;
  Settings settings_;
  std::chrono::minutes interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The MIME message as sent (headers and base64 body), exposed for tests.
std::string compose(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& body, std::int64_t now_ms);

}  // namespace xeploai::service::mail
