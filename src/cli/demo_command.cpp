// xeploai demo --db PATH|postgresql://... [--members N] [--seed S]: migrates, generates the fictitious province
// (demo/province.hpp), stores it in one transaction, and prints the demo accounts. Refuses a non-empty database.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/demo_seed.hpp"
#include "demo/province.hpp"
#include "demo/results.hpp"
#include "service/auth/accounts.hpp"
#include "store/database.hpp"

namespace xeploai::cli {

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}
}  // namespace

void add_demo_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::int64_t members = 20'000;
    std::uint64_t seed = 2026;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("demo",
                                 "Tạo tỉnh mẫu hư cấu (create a fictitious demo province) in an empty database and "
                                 "print the demo accounts");
  cmd->add_option("--db", options->db, "SQLite file path or postgresql://user@host:port/dbname")
      ->required()
      ->envname("XEPLOAI_DB");
  cmd->add_option("--members", options->members, "party members to generate (1,000 to 10,000,000)")
      ->check(CLI::Range(std::int64_t{1000}, std::int64_t{10'000'000}));
  cmd->add_option("--seed", options->seed, "random seed: the same seed gives the same province");
  cmd->callback([options] {
    try {
      const auto start = std::chrono::steady_clock::now();
      auto db = store::open_database(options->db, 1);
      db->migrate();
      {
        auto tx = db->begin(store::Access::read);
        auto units = tx->query_one("SELECT COUNT(*) FROM units")->get_int(0);
        if (units > 0) {
          std::fprintf(stderr, "%s\n",
                       fmt::format("xeploai demo: cơ sở dữ liệu {} đã có {} đơn vị; hãy dùng một cơ sở dữ liệu trống / "
                                   "the database {} already holds {} units; use an empty database",
                                   options->db, units, options->db, units)
                           .c_str());
          exit_code() = 1;
          return;
        }
      }
      demo::Options generate;
      generate.members = options->members;
      generate.seed = options->seed;
      auto province = demo::generate_province(generate);
      const auto results = demo::generate_results(province, options->seed);
      const double generated = seconds_since(start);
      // One Argon2id hash for every demo account: hashing is slow by design, and they share the password.
      auto hash = service::auth::prepare_password(province.demo_password);
      if (!hash) throw std::runtime_error(hash.error().message);
      auto summary = seed_province(*db, province, results, *hash);
      if (!summary) {
        std::fprintf(stderr, "xeploai demo: %s\n", summary.error().message.c_str());
        exit_code() = 1;
        return;
      }
      std::printf("%s\n",
                  fmt::format("Đã tạo {} (created): {} đơn vị (units), {} tập thể lãnh đạo (collectives), "
                              "{} đảng viên (members), {} chức vụ (posts), {} đợt kiểm điểm đã kết thúc (closed "
                              "cycles) với {} đối tượng đã xếp loại (decided subjects)",
                              province.name, summary->units, summary->collectives, summary->people, summary->posts,
                              summary->cycles, summary->subjects)
                      .c_str());
      std::printf("%s\n", fmt::format("Thời gian (time): {:.2f} s (generation {:.2f} s); bộ nhớ tối đa (peak memory): "
                                      "{} MiB",
                                      seconds_since(start), generated, peak_rss_mib())
                              .c_str());
      std::printf("\nTài khoản mẫu (demo accounts), mật khẩu (password): %s\n", province.demo_password.c_str());
      std::printf("%s\n", fmt::format("  {:<12} {:<20} {}", "username", "role", "unit").c_str());
      for (const auto& a : summary->accounts)
        std::printf("%s\n", fmt::format("  {:<12} {:<20} {}", a.username, a.role, a.unit_name).c_str());
      exit_code() = 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "xeploai demo: %s\n", e.what());
      exit_code() = 1;
    }
  });
}

}  // namespace xeploai::cli
