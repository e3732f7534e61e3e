// The December peak load client (bench/december/run.sh builds and runs it; docs/performance-december.md).
//
// wrk cannot keep a different signed-in member on each connection nor follow a statement's version from one
// request to the next, so this small client does: it signs in every member and secretary first (Argon2 is a
// one-off per session, not part of the peak), then for a fixed time
//   - member connections each take the next unused member and walk the page a member walks: GET /me/reviews,
//     GET the statement (its form), PUT a first draft, PUT the complete statement, POST submit; then the next member;
//   - secretary connections each poll GET /cycles/{id}/progress?unit_id=U for the next secretary's unit (cells and
//     communes, round robin).
// Writes carry the CSRF token and an Idempotency-Key, as the web app sends them. Prints per request kind:
// count, requests/s, p50/p99/max, 409s and other non-2xx, and the server's CPU over the timed part.
// The sessions come signed in (seed_sessions.py); --login-sample N first signs the first N members in again through
// POST /api/v1/sessions, untimed by the table but timed on its own (the Argon2id cost of a sign-in).
//
//   december_load --port P --password PW --members FILE --secretaries FILE --cycle ID
//                 [--seconds 30] [--member-connections 64] [--secretary-connections 16] [--threads 1]
//                 [--login-sample 0] [--login-connections 4] [--cpu-pid PID]... [--cpu-children-of PID]
// FILE: members: "username token csrf" a line; secretaries: "username token csrf unit_id" a line.
#include <utility>  // before asio: Boost 1.74 awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string password;
  std::string members_file, secretaries_file;
  long cycle = 0;
  int seconds = 30;
  int member_connections = 64;
  int secretary_connections = 16;
  int login_connections = 4;
  std::size_t login_sample = 0;
  int threads = 1;
  std::vector<int> cpu_pids;
  int cpu_children_of = 0;
};

struct Session {
  std::string username;
  std::string cookie;  // "xeploai_session=..."
  std::string csrf;
  long unit = 0;  // secretaries: the unit whose progress they follow
};

// One request kind's results; each connection keeps its own and they are merged at the end.
struct Tally {
  std::vector<std::uint32_t> micros;
  long ok = 0, conflict = 0, other = 0;
  std::map<int, long> statuses;  // non-2xx, non-409 statuses
  void add(int status, Clock::duration d) {
    micros.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()));
    if (status >= 200 && status < 300)
      ++ok;
    else if (status == 409)
      ++conflict;
    else {
      ++other;
      ++statuses[status];
    }
  }
  void merge(const Tally& o) {
    micros.insert(micros.end(), o.micros.begin(), o.micros.end());
    ok += o.ok;
    conflict += o.conflict;
    other += o.other;
    for (auto& [s, n] : o.statuses) statuses[s] += n;
  }
};

const char* const kKinds[] = {"GET /me/reviews", "GET /reviews/{id}/statement", "PUT statement (draft)",
                              "PUT statement (complete)", "POST statement/submit", "GET /cycles/{id}/progress"};
enum Kind { my_reviews, get_statement, put_draft, put_complete, submit, progress, kind_count };

struct Results {
  std::mutex mutex;
  Tally tally[kind_count];
  long transport_errors = 0;
  long members_done = 0, members_skipped = 0;
  std::vector<std::string> samples;  // a few unexpected answers, for the log
  void merge(const Tally* t, long errors, long done, long skipped, std::vector<std::string>& s) {
    std::lock_guard lock(mutex);
    for (int k = 0; k < kind_count; ++k) tally[k].merge(t[k]);
    transport_errors += errors;
    members_done += done;
    members_skipped += skipped;
    for (auto& x : s)
      if (samples.size() < 8) samples.push_back(std::move(x));
  }
};

// A keep-alive HTTP/1.1 connection that reconnects when the server closes it.
class Connection {
 public:
  Connection(asio::any_io_executor ex, const Options& o) : stream_(ex), opt_(o) {}

  // By value: a coroutine keeps its parameters in its frame, and callers pass temporaries.
  awaitable<bhttp::response<bhttp::string_body>> send(bhttp::verb verb, std::string target, const Session* session,
                                                       std::string body = {}) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (!connected_) {
          tcp::endpoint ep(asio::ip::make_address(opt_.host), opt_.port);
          co_await stream_.async_connect(ep, use_awaitable);
          stream_.socket().set_option(tcp::no_delay(true));
          connected_ = true;
        }
        bhttp::request<bhttp::string_body> req(verb, target, 11);
        req.set(bhttp::field::host, opt_.host);
        req.keep_alive(true);
        if (session) {
          req.set(bhttp::field::cookie, session->cookie);
          if (verb != bhttp::verb::get) {
            req.set("X-CSRF-Token", session->csrf);
            req.set("Idempotency-Key", next_key());
          }
        }
        if (!body.empty() || verb != bhttp::verb::get) {
          req.set(bhttp::field::content_type, "application/json");
          req.body() = body;
          req.prepare_payload();
        }
        co_await bhttp::async_write(stream_, req, use_awaitable);
        bhttp::response<bhttp::string_body> res;
        co_await bhttp::async_read(stream_, buffer_, res, use_awaitable);
        if (!res.keep_alive()) close();
        co_return res;
      } catch (const boost::system::system_error&) {
        close();
        ++transport_errors;
        if (attempt >= 2) throw;
      }
    }
  }
  long transport_errors = 0;

 private:
  void close() {
    beast::error_code ec;
    stream_.socket().close(ec);
    buffer_.clear();
    connected_ = false;
  }
  std::string next_key() {
    static std::atomic<long> counter{0};
    return "december-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const Options& opt_;
  bool connected_ = false;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

awaitable<void> login_worker(Connection& conn, std::vector<Session>& sessions, std::atomic<size_t>& next,
                             const Options& opt, std::atomic<long>& failures) {
  for (;;) {
    auto i = next++;
    if (i >= sessions.size()) co_return;
    Json body = {{"username", sessions[i].username}, {"password", opt.password}, {"bearer", true}};
    auto res = co_await conn.send(bhttp::verb::post, "/api/v1/sessions", nullptr, body.dump());
    if (res.result_int() != 201) {
      if (failures++ < 3) std::cerr << "login " << sessions[i].username << ": " << res.result_int() << " " << res.body() << "\n";
      continue;
    }
    auto j = Json::parse(res.body());
    sessions[i].cookie = "xeploai_session=" + j["token"].get<std::string>();
    sessions[i].csrf = j["csrf_token"].get<std::string>();
  }
}

// The complete statement for a form, as the API tests write it.
Json complete_statement(const Json& form, long version) {
  Json sections = Json::object();
  for (const auto& s : form["sections"])
    sections[s["key"].get<std::string>()] = "Tự kiểm điểm: " + s["key"].get<std::string>() +
                                           ". Hoàn thành tốt nhiệm vụ được giao, giữ gìn phẩm chất đạo đức.";
  Json body = {{"version", version}, {"sections", sections}, {"limitations", {{"identified", 0}}},
               {"proposed", "HTTNV"}};
  if (form.value("points", false)) body["scores"] = {{"general", 26}, {"tasks", 58}};
  if (form.value("tasks_required", false))
    body["tasks"] = Json::array({{{"title", "Vận động hộ dân hiến đất làm đường"},
                                  {"status", "completed_on_time"},
                                  {"evidence", {"https://xa.example/bao-cao-duong"}}}});
  return body;
}

struct Worker {
  Tally tally[kind_count];
  std::vector<std::string> samples;
  long done = 0, skipped = 0;
  void note(const std::string& what, const bhttp::response<bhttp::string_body>& res) {
    if (samples.size() < 4) samples.push_back(what + " -> " + std::to_string(res.result_int()) + " " + res.body().substr(0, 300));
  }
};

template <class F>
awaitable<bhttp::response<bhttp::string_body>> timed(Worker& w, Kind kind, F&& f) {
  auto t0 = Clock::now();
  auto res = co_await f();
  w.tally[kind].add(res.result_int(), Clock::now() - t0);
  co_return res;
}

awaitable<void> member_worker(Connection& conn, const std::vector<Session>& members, std::atomic<size_t>& next,
                              const Options& opt, Clock::time_point end, Results& results) {
  Worker w;
  try {
    while (Clock::now() < end) {
      auto i = next++;
      if (i >= members.size()) break;
      const Session& s = members[i];
      if (s.cookie.empty()) continue;
      auto mine = co_await timed(w, my_reviews, [&] { return conn.send(bhttp::verb::get, "/api/v1/me/reviews", &s); });
      if (mine.result_int() != 200) {
        w.note("me/reviews", mine);
        continue;
      }
      long review = 0;
      const Json mine_json = Json::parse(mine.body());  // kept: a range-for over a temporary's member dangles
      for (const auto& r : mine_json["items"])
        if (r["cycle_id"].get<long>() == opt.cycle && r.value("reviewed", false) && r.value("place", "") == "cell" &&
            r.value("statement_status", Json()).is_null()) {
          review = r["id"].get<long>();
          break;
        }
      if (!review) {
        ++w.skipped;
        continue;
      }
      const std::string target = "/api/v1/reviews/" + std::to_string(review) + "/statement";
      auto st = co_await timed(w, get_statement, [&] { return conn.send(bhttp::verb::get, target, &s); });
      if (Clock::now() >= end) break;
      if (st.result_int() != 200) {
        w.note("GET statement", st);
        continue;
      }
      auto statement = Json::parse(st.body());
      long version = statement["version"].get<long>();
      // A first draft: the opening section only, as a member who saves early.
      Json draft = {{"version", version}, {"sections", Json::object()}};
      if (!statement["form"]["sections"].empty())
        draft["sections"][statement["form"]["sections"][0]["key"].get<std::string>()] = "Bản nháp đầu tiên.";
      auto d = co_await timed(w, put_draft, [&] { return conn.send(bhttp::verb::put, target, &s, draft.dump()); });
      if (d.result_int() != 200) {
        w.note("PUT draft", d);
        continue;
      }
      version = Json::parse(d.body())["version"].get<long>();
      if (Clock::now() >= end) break;
      auto full = complete_statement(statement["form"], version);
      auto c = co_await timed(w, put_complete, [&] { return conn.send(bhttp::verb::put, target, &s, full.dump()); });
      if (c.result_int() != 200) {
        w.note("PUT complete", c);
        continue;
      }
      version = Json::parse(c.body())["version"].get<long>();
      if (Clock::now() >= end) break;
      Json sub = {{"version", version}};
      auto r = co_await timed(w, submit, [&] { return conn.send(bhttp::verb::post, target + "/submit", &s, sub.dump()); });
      if (r.result_int() != 200) {
        w.note("submit", r);
        continue;
      }
      ++w.done;
    }
  } catch (const std::exception& e) {
    w.samples.push_back(std::string("member connection gave up: ") + e.what());
  }
  results.merge(w.tally, conn.transport_errors, w.done, w.skipped, w.samples);
}

awaitable<void> secretary_worker(Connection& conn, const std::vector<Session>& secretaries, std::atomic<size_t>& next,
                                 const Options& opt, Clock::time_point end, Results& results) {
  Worker w;
  try {
    while (Clock::now() < end && !secretaries.empty()) {
      const Session& s = secretaries[next++ % secretaries.size()];
      if (s.cookie.empty()) continue;
      const std::string target =
          "/api/v1/cycles/" + std::to_string(opt.cycle) + "/progress?unit_id=" + std::to_string(s.unit);
      auto r = co_await timed(w, progress, [&] { return conn.send(bhttp::verb::get, target, &s); });
      if (r.result_int() != 200) w.note("progress", r);
    }
  } catch (const std::exception& e) {
    w.samples.push_back(std::string("secretary connection gave up: ") + e.what());
  }
  results.merge(w.tally, conn.transport_errors, 0, 0, w.samples);
}

// utime + stime of a process in clock ticks (0 when it is gone).
long long cpu_ticks(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) {
      stime = std::stoll(field);
      break;
    }
  }
  return utime + stime;
}

std::vector<int> children_of(int parent) {
  std::vector<int> out;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const auto name = e.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    std::ifstream in(e.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 2));
    std::string state;
    int ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) out.push_back(std::stoi(name));
  }
  return out;
}

double percentile(std::vector<std::uint32_t>& v, double p) {
  if (v.empty()) return 0;
  std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k] / 1000.0;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--host") o.host = value();
    else if (a == "--port") o.port = static_cast<unsigned short>(std::stoi(value()));
    else if (a == "--password") o.password = value();
    else if (a == "--members") o.members_file = value();
    else if (a == "--secretaries") o.secretaries_file = value();
    else if (a == "--cycle") o.cycle = std::stol(value());
    else if (a == "--seconds") o.seconds = std::stoi(value());
    else if (a == "--member-connections") o.member_connections = std::stoi(value());
    else if (a == "--secretary-connections") o.secretary_connections = std::stoi(value());
    else if (a == "--login-connections") o.login_connections = std::stoi(value());
    else if (a == "--login-sample") o.login_sample = std::stoul(value());
    else if (a == "--threads") o.threads = std::stoi(value());
    else if (a == "--cpu-pid") o.cpu_pids.push_back(std::stoi(value()));
    else if (a == "--cpu-children-of") o.cpu_children_of = std::stoi(value());
    else throw std::runtime_error("unknown option " + a);
  }
  if (!o.port || o.members_file.empty() || o.secretaries_file.empty() || !o.cycle ||
      (o.login_sample > 0 && o.password.empty()))
    throw std::runtime_error("needs --port, --members, --secretaries, --cycle (and --password with --login-sample)");
  return o;
}

void run(const Options& opt, const std::function<awaitable<void>(asio::io_context&)>& spawn_all) {
  asio::io_context io;
  asio::co_spawn(io, spawn_all(io), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  std::vector<std::thread> threads;
  for (int t = 1; t < opt.threads; ++t) threads.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
}

}  // namespace

int main(int argc, char** argv) try {
  const Options opt = parse(argc, argv);
  std::vector<Session> members, secretaries;
  auto session_of = [](const std::string& line, bool with_unit) {
    std::istringstream in(line);
    Session s;
    std::string token;
    in >> s.username >> token >> s.csrf;
    if (with_unit) in >> s.unit;
    s.cookie = "xeploai_session=" + token;
    return s;
  };
  for (auto& line : read_lines(opt.members_file)) members.push_back(session_of(line, false));
  for (auto& line : read_lines(opt.secretaries_file)) secretaries.push_back(session_of(line, true));

  // A sample of real sign-ins (Argon2id each), before and apart from the timed part.
  if (opt.login_sample > 0) {
    std::vector<Session> sample(members.begin(),
                                members.begin() + static_cast<long>(std::min(opt.login_sample, members.size())));
    auto t0 = Clock::now();
    std::atomic<long> login_failures{0};
    std::atomic<size_t> next{0};
    std::atomic<int> running{0};
    run(opt, [&](asio::io_context& io) -> awaitable<void> {
      std::vector<std::unique_ptr<Connection>> conns;
      for (int i = 0; i < opt.login_connections; ++i) {
        conns.push_back(std::make_unique<Connection>(io.get_executor(), opt));
        ++running;
        asio::co_spawn(io, login_worker(*conns.back(), sample, next, opt, login_failures),
                       [&](std::exception_ptr) { --running; });
      }
      asio::steady_timer timer(io);
      while (running > 0) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(use_awaitable);
      }
    });
    const double login_s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("sign-in sample: %zu members through POST /api/v1/sessions in %.1f s over %d connections = %.1f/s "
                "(%ld failed)\n",
                sample.size(), login_s, opt.login_connections, sample.size() / login_s, login_failures.load());
    std::copy(sample.begin(), sample.end(), members.begin());
  }

  // The timed part.
  std::vector<int> pids = opt.cpu_pids;
  if (opt.cpu_children_of) {
    pids.push_back(opt.cpu_children_of);
    for (int p : children_of(opt.cpu_children_of)) pids.push_back(p);
  }
  auto server_cpu = [&] {
    long long t = 0;
    for (int p : pids) t += cpu_ticks(p);
    return t;
  };
  rusage ru0{};
  getrusage(RUSAGE_SELF, &ru0);
  const long long cpu0 = server_cpu();
  Results results;
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(opt.seconds);
  std::atomic<size_t> next_member{0}, next_secretary{0};
  std::atomic<int> running{0};
  run(opt, [&](asio::io_context& io) -> awaitable<void> {
    std::vector<std::unique_ptr<Connection>> conns;
    for (int i = 0; i < opt.member_connections + opt.secretary_connections; ++i) {
      conns.push_back(std::make_unique<Connection>(io.get_executor(), opt));
      auto& c = *conns.back();
      ++running;
      if (i < opt.member_connections)
        asio::co_spawn(io, member_worker(c, members, next_member, opt, end, results), [&](std::exception_ptr) { --running; });
      else
        asio::co_spawn(io, secretary_worker(c, secretaries, next_secretary, opt, end, results),
                       [&](std::exception_ptr) { --running; });
    }
    asio::steady_timer timer(io);
    while (running > 0) {
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(use_awaitable);
    }
  });
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const long long cpu1 = server_cpu();
  rusage ru1{};
  getrusage(RUSAGE_SELF, &ru1);
  auto secs = [](const timeval& a, const timeval& b) { return (b.tv_sec - a.tv_sec) + (b.tv_usec - a.tv_usec) / 1e6; };
  const double client_cpu = secs(ru0.ru_utime, ru1.ru_utime) + secs(ru0.ru_stime, ru1.ru_stime);
  const double server_cpu_s = static_cast<double>(cpu1 - cpu0) / static_cast<double>(sysconf(_SC_CLK_TCK));

  std::printf("timed part: %.1f s, %d member and %d secretary connections, %d client thread(s)\n", elapsed,
              opt.member_connections, opt.secretary_connections, opt.threads);
  std::printf("members who submitted: %ld (skipped, no open review: %ld); transport errors: %ld\n",
              results.members_done, results.members_skipped, results.transport_errors);
  std::printf("\n| request | count | req/s | p50 ms | p99 ms | max ms | 409 | other non-2xx |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  long total = 0, total_conflict = 0, total_other = 0;
  for (int k = 0; k < kind_count; ++k) {
    auto& t = results.tally[k];
    const auto n = static_cast<long>(t.micros.size());
    total += n;
    total_conflict += t.conflict;
    total_other += t.other;
    const double p50 = percentile(t.micros, 0.50), p99 = percentile(t.micros, 0.99);
    const double mx = t.micros.empty() ? 0 : *std::max_element(t.micros.begin(), t.micros.end()) / 1000.0;
    std::string others;
    for (auto& [s, c] : t.statuses) others += (others.empty() ? " (" : ", ") + std::to_string(s) + ": " + std::to_string(c);
    if (!others.empty()) others += ")";
    std::printf("| %s | %ld | %.0f | %.2f | %.2f | %.1f | %ld | %ld%s |\n", kKinds[k], n, n / elapsed, p50, p99, mx,
                t.conflict, t.other, others.c_str());
  }
  std::printf("| all | %ld | %.0f | | | | %ld | %ld |\n", total, total / elapsed, total_conflict, total_other);
  std::printf("\nserver CPU: %.1f s over %.1f s wall = %.2f cores (pids:", server_cpu_s, elapsed, server_cpu_s / elapsed);
  for (int p : pids) std::printf(" %d", p);
  std::printf("); load client CPU: %.1f s\n", client_cpu);
  for (auto& s : results.samples) std::printf("sample: %s\n", s.c_str());
  return total_other == 0 && results.transport_errors == 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "december_load: %s\n", e.what());
  return 2;
}
