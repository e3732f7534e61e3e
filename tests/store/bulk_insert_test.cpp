// BulkInsert on both backends: single-row prepared INSERTs on SQLite, COPY FROM STDIN on PostgreSQL. Values that COPY's
// text format must escape come back exactly; a bad row fails the caller's transaction and nothing is stored.
#include "store/bulk_insert.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "store/database.hpp"
#include "store/testing/temporary_database.hpp"
#include "store/testing/temporary_database_gtest.hpp"

namespace xeploai::store {
namespace {

using testing::Backend;
using testing::TemporaryDatabase;

class BulkInsertTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    temp_ = std::make_unique<TemporaryDatabase>(GetParam());
    db_ = temp_->open(2, {});
    const bool pg = db_->dialect() == Dialect::postgres;
    auto tx = db_->begin();
    // A real boolean column on PostgreSQL: the store writes booleans as 0/1, which COPY must accept there too.
    tx->execute(std::string("CREATE TABLE vals (id BIGINT PRIMARY KEY, t TEXT, i BIGINT, r ") +
                (pg ? "DOUBLE PRECISION" : "REAL") + ", b " + (pg ? "BYTEA" : "BLOB") + ", flag " +
                (pg ? "BOOLEAN" : "INTEGER") + ", card TEXT UNIQUE, age BIGINT CHECK (age >= 18))");
    tx->commit();
  }
  void TearDown() override {
    db_.reset();
    temp_.reset();
  }
  std::int64_t count() {
    auto tx = db_->begin(Access::read);
    return tx->query_one("SELECT count(*) FROM vals")->get_int(0);
  }
  std::unique_ptr<TemporaryDatabase> temp_;
  std::unique_ptr<Database> db_;
};

const std::vector<std::string> kColumns = {"id", "t", "i", "r", "b", "flag", "card", "age"};

TEST_P(BulkInsertTest, AwkwardValuesRoundTripExactly) {
  Blob every_byte;
  for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<unsigned char>(b));
  const std::vector<std::string> texts = {
      "tab\there",
      "line\nbreak and\r\nwindows",
      "back\\slash \\N \\t \\\\",  // escapes that must stay literal text
      "\\N",                        // the NULL marker as a real string
      "",                           // empty, not NULL
      "Nguyễn Thị Ánh Tuyết — Đảng bộ xã Phước Hưng, ấp Mỹ Thạnh",
      "trailing backslash\\",
      "a\tb\nc\\d\re",
  };
  {
    auto tx = db_->begin();
    BulkInsert insert(*tx, "vals", kColumns);
    std::int64_t id = 0;
    for (const auto& t : texts) {
      ++id;
      insert.add(params(id, t, std::numeric_limits<std::int64_t>::min() + id, 0.1 * static_cast<double>(id),
                        every_byte, id % 2 == 0, std::nullopt, std::nullopt));
    }
    // A row of NULLs but its key.
    insert.add(params(++id, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt));
    insert.add(params(++id, "extremes", std::numeric_limits<std::int64_t>::max(), -1.7976931348623157e308, Blob{},
                      true, "CARD-1", 18));
    insert.flush();
    // Inside the caller's transaction: visible to it before the commit.
    EXPECT_EQ(tx->query_one("SELECT count(*) FROM vals")->get_int(0), static_cast<std::int64_t>(texts.size()) + 2);
    tx->commit();
  }
  auto tx = db_->begin(Access::read);
  auto rows = tx->query("SELECT id, t, i, r, b, flag, card, age FROM vals ORDER BY id");
  ASSERT_EQ(rows.size(), texts.size() + 2);
  for (std::size_t k = 0; k < texts.size(); ++k) {
    const auto id = static_cast<std::int64_t>(k + 1);
    EXPECT_EQ(rows[k].get_text(1), texts[k]) << "row " << id;
    EXPECT_EQ(rows[k].get_int(2), std::numeric_limits<std::int64_t>::min() + id);
    EXPECT_EQ(rows[k].get_double(3), 0.1 * static_cast<double>(id));
    EXPECT_EQ(rows[k].get_blob(4), every_byte);
    EXPECT_EQ(rows[k].get_bool(5), id % 2 == 0);
    EXPECT_TRUE(rows[k].is_null(6));
    EXPECT_TRUE(rows[k].is_null(7));
  }
  const auto& nulls = rows[texts.size()];
  for (std::size_t c = 1; c < kColumns.size(); ++c) EXPECT_TRUE(nulls.is_null(c)) << kColumns[c];
  const auto& last = rows.back();
  EXPECT_EQ(last.get_int(2), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(last.get_double(3), -1.7976931348623157e308);
  EXPECT_TRUE(last.get_blob(4).empty());
  EXPECT_FALSE(last.is_null(4)) << "an empty blob is not NULL";
  EXPECT_TRUE(last.get_bool(5));
  EXPECT_EQ(last.get_text(6), "CARD-1");
}

// More rows than one COPY carries (BulkInsert::kCopyBytes), with flushes of a second table interleaved.
TEST_P(BulkInsertTest, LargeBatchesRoundTrip) {
  const std::int64_t n = 20000;
  const std::string filler(400, 'x');
  {
    auto tx = db_->begin();
    tx->execute("CREATE TABLE side (id BIGINT PRIMARY KEY, note TEXT)");
    BulkInsert insert(*tx, "vals", kColumns);
    BulkInsert side(*tx, "side", {"id", "note"});
    for (std::int64_t id = 1; id <= n; ++id) {
      insert.add(params(id, "người\t" + std::to_string(id) + "\n" + filler, id * 3, std::nullopt, std::nullopt,
                        id % 3 == 0, "C" + std::to_string(id), 18 + id % 60));
      if (id % 7 == 0) side.add(params(id, "ghi chú " + std::to_string(id)));
    }
    insert.flush();
    side.flush();
    tx->commit();
  }
  EXPECT_EQ(count(), n);
  auto tx = db_->begin(Access::read);
  auto sums = tx->query_one("SELECT sum(i), sum(age), count(*) FROM vals WHERE t LIKE '%' || $1", params(filler));
  EXPECT_EQ(sums->get_int(0), 3 * n * (n + 1) / 2);
  EXPECT_EQ(sums->get_int(2), n);
  EXPECT_EQ(tx->query_one("SELECT count(*) FROM side")->get_int(0), n / 7);
  EXPECT_EQ(tx->query_one("SELECT t FROM vals WHERE id = $1", params(n - 1))->get_text(0),
            "người\t" + std::to_string(n - 1) + "\n" + filler);
  EXPECT_EQ(tx->query_one("SELECT note FROM side WHERE id = $1", params(14))->get_text(0), "ghi chú 14");
}

// A bad row past the first COPY's worth of data: the error names it, the transaction is failed and nothing of the
// rows before it, in this COPY or an earlier one, is kept.
TEST_P(BulkInsertTest, BadRowFailsTheTransactionNamingTheRowAndStoresNothing) {
  const std::string filler(1000, 'y');
  const std::int64_t bad = 6000;  // the first COPY ends near row 4,150
  {
    auto tx = db_->begin();
    BulkInsert insert(*tx, "vals", kColumns);
    std::string error;
    try {
      for (std::int64_t id = 1; id <= bad + 100; ++id)
        insert.add(params(id, filler, id, std::nullopt, std::nullopt, false, "C" + std::to_string(id),
                          id == bad ? 17 : 30));  // 17 breaks CHECK (age >= 18)
      insert.flush();
    } catch (const ConstraintViolation& e) {
      error = e.what();
    }
    ASSERT_FALSE(error.empty()) << "the CHECK violation must surface";
    if (db_->dialect() == Dialect::postgres) {
      EXPECT_NE(error.find("row " + std::to_string(bad) + " "), std::string::npos) << error;
    }
    EXPECT_THROW(tx->query("SELECT 1"), DatabaseError) << "the transaction can only roll back";
    EXPECT_THROW(tx->commit(), DatabaseError);
  }
  EXPECT_EQ(count(), 0);
  // A duplicate key inside one COPY: the same.
  {
    auto tx = db_->begin();
    BulkInsert insert(*tx, "vals", kColumns);
    EXPECT_THROW(
        {
          for (std::int64_t id = 1; id <= 50; ++id)
            insert.add(params(id, "t", id, std::nullopt, std::nullopt, false, id == 42 ? "C1" : "C" + std::to_string(id),
                              30));
          insert.flush();
        },
        ConstraintViolation);
  }
  EXPECT_EQ(count(), 0);
  // The pooled connection is clean afterwards.
  {
    auto tx = db_->begin();
    BulkInsert insert(*tx, "vals", kColumns);
    insert.add(params(1, "ok", 1, std::nullopt, std::nullopt, true, "C1", 20));
    insert.flush();
    tx->commit();
  }
  EXPECT_EQ(count(), 1);
}

TEST_P(BulkInsertTest, RowOfTheWrongWidthIsRefusedBeforeAnythingIsSent) {
  auto tx = db_->begin();
  BulkInsert insert(*tx, "vals", kColumns);
  EXPECT_THROW(insert.add(params(1, "only two")), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkInsertTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::store
