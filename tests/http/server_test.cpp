// The real server on port 0 in-process, driven by a real Beast client over loopback.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <thread>

#include "http/client.hpp"
#include "http/system_routes.hpp"

namespace xeploai::http {
namespace {

using namespace std::chrono_literals;
using testing::body_json;
using testing::Client;

RouteDoc doc(std::string summary) {
  RouteDoc d;
  d.summary = std::move(summary);
  d.tag = "test";
  return d;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/api/v1/things/{id}", doc("one thing"), [](Request& r) {
      return Response::json({{"id", r.path_params.at("id")},
                             {"q", r.query.count("q") ? r.query.at("q") : ""},
                             {"request_id", r.request_id},
                             {"session", r.cookie("xeploai_session").value_or("")}});
    });
    router.add("POST", "/api/v1/echo", doc("echo"), [](Request& r) {
      auto body = parse_json_body(r);
      if (!body) return Response::error(body.error());
      return Response::json({{"got", *body}}, 201);
    });
    router.add("GET", "/api/v1/slow", doc("slow"), [this](Request&) {
      slow_started.count_down();
      std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
      return Response::json({{"slow", true}});
    });
    router.add("GET", "/api/v1/block", doc("blocks until released"), [this](Request&) {
      block_started.count_down();
      release.get_future().wait();
      return Response::json({{"released", true}});
    });
    router.add("GET", "/api/v1/throw", doc("throws"),
               [](Request&) -> Response { throw std::runtime_error("db.cpp:77 password=hunter2"); });
    options.port = 0;
    options.io_threads = 1;  // one I/O thread: anything that blocked it would stall every other request
    options.worker_threads = 2;
    options.log_requests = false;
  }

  void start() {
    server = std::make_unique<Server>(router, options);
    auto port = server->start();
    ASSERT_TRUE(port.ok()) << port.error().message;
    ASSERT_NE(*port, 0);
  }

  Router router;
  ServerOptions options;
  std::unique_ptr<Server> server;
  int slow_ms = 300;
  std::latch slow_started{1};
  std::latch block_started{1};
  std::promise<void> release;
};

TEST_F(ServerTest, RoutesParamsQueryCookiesOverKeepAlive) {
  start();
  Client c(server->port());
  auto r = c.request("GET", "/api/v1/things/%C4%91%E1%BA%A3ng?q=nguy%E1%BB%85n+v%C4%83n", "",
                     {{"Cookie", "a=1; xeploai_session=tok"}});
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "application/json; charset=utf-8");
  auto j = body_json(r);
  EXPECT_EQ(j["id"], "đảng");
  EXPECT_EQ(j["q"], "nguyễn văn");
  EXPECT_EQ(j["session"], "tok");
  EXPECT_TRUE(r.keep_alive());

  // Same connection again: keep-alive works, and a JSON body round-trips.
  r = c.request("POST", "/api/v1/echo", R"({"tên": "Chi bộ 3"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.result_int(), 201);
  EXPECT_EQ(body_json(r)["got"]["tên"], "Chi bộ 3");
}

TEST_F(ServerTest, ErrorsUseTheErrorShape) {
  start();
  Client c(server->port());
  auto r = c.request("GET", "/api/v1/nothing");
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(body_json(r)["error"]["code"], "not_found");

  r = c.request("DELETE", "/api/v1/echo");
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r["Allow"], "POST");

  r = c.request("POST", "/api/v1/echo", "{\"a\": ");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(body_json(r)["error"]["details"][0]["path"], "body");

  r = c.request("GET", "/api/v1/things/1?q=%FF");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(body_json(r)["error"]["code"], "invalid_input");

  r = c.request("GET", "/api/v1/throw");
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(r.body().find("hunter2"), std::string::npos);
  EXPECT_EQ(body_json(r)["error"]["code"], "internal");
  // The connection survives a handler's exception.
  EXPECT_EQ(c.request("GET", "/api/v1/things/1").result_int(), 200);
}

TEST_F(ServerTest, RequestIdIsGeneratedOrEchoed) {
  start();
  Client c(server->port());
  auto r = c.request("GET", "/api/v1/things/1", "", {{"X-Request-Id", "proxy-abc.123"}});
  EXPECT_EQ(r["X-Request-Id"], "proxy-abc.123");
  EXPECT_EQ(body_json(r)["request_id"], "proxy-abc.123");

  r = c.request("GET", "/api/v1/things/1", "", {{"X-Request-Id", "bad id with spaces\""}});
  std::string generated(r["X-Request-Id"]);
  EXPECT_EQ(generated.size(), 16u);
  EXPECT_EQ(body_json(r)["request_id"], generated);
  auto r2 = c.request("GET", "/api/v1/things/1");
  EXPECT_NE(std::string(r2["X-Request-Id"]), generated);
}

TEST_F(ServerTest, OversizedContentLengthIsRefusedBeforeTheBodyIsRead) {
  options.body_limit = 1024;
  start();
  Client c(server->port());
  // Only the header is sent: the 413 must arrive without the server waiting for 100 MB.
  c.write_raw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100000000\r\n\r\n");
  auto r = c.read();
  EXPECT_EQ(r.result_int(), 413);
  auto j = body_json(r);
  EXPECT_EQ(j["error"]["code"], "payload_too_large");
  EXPECT_EQ(j["error"]["details"][0]["path"], "body");
  EXPECT_FALSE(r.keep_alive());
  EXPECT_TRUE(c.closed_by_peer());

  // A body just under the limit is fine.
  Client ok(server->port());
  std::string body = "{\"s\": \"" + std::string(1000, 'x') + "\"}";
  ASSERT_LT(body.size(), 1024u);
  EXPECT_EQ(ok.request("POST", "/api/v1/echo", body).result_int(), 201);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  options.body_limit = 1024;
  start();
  Client c(server->port());
  std::string chunk(2000, 'x');
  c.write_raw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + chunk +
              "\r\n0\r\n\r\n");
  auto r = c.read();
  EXPECT_EQ(r.result_int(), 413);
}

TEST_F(ServerTest, HeaderTooLargeIs431) {
  options.header_limit = 4096;
  start();
  Client c(server->port());
  c.write_raw("GET /api/v1/things/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
  auto r = c.read();
  EXPECT_EQ(r.result_int(), 431);
  EXPECT_EQ(body_json(r)["error"]["code"], "invalid_input");
}

TEST_F(ServerTest, SlowHandlerAnswers503InTheErrorShape) {
  options.handler_timeout = 100ms;
  slow_ms = 1000;
  start();
  Client c(server->port());
  auto r = c.request("GET", "/api/v1/slow");
  EXPECT_EQ(r.result_int(), 503);
  auto j = body_json(r);
  EXPECT_EQ(j["error"]["code"], "unavailable");
  EXPECT_EQ(j["error"]["details"][0]["path"], "handler");
}

TEST_F(ServerTest, OtherRequestsAreServedWhileAHandlerBlocks) {
  start();
  auto blocked = std::async(std::launch::async, [&] {
    Client c(server->port());
    return c.request("GET", "/api/v1/block");
  });
  block_started.wait();
  // The blocked handler occupies one worker; the single I/O thread and the other worker keep serving.
  for (int i = 0; i < 5; ++i) {
    Client c(server->port());
    EXPECT_EQ(c.request("GET", "/api/v1/things/" + std::to_string(i)).result_int(), 200);
  }
  release.set_value();
  EXPECT_EQ(blocked.get().result_int(), 200);
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightAndClosesIdle) {
  options.shutdown_grace = 5s;
  start();
  const auto port = server->port();
  Client idle(port);
  EXPECT_EQ(idle.request("GET", "/api/v1/things/1").result_int(), 200);  // now idle on keep-alive

  auto in_flight = std::async(std::launch::async, [&] {
    Client c(port);
    return c.request("GET", "/api/v1/block");
  });
  block_started.wait();
  auto stopping = std::async(std::launch::async, [&] { server->stop(); });
  // The idle connection is closed while the in-flight request is still running.
  EXPECT_TRUE(idle.closed_by_peer());
  EXPECT_EQ(stopping.wait_for(100ms), std::future_status::timeout);  // stop() waits for the in-flight request
  release.set_value();
  auto r = in_flight.get();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(body_json(r)["released"], true);
  EXPECT_FALSE(r.keep_alive());
  stopping.get();
  // No longer accepting.
  EXPECT_THROW(Client late(port), boost::system::system_error);
}

TEST_F(ServerTest, ShutdownGiveUpAfterTheGracePeriod) {
  options.shutdown_grace = 200ms;
  start();
  auto in_flight = std::async(std::launch::async, [&] {
    Client c(server->port());
    try {
      c.request("GET", "/api/v1/block");
      return false;
    } catch (const boost::system::system_error&) {
      return true;  // cut off
    }
  });
  block_started.wait();
  auto stopping = std::async(std::launch::async, [&] { server->stop(); });
  EXPECT_TRUE(in_flight.get());
  release.set_value();  // lets the worker pool join
  stopping.get();
}

TEST_F(ServerTest, HealthAndOpenApiCoverEveryRoute) {
  bool db_up = true;
  add_system_routes(router, {"9.9.9", [&] { return db_up; }, [] { return 7; }});
  start();
  Client c(server->port());
  auto r = c.request("GET", "/api/v1/health");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(body_json(r), (Json{{"status", "ok"}, {"version", "9.9.9"}, {"database", true}, {"schema_version", 7}}));
  db_up = false;
  r = c.request("GET", "/api/v1/health");
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(body_json(r)["database"], false);

  r = c.request("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.result_int(), 200);
  auto api = body_json(r);
  EXPECT_EQ(api["info"]["version"], "9.9.9");
  ASSERT_GE(router.routes().size(), 7u);
  for (const auto& route : router.routes()) {
    std::string m = route.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(ch));
    EXPECT_TRUE(api["paths"].contains(route.pattern) && api["paths"][route.pattern].contains(m))
        << route.method << " " << route.pattern << " is missing from openapi.json";
  }
  EXPECT_EQ(api["paths"]["/api/v1/health"]["get"]["security"], Json::array());
}

TEST_F(ServerTest, StaticFilesWithFallbackTypesCachingAndNoTraversal) {
  namespace fs = std::filesystem;
  fs::path base = fs::path(XEPLOAI_BINARY_DIR) / "test_http_static";
  fs::remove_all(base);
  fs::create_directories(base / "dist" / "assets");
  std::ofstream(base / "dist" / "index.html") << "<!doctype html><title>xeploai</title>";
  std::ofstream(base / "dist" / "assets" / "index-3f2a9c1b.js") << "console.log(1)";
  std::ofstream(base / "dist" / "logo.svg") << "<svg/>";
  std::ofstream(base / "secret.txt") << "top secret";
  fs::create_symlink(base / "secret.txt", base / "dist" / "link.txt");
  options.web_root = (base / "dist").string();
  start();
  Client c(server->port());

  auto r = c.request("GET", "/");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(r[boost::beast::http::field::cache_control], "no-cache");

  r = c.request("GET", "/assets/index-3f2a9c1b.js");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "console.log(1)");
  EXPECT_EQ(r[boost::beast::http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(r[boost::beast::http::field::cache_control], "public, max-age=31536000, immutable");

  r = c.request("GET", "/logo.svg");
  EXPECT_EQ(r[boost::beast::http::field::content_type], "image/svg+xml");

  // A client-side route gets the app; a missing asset is a 404.
  r = c.request("GET", "/units/12/people");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_NE(r.body().find("<title>xeploai"), std::string::npos);
  EXPECT_EQ(c.request("GET", "/assets/missing-12345678.js").result_int(), 404);

  // No way out of the root: dot-dot (raw and encoded) and symlinks.
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2F..%2Fsecret.txt", "/link.txt", "/..%5csecret.txt"}) {
    Client t(server->port());
    auto tr = t.request("GET", target);
    EXPECT_EQ(tr.body().find("top secret"), std::string::npos) << target;
    EXPECT_NE(tr.result_int(), 200) << target;
  }
  // /api paths never fall back to the app.
  EXPECT_EQ(c.request("GET", "/api/v1/nothing").result_int(), 404);
}

TEST_F(ServerTest, BindFailureIsReported) {
  start();
  ServerOptions other = options;
  other.port = server->port();
  Server second(router, other);
  auto r = second.start();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(std::to_string(server->port())), std::string::npos);
}

}  // namespace
}  // namespace xeploai::http
