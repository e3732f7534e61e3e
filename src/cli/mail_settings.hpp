#pragma once
// [mail] of the config file (http::MailConfig) as the mail service takes it; shared by serve and send-reminders.
#include "http/config.hpp"
#include "service/mail/mail.hpp"

namespace xeploai::cli {

inline service::mail::Settings mail_settings(const http::MailConfig& c) {
  service::mail::Settings s;
  s.url = c.url;
  s.from = c.from;
  s.user = c.user;
  s.password = c.password;
  s.days_before = c.days_before;
  return s;
}

}  // namespace xeploai::cli
