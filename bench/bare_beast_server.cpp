// The limit for the API benchmark: the same listener setup as http::Server (one io_context run by N I/O
// threads, C++20 coroutines, keep-alive) with a trivial handler answering a small JSON on the I/O thread.
//
//   bare_beast_server --port 0 --io-threads 2                   bare Beast, no router, no worker pool
//   bare_beast_server --port 0 --io-threads 2 --mode server     http::Server with one trivial route: the
//                                                               cost of our server alone (worker hop, logging off)
// Prints "listening on http://127.0.0.1:PORT" and serves GET /api/v1/ping until SIGINT/SIGTERM.
// bench/http/compare.sh runs wrk against it and against a real endpoint in the same run.
// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>
// clang-format off
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
// clang-format on

#include "http/server.hpp"

#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // GCC 12 false positive on asio's coroutine frames

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::string kBody = R"({"status":"ok"})";

asio::awaitable<void> session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> req;
    beast::error_code ec;
    stream.expires_after(std::chrono::seconds(30));
    co_await bhttp::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = kBody;
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !res.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor, asio::io_context& ioc) {
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc));
    beast::error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

int run_bare(std::uint16_t port, int io_threads) {
  asio::io_context ioc(io_threads);
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::printf("listening on http://127.0.0.1:%u\n", acceptor.local_endpoint().port());
  std::fflush(stdout);
  asio::co_spawn(ioc, listen(acceptor, ioc), asio::detached);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { ioc.stop(); });
  std::vector<std::thread> threads;
  for (int i = 1; i < io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  return 0;
}

int run_server(std::uint16_t port, int io_threads, int workers) {
  xeploai::http::Router router;
  xeploai::http::RouteDoc doc;
  doc.summary = "ping";
  router.add("GET", "/api/v1/ping", doc, [](xeploai::http::Request&) {
    xeploai::http::Response r;
    r.body = kBody;
    return r;
  });
  xeploai::http::ServerOptions options;
  options.port = port;
  options.io_threads = io_threads;
  options.worker_threads = workers;
  options.log_requests = false;
  xeploai::http::Server server(router, options);
  auto bound = server.start();
  if (!bound) {
    std::fprintf(stderr, "%s\n", bound.error().message.c_str());
    return 1;
  }
  std::printf("listening on %s\n", server.address().c_str());
  std::fflush(stdout);
  server.run_until_signal();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint16_t port = 0;
  int io_threads = 2, workers = 8;
  std::string mode = "bare";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--port")
      port = static_cast<std::uint16_t>(std::stoi(argv[i + 1]));
    else if (a == "--io-threads")
      io_threads = std::stoi(argv[i + 1]);
    else if (a == "--workers")
      workers = std::stoi(argv[i + 1]);
    else if (a == "--mode")
      mode = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: bare_beast_server [--port N] [--io-threads N] [--workers N] [--mode bare|server]\n");
      return 2;
    }
  }
  return mode == "server" ? run_server(port, io_threads, workers) : run_bare(port, io_threads);
}
