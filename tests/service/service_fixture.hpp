#pragma once
// A fresh migrated database per test on each backend, a small province, and callers with roles on it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "service/org/common.hpp"
#include "service/org/units.hpp"
#include "service/people/people.hpp"
#include "store/testing/temporary_database_gtest.hpp"

namespace xeploai::service::testing {

class ServiceTest : public ::testing::TestWithParam<store::testing::Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    temp_ = std::make_unique<store::testing::TemporaryDatabase>(GetParam());
    db_ = temp_->open();
    db_->migrate();
    auto tx = db_->begin();
    province_ = org::create_root_unit(*tx, "province_committee", "Đảng bộ tỉnh Thử Nghiệm", "T", "2000-01-01");
    tx->commit();
    admin_.account_id = 0;
    admin_.username = "admin";
    admin_.grants = {{Role::administrator, province_}};
  }
  void TearDown() override {
    db_.reset();
    temp_.reset();
  }

  // Runs `f(tx)` in a write transaction, committing only when the result is ok (as the API does).
  template <class F>
  auto write(F&& f) {
    auto tx = db_->begin();
    auto result = f(*tx);
    if (result.ok()) tx->commit();
    return result;
  }
  template <class F>
  auto read(F&& f) {
    auto tx = db_->begin(store::Access::read);
    return f(*tx);
  }

  std::int64_t unit(const std::string& kind, const std::string& name, const std::string& code, std::int64_t parent,
                    const std::string& established = "2010-01-01") {
    auto r = write([&](store::Transaction& tx) {
      return org::create_unit(
          tx, call(),
          {{"kind", kind}, {"name", name}, {"code", code}, {"parent_id", parent}, {"established_on", established}});
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message + " " + describe(r.error()));
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }

  std::int64_t person(const std::string& name, std::int64_t cell, const std::string& card,
                      const std::string& joined = "2015-01-01", const std::string& status = "active") {
    auto r = write([&](store::Transaction& tx) {
      return people::create_person(
          tx, call(),
          {{"full_name", name}, {"unit_id", cell}, {"card_number", card}, {"status", status}, {"joined_on", joined}});
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error()));
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }

  static std::string describe(const Error& e) {
    std::string s = e.message;
    for (auto& d : e.details) s += " [" + d.path + ": " + d.problem + "]";
    return s;
  }

  std::int64_t count(const std::string& sql) {
    return read([&](store::Transaction& tx) { return tx.query_one(sql)->get_int(0); });
  }

  Call call() { return Call{admin_, "test-request"}; }
  Call call_as(const Principal& p) { return Call{p, "test-request"}; }

  std::unique_ptr<store::testing::TemporaryDatabase> temp_;
  std::unique_ptr<store::Database> db_;
  std::int64_t province_ = 0;
  Principal admin_;
};

}  // namespace xeploai::service::testing
