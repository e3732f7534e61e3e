#pragma once
// A small synchronous Beast client over loopback for the server tests.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace xeploai::http::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using BeastResponse = bhttp::response<bhttp::string_body>;

class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  BeastResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(socket_, req);
    return read();
  }
  BeastResponse read() {
    BeastResponse res;
    bhttp::read(socket_, buffer_, res);
    return res;
  }
  void write_raw(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }
  // True when the server has closed the connection (reads EOF).
  bool closed_by_peer() {
    char c;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }
  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

inline nlohmann::json body_json(const BeastResponse& r) { return nlohmann::json::parse(r.body()); }

}  // namespace xeploai::http::testing
