#include "http/server.hpp"

// GCC 12 warns about asio's awaitable frame allocator (a known false positive with coroutines).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <future>
#include <limits>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "http/static_files.hpp"

namespace xeploai::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// An incoming X-Request-Id is kept when it is short and plain, so ids from a proxy line up across logs.
bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 0; i < 16; ++i) id[i] = kHex[(v >> (i * 4)) & 0xF];
  return id;
}

Error too_large(std::string path, std::string problem) {
  Error e;
  e.code = ErrorCode::payload_too_large;
  e.message = "Nội dung quá lớn / request body too large";
  e.details.push_back(ErrorDetail{std::move(path), std::move(problem)});
  return e;
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive,
                                             const std::string& request_id) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "xeploai");
  res.set(bhttp::field::content_type, r.content_type);
  res.set("X-Request-Id", request_id);
  for (auto& [name, value] : r.headers) res.insert(name, value);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace

struct Server::Impl {
  // One per connection, touched only on the connection's strand (except the registry's pointer to it).
  struct Connection {
    asio::any_io_executor executor;
    beast::tcp_stream* stream = nullptr;
    bool idle = true;  // waiting for the next request's header (nothing to lose by closing it)
  };

  const Router& router;
  ServerOptions options;
  std::optional<StaticFiles> static_files;

  std::mutex mutex;
  std::condition_variable idle_cv;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_connection = 0;
  std::atomic<int> busy{0};
  std::atomic<bool> stopping{false};
  bool stopped = false;
  std::mutex stop_mutex;
  std::condition_variable stop_cv;  // run_until_signal waits here for an external stop()

  // Declared after the registry so they are destroyed first (pending coroutine frames touch the registry).
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  asio::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> io_threads;
  std::uint16_t bound_port = 0;
  bool started = false;

  Impl(const Router& r, ServerOptions o)
      : router(r),
        options(std::move(o)),
        ioc(std::max(1, options.io_threads)),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {
    if (!options.web_root.empty()) static_files.emplace(options.web_root);
  }

  // What the worker pool runs: the API router for /api, static files for the rest.
  Response handle(Request& request) const {
    bool api = request.path == "/api" || request.path.rfind("/api/", 0) == 0;
    if (!api && static_files && (request.method == "GET" || request.method == "HEAD")) {
      return static_files->serve(request);
    }
    return router.dispatch(request);
  }

  awaitable<void> listen() {
    for (;;) {
      tcp::socket socket(asio::make_strand(ioc));
      beast::error_code ec;
      co_await acceptor.async_accept(socket, asio::redirect_error(use_awaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) {
        // Out of descriptors and the like: back off briefly instead of spinning.
        spdlog::warn("accept failed: {}", ec.message());
        asio::steady_timer t(ioc, std::chrono::milliseconds(50));
        co_await t.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      if (stopping) continue;  // the socket closes as it goes out of scope
      auto conn = std::make_shared<Connection>();
      conn->executor = socket.get_executor();
      std::uint64_t id;
      {
        std::lock_guard lock(mutex);
        id = next_connection++;
        connections.emplace(id, conn);
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(beast::tcp_stream(std::move(socket)), conn, id), asio::detached);
    }
  }

  // Writes an error produced before the router (limits, bad target); `close` ends the connection after it.
  awaitable<void> write_early(beast::tcp_stream& stream, const Error& error, int status, unsigned version,
                              const std::string& request_id, bool close) {
    auto res = to_beast(Response::error(error, status), version, !close, request_id);
    beast::error_code ec;
    stream.expires_after(options.write_timeout);
    co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
  }

  awaitable<void> session(beast::tcp_stream stream, std::shared_ptr<Connection> conn, std::uint64_t id) {
    conn->stream = &stream;
    // Unregisters on every way out, including the frame's destruction when the io_context is torn down.
    struct Guard {
      Impl* self;
      std::shared_ptr<Connection> conn;
      std::uint64_t id;
      ~Guard() {
        conn->stream = nullptr;
        std::lock_guard lock(self->mutex);
        self->connections.erase(id);
        self->idle_cv.notify_all();
      }
    } guard{this, conn, id};

    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    for (;;) {
      conn->idle = true;
      if (stopping) break;
      bhttp::request_parser<bhttp::empty_body> header_parser;
      header_parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      // No body limit on the header parser: it would fail the read itself, and the check below answers 413.
      header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      beast::error_code ec;
      stream.expires_after(options.read_header_timeout);
      co_await bhttp::async_read_header(stream, buffer, header_parser, asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::header_limit) {
        // (Errors are built before co_await: GCC 12 mishandles braced temporaries inside co_await arguments.)
        Error error = too_large("headers", "over " + std::to_string(options.header_limit) + " bytes");
        error.code = ErrorCode::invalid_input;
        error.message = "Phần đầu yêu cầu quá lớn / request headers too large";
        co_await write_early(stream, error, 431, 11, new_request_id(), true);
        break;
      }
      if (ec) break;  // closed by the peer, idle timeout, shutdown, or garbage: nothing to answer
      conn->idle = false;
      busy.fetch_add(1);
      struct Busy {
        std::atomic<int>& n;
        std::condition_variable& cv;
        std::mutex& m;
        ~Busy() {
          std::lock_guard lock(m);
          n.fetch_sub(1);
          cv.notify_all();
        }
      } busy_guard{busy, idle_cv, mutex};

      const auto started_at = std::chrono::steady_clock::now();
      auto& head = header_parser.get();
      const unsigned version = head.version();
      std::string request_id;
      if (auto it = head.find("X-Request-Id");
          it != head.end() && valid_request_id(std::string_view(it->value().data(), it->value().size()))) {
        request_id = std::string(it->value());
      } else {
        request_id = new_request_id();
      }

      // The body limit is checked on the declared length before a byte of the body is read. A route may allow
      // more than the server's default (RouteDoc::body_limit: the grading what-if takes a province's batch).
      std::size_t body_limit = options.body_limit;
      {
        std::string_view target(head.target().data(), head.target().size());
        std::string path(target.substr(0, target.find('?')));
        if (auto route_limit = router.body_limit(std::string(head.method_string()), path)) body_limit = route_limit;
      }
      if (auto length = header_parser.content_length(); length && *length > body_limit) {
        Error error = too_large("body", "Content-Length " + std::to_string(*length) + " exceeds the limit of " +
                                            std::to_string(body_limit) + " bytes");
        co_await write_early(stream, error, 413, version, request_id, true);
        log(request_id, std::string(head.method_string()), std::string(head.target()), 413, started_at, 0, remote);
        break;
      }

      Request request;
      request.method = std::string(head.method_string());
      request.target = std::string(head.target());
      request.remote_address = remote;
      request.request_id = request_id;
      for (const auto& field : head) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
        // Repeated fields fold (RFC 9110), except Cookie, whose pairs are separated by "; " (RFC 6265).
        if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
      }
      bool keep_alive = head.keep_alive();

      if (!header_parser.is_done()) {
        if (auto expect = head.find(bhttp::field::expect);
            expect != head.end() && beast::iequals(expect->value(), "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
          stream.expires_after(options.write_timeout);
          co_await bhttp::async_write(stream, cont, asio::redirect_error(use_awaitable, ec));
          if (ec) break;
        }
        bhttp::request_parser<bhttp::string_body> body_parser(std::move(header_parser));
        body_parser.body_limit(body_limit);
        stream.expires_after(options.read_body_timeout);
        co_await bhttp::async_read(stream, buffer, body_parser, asio::redirect_error(use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          // A chunked body has no declared length: it is cut off once it passes the limit.
          Error error = too_large("body", "exceeds the limit of " + std::to_string(body_limit) + " bytes");
          co_await write_early(stream, error, 413, version, request_id, true);
          log(request_id, request.method, request.target, 413, started_at, 0, remote);
          break;
        }
        if (ec) break;
        request.body = std::move(body_parser.get().body());
      }

      Response response = prepare_path(request);
      if (response.status == 0) response = co_await dispatch(std::move(request));
      const int status = response.status;
      keep_alive = keep_alive && !stopping;
      auto res = to_beast(std::move(response), version, keep_alive, request_id);
      const auto bytes = res.body().size();
      stream.expires_after(options.write_timeout);
      co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
      log(request_id, std::string(head.method_string()), std::string(head.target()), status, started_at, bytes, remote);
      if (ec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }

  // Splits and decodes the target; a status-0 response means "go on".
  static Response prepare_path(Request& request) {
    std::string_view target = request.target;
    auto q = target.find('?');
    auto raw_path = target.substr(0, q);
    auto path = percent_decode(raw_path, false);
    if (!path || raw_path.empty() || raw_path.front() != '/') {
      return Response::error(
          Error::invalid("Đường dẫn không hợp lệ / invalid request target", {{"target", "bad percent-encoding"}}));
    }
    request.path = std::move(*path);
    if (q != std::string_view::npos) {
      auto query = parse_query(target.substr(q + 1));
      if (!query) return Response::error(query.error());
      request.query = std::move(*query);
    }
    Response go_on;
    go_on.status = 0;
    return go_on;
  }

  // Runs the handler on the worker pool and resumes here (on the connection's strand) with its response, or
  // with 503 once handler_timeout passes; a late handler's response is dropped.
  awaitable<Response> dispatch(Request request) {
    struct Pending {
      explicit Pending(asio::any_io_executor ex) : timer(ex) {}
      asio::steady_timer timer;
      bool done = false;
      Response response;
    };
    auto ex = co_await asio::this_coro::executor;
    auto pending = std::make_shared<Pending>(ex);
    pending->timer.expires_after(options.handler_timeout);
    const std::string request_id = request.request_id;
    asio::post(workers, [this, pending, ex, request = std::move(request)]() mutable {
      Response r;
      try {
        r = handle(request);
      } catch (const std::exception& e) {  // static files or a router bug; the router catches handler exceptions
        spdlog::error("request_id={} unhandled exception: {}", request.request_id, e.what());
        r = Response::error(Error::internal("Lỗi hệ thống / internal error (request id " + request.request_id + ")"));
      }
      asio::post(ex, [pending, r = std::move(r)]() mutable {
        pending->response = std::move(r);
        pending->done = true;
        pending->timer.cancel();
      });
    });
    beast::error_code ec;
    co_await pending->timer.async_wait(asio::redirect_error(use_awaitable, ec));
    if (pending->done) co_return std::move(pending->response);
    spdlog::warn("request_id={} handler timed out after {} ms", request_id, options.handler_timeout.count());
    Error error = too_large("handler", "no answer within " + std::to_string(options.handler_timeout.count()) + " ms");
    error.code = ErrorCode::unavailable;
    error.message = "Yêu cầu xử lý quá lâu, vui lòng thử lại / the request took too long, try again";
    co_return Response::error(error);
  }

  void log(const std::string& request_id, const std::string& method, const std::string& target, int status,
           std::chrono::steady_clock::time_point started_at, std::size_t bytes, const std::string& remote) const {
    if (!options.log_requests) return;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_at);
    // Only the path is logged: query strings may carry search terms about people.
    std::string_view path = target;
    path = path.substr(0, path.find('?'));
    spdlog::info("request id={} method={} path={} status={} duration_ms={:.3f} bytes={} remote={}", request_id, method,
                 path, status, us.count() / 1000.0, bytes, remote);
  }

  Result<std::uint16_t> start() {
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    tcp::endpoint endpoint;
    if (ec) {
      tcp::resolver resolver(ioc);
      auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
      if (ec || results.empty())
        return Error{ErrorCode::unavailable, "cannot resolve host '" + options.host + "': " + ec.message(), {}};
      endpoint = *results.begin();
    } else {
      endpoint = tcp::endpoint(address, options.port);
    }
    auto fail = [&](const char* what) -> Error {
      return Error{ErrorCode::unavailable,
                   fmt::format("cannot {} {}:{}: {}", what, options.host, options.port, ec.message()),
                   {}};
    };
    acceptor.open(endpoint.protocol(), ec);
    if (ec) return fail("open");
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    acceptor.bind(endpoint, ec);
    if (ec) return fail("bind");
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen on");
    bound_port = acceptor.local_endpoint().port();
    work.emplace(ioc.get_executor());
    asio::co_spawn(ioc, listen(), asio::detached);
    for (int i = 0; i < std::max(1, options.io_threads); ++i) io_threads.emplace_back([this] { ioc.run(); });
    started = true;
    return bound_port;
  }

  void stop() {
    {
      std::lock_guard lock(stop_mutex);
      if (stopped || !started) {
        stopped = true;
        stop_cv.notify_all();
        return;
      }
      stopped = true;
    }
    stopping = true;
    asio::post(ioc, [this] {
      beast::error_code ec;
      acceptor.close(ec);
    });
    close_connections(true);
    // In-flight requests finish (each answers with Connection: close and ends its connection); idle ones that
    // were mid-way to becoming busy see `stopping` and leave on their own.
    {
      std::unique_lock lock(mutex);
      idle_cv.wait_for(lock, options.shutdown_grace, [this] { return connections.empty(); });
      if (!connections.empty()) {
        spdlog::warn("shutdown grace period over with {} connection(s) open; closing them", connections.size());
      }
    }
    close_connections(false);
    work.reset();
    ioc.stop();
    for (auto& t : io_threads) t.join();
    io_threads.clear();
    workers.join();
    {
      std::lock_guard lock(stop_mutex);
      stop_cv.notify_all();
    }
  }

  // Closes the sockets of idle connections (or of all), on each connection's strand, and waits until done so
  // that stopping the io_context afterwards cannot drop a close.
  void close_connections(bool only_idle) {
    struct Countdown {
      std::mutex m;
      std::condition_variable cv;
      std::size_t left = 0;
    };
    auto countdown = std::make_shared<Countdown>();
    {
      std::lock_guard lock(mutex);
      countdown->left = connections.size();
      for (auto& [id, conn] : connections) {
        asio::post(conn->executor, [conn = conn, only_idle, countdown] {
          if ((conn->idle || !only_idle) && conn->stream) {
            beast::error_code ec;
            conn->stream->socket().shutdown(tcp::socket::shutdown_both, ec);
            conn->stream->socket().close(ec);
          }
          std::lock_guard l(countdown->m);
          if (--countdown->left == 0) countdown->cv.notify_all();
        });
      }
    }
    std::unique_lock l(countdown->m);
    countdown->cv.wait_for(l, std::chrono::seconds(2), [&] { return countdown->left == 0; });
  }
};

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() { stop(); }

Result<std::uint16_t> Server::start() {
  if (impl_->started) return Error{ErrorCode::internal, "server already started", {}};
  return impl_->start();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::string Server::address() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->bound_port);
}

void Server::stop() { impl_->stop(); }

int Server::in_flight() const { return impl_->busy.load(); }

void Server::run_until_signal() {
  asio::signal_set signals(impl_->ioc, SIGINT, SIGTERM);
  std::promise<int> got;
  auto future = got.get_future();
  signals.async_wait([&got](const beast::error_code& ec, int signal) {
    if (!ec) {
      spdlog::info("signal {} received: shutting down", signal);
      got.set_value(signal);
    }
  });
  // Returns on a signal, or when another thread has already stopped the server.
  for (;;) {
    if (future.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready) break;
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopped) break;
  }
  beast::error_code ec;
  signals.cancel(ec);
  stop();
}

}  // namespace xeploai::http
