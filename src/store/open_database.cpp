#include "store/database.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace xeploai::store {

std::int64_t Transaction::copy_in(std::string_view table, const std::vector<std::string>&, std::string_view,
                                  std::int64_t) {
  throw DatabaseError("COPY FROM STDIN is PostgreSQL only (table " + std::string(table) + ")");
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size, std::vector<Migration> migrations) {
  if (postgres::is_postgres_url(url)) return postgres::open(url, pool_size, std::move(migrations));
  std::string path = url;
  // Accept sqlite:PATH / sqlite://PATH as well, so a config file can name the backend explicitly.
  if (path.starts_with("sqlite://"))
    path = path.substr(9);
  else if (path.starts_with("sqlite:"))
    path = path.substr(7);
  return sqlite::open(path, pool_size, std::move(migrations));
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size) {
  Dialect dialect = postgres::is_postgres_url(url) ? Dialect::postgres : Dialect::sqlite;
  return open_database(url, pool_size, embedded_migrations(dialect));
}

}  // namespace xeploai::store
