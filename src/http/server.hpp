#pragma once
// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines. A fixed pool of I/O threads runs one
// io_context (sockets, parsing, timeouts); every handler runs on a separate fixed worker pool, so database and
// password-hashing work never blocks I/O. See docs/architecture.md for the request path.
//
//   http::Server server(router, options);
//   auto port = server.start();          // binds (port 0: any free port) and starts the threads
//   server.run_until_signal();           // SIGTERM/SIGINT -> graceful stop
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"
#include "util/result.hpp"

namespace xeploai::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback by default: exposing the server is an explicit choice
  std::uint16_t port = 8080;       // 0: any free port, reported by start() and port()
  int io_threads = 2;
  int worker_threads = 8;
  std::size_t header_limit = 16 * 1024;                   // bytes of request line + headers; over it: 431
  std::size_t body_limit = 8 * 1024 * 1024;               // bytes; a larger Content-Length is refused (413) unread
  std::chrono::milliseconds read_header_timeout{30'000};  // also the keep-alive idle timeout
  std::chrono::milliseconds read_body_timeout{60'000};
  std::chrono::milliseconds handler_timeout{30'000};  // over it: 503 in the error shape (the handler keeps running)
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};  // how long stop() waits for in-flight requests
  std::string web_root;                              // static files for non-/api paths; empty: none
  bool log_requests = true;                          // one line per request (spdlog, info level)
};

class Server {
 public:
  // `router` must outlive the server and must not change once start() is called.
  Server(const Router& router, ServerOptions options);
  ~Server();  // stop() if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O and worker threads. Returns the bound port, or unavailable naming the
  // address when it cannot bind.
  Result<std::uint16_t> start();
  std::uint16_t port() const;
  std::string address() const;  // "http://127.0.0.1:8080"

  // Graceful stop, callable from any thread except the server's own, idempotent: stops accepting, closes idle
  // keep-alive connections, lets in-flight requests finish (answered with Connection: close) for up to
  // shutdown_grace, then closes everything and joins the threads.
  void stop();
  // Blocks until SIGTERM or SIGINT (or stop() from elsewhere), then stops gracefully.
  void run_until_signal();

  // Requests currently being handled (read, dispatched or written); for tests and shutdown.
  int in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xeploai::http
