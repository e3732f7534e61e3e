// Precompressed static assets: Accept-Encoding parsing, and the real server answering real gzip files over loopback.
#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/client.hpp"
#include "http/server.hpp"

namespace xeploai::http {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using testing::Client;

TEST(AcceptsGzip, ParsesTokensAndQualityValues) {
  EXPECT_TRUE(StaticFiles::accepts_gzip("gzip"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("gzip, deflate, br, zstd"));  // what Chromium sends
  EXPECT_TRUE(StaticFiles::accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(StaticFiles::accepts_gzip(" deflate ,\tgzip ; q=0.001"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("x-gzip"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("*"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("br, *;q=0.1"));

  EXPECT_FALSE(StaticFiles::accepts_gzip(""));
  EXPECT_FALSE(StaticFiles::accepts_gzip("identity"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("br, deflate"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip; Q=0.000"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("*;q=0"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=0, *"));     // an explicit gzip entry wins over "*"
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzipped, xgzip"));  // tokens, not substrings
  // Malformed q values drop their entry rather than guessing.
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=2"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=abc"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=0.0001"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=1.5"));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `text` to `p` and a real gzip -9 of it beside it (the same tool family as web/scripts/compress.mjs).
void write_with_gzip(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
  std::string cmd = "gzip -9 -k -f '" + p.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  ASSERT_TRUE(fs::is_regular_file(fs::path(p.string() + ".gz")));
}

class PrecompressedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test and process: ctest -j runs these tests side by side.
    base = fs::path(XEPLOAI_BINARY_DIR) /
           ("test_http_precompressed-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "-" + std::to_string(::getpid()));
    fs::remove_all(base);
    dist = base / "dist";
    fs::create_directories(dist / "assets");
    js = "console.log(" + std::string(2000, '7') + ");\n";
    html = "<!doctype html><title>xeploai</title>" + std::string(500, ' ');
    write_with_gzip(dist / "assets" / "index-3f2a9c1b.js", js);
    write_with_gzip(dist / "index.html", html);
    write_with_gzip(dist / "assets" / "plain-aaaabbbb.css", "body{}");
    fs::remove(dist / "assets" / "plain-aaaabbbb.css.gz");  // a compressible file without a .gz
    std::ofstream(dist / "logo.png", std::ios::binary) << "\x89PNG";
    write_with_gzip(dist / "logo.png", "\x89PNG");  // not a compressible type: its .gz must be ignored
    // Only the compressed form exists: the path does not exist as far as clients are concerned.
    write_with_gzip(dist / "assets" / "orphan-12345678.js", "orphan()");
    fs::remove(dist / "assets" / "orphan-12345678.js");

    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 1;
    options.log_requests = false;
    options.web_root = dist.string();
    server = std::make_unique<Server>(router, options);
    auto port = server->start();
    ASSERT_TRUE(port.ok()) << port.error().message;
  }

  void TearDown() override {
    server.reset();
    std::error_code ignored;
    fs::remove_all(base, ignored);
  }

  fs::path base, dist;
  std::string js, html;
  Router router;
  ServerOptions options;
  std::unique_ptr<Server> server;
};

TEST_F(PrecompressedTest, GzipAnsweredWhenAcceptedWithOriginalTypeAndVary) {
  Client c(server->port());
  auto r = c.request("GET", "/assets/index-3f2a9c1b.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(r[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(r[bhttp::field::vary], "Accept-Encoding");
  EXPECT_EQ(r[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(r.body(), slurp(dist / "assets" / "index-3f2a9c1b.js.gz"));
  ASSERT_GE(r.body().size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(r.body()[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(r.body()[1]), 0x8b);
  EXPECT_LT(r.body().size(), js.size());
  EXPECT_EQ(r[bhttp::field::content_length], std::to_string(r.body().size()));

  // The app shell, both by "/" and by a client-side route's fallback, keeps its no-cache revalidation.
  for (const char* target : {"/", "/units/12/people"}) {
    r = c.request("GET", target, "", {{"Accept-Encoding", "gzip"}});
    ASSERT_EQ(r.result_int(), 200) << target;
    EXPECT_EQ(r[bhttp::field::content_encoding], "gzip") << target;
    EXPECT_EQ(r[bhttp::field::content_type], "text/html; charset=utf-8") << target;
    EXPECT_EQ(r[bhttp::field::cache_control], "no-cache") << target;
    EXPECT_EQ(r.body(), slurp(dist / "index.html.gz")) << target;
  }

  // HEAD describes the same representation without a body.
  auto h = c.request("HEAD", "/assets/index-3f2a9c1b.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(h.result_int(), 200);
  EXPECT_EQ(h[bhttp::field::content_encoding], "gzip");
}

TEST_F(PrecompressedTest, PlainWhenNotAcceptedOrRefused) {
  for (const std::vector<std::pair<std::string, std::string>>& headers :
       std::vector<std::vector<std::pair<std::string, std::string>>>{{},
                                                                     {{"Accept-Encoding", "br, deflate"}},
                                                                     {{"Accept-Encoding", "gzip;q=0, br"}},
                                                                     {{"Accept-Encoding", "identity"}},
                                                                     {{"Accept-Encoding", "*;q=0"}}}) {
    Client c(server->port());
    auto r = c.request("GET", "/assets/index-3f2a9c1b.js", "", headers);
    std::string label = headers.empty() ? "(no header)" : headers[0].second;
    ASSERT_EQ(r.result_int(), 200) << label;
    EXPECT_EQ(r.body(), js) << label;
    EXPECT_EQ(r[bhttp::field::content_encoding], "") << label;
    EXPECT_EQ(r[bhttp::field::content_type], "text/javascript; charset=utf-8") << label;
    EXPECT_EQ(r[bhttp::field::vary], "Accept-Encoding") << label;  // caches must not reuse it for gzip clients
  }
}

TEST_F(PrecompressedTest, OnlyFreshSiblingsOfCompressibleExistingFiles) {
  Client c(server->port());
  const std::vector<std::pair<std::string, std::string>> gzip{{"Accept-Encoding", "gzip"}};

  // A compressible file without a .gz: plain, still with Vary.
  auto r = c.request("GET", "/assets/plain-aaaabbbb.css", "", gzip);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "body{}");
  EXPECT_EQ(r[bhttp::field::content_encoding], "");
  EXPECT_EQ(r[bhttp::field::vary], "Accept-Encoding");

  // Images are already compressed: never swapped, no Vary.
  r = c.request("GET", "/logo.png", "", gzip);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "\x89PNG");
  EXPECT_EQ(r[bhttp::field::content_encoding], "");
  EXPECT_EQ(r[bhttp::field::vary], "");

  // A .gz whose original is gone is not a page of its own: the original decides, for every client alike.
  EXPECT_EQ(c.request("GET", "/assets/orphan-12345678.js", "", gzip).result_int(), 404);
  EXPECT_EQ(c.request("GET", "/assets/orphan-12345678.js").result_int(), 404);

  // A .gz older than its original (left from a previous build) would serve stale code: the original wins.
  fs::path original = dist / "assets" / "index-3f2a9c1b.js";
  std::ofstream(original, std::ios::binary) << "console.log('new build');";
  fs::last_write_time(original, fs::last_write_time(original.string() + ".gz") + std::chrono::seconds(5));
  r = c.request("GET", "/assets/index-3f2a9c1b.js", "", gzip);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "console.log('new build');");
  EXPECT_EQ(r[bhttp::field::content_encoding], "");
}

TEST_F(PrecompressedTest, GzipSiblingOutsideTheRootIsNotFollowed) {
  // The original is inside the root but its .gz is a symlink to a secret outside it.
  // Written after the original so that only the root check, not staleness, can refuse it.
  std::ofstream(dist / "app-87654321.js", std::ios::binary) << "app()";
  std::ofstream(base / "secret.gz", std::ios::binary) << "top secret";
  fs::last_write_time(base / "secret.gz", fs::last_write_time(dist / "app-87654321.js") + std::chrono::seconds(5));
  fs::create_symlink(base / "secret.gz", dist / "app-87654321.js.gz");
  Client c(server->port());
  auto r = c.request("GET", "/app-87654321.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "app()");
  EXPECT_EQ(r[bhttp::field::content_encoding], "");
}

}  // namespace
}  // namespace xeploai::http
