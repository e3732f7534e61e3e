#include "service/stats/stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace xeploai::service::stats {

const CategoryInfo kCategoryInfo[kCategories] = {
    {"upper_organizations", "Đảng bộ cấp trên cơ sở", "Upper-level party committees"},
    {"grassroots_organizations", "Tổ chức cơ sở đảng", "Grassroots party organizations"},
    {"sectional_committees", "Đảng bộ bộ phận", "Sectional party committees"},
    {"cells", "Chi bộ trực thuộc", "Subordinate party cells"},
    {"members", "Đảng viên", "Party members"},
    {"leadership_collectives", "Tập thể lãnh đạo, quản lý", "Leadership collectives"},
    {"leaders", "Cán bộ lãnh đạo, quản lý", "Leaders and managers"},
    {"leaders_province", "Cán bộ thuộc diện cấp tỉnh quản lý", "Leaders managed by the province"},
    {"leaders_district", "Cán bộ thuộc diện cấp huyện quản lý", "Leaders managed by the district"},
    {"leaders_grassroots", "Cán bộ lãnh đạo, quản lý cấp cơ sở", "Grassroots leaders"},
};

std::int64_t Counts::total() const {
  std::int64_t t = 0;
  for (auto v : n) t += v;
  return t;
}
std::int64_t Counts::decided() const { return n[0] + n[1] + n[2] + n[3]; }
Counts& Counts::operator+=(const Counts& o) {
  for (std::size_t i = 0; i < kColumns; ++i) n[i] += o.n[i];
  return *this;
}

std::array<double, kColumns> shares(const Counts& c) {
  std::array<double, kColumns> out{};
  // Grades: tenths of a percent by largest remainder (ties to the better grade), so that they sum to 100.0.
  if (const auto base = c.decided(); base > 0) {
    std::array<std::int64_t, 4> tenths{};
    std::array<std::int64_t, 4> remainder{};
    std::int64_t given = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      tenths[i] = c.n[i] * 1000 / base;
      remainder[i] = c.n[i] * 1000 % base;
      given += tenths[i];
    }
    std::array<std::size_t, 4> order{0, 1, 2, 3};
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return remainder[a] > remainder[b]; });
    for (std::size_t k = 0; given < 1000 && k < 4; ++k, ++given) ++tenths[order[k]];
    for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<double>(tenths[i]) / 10.0;
  }
  if (const auto total = c.total(); total > 0)
    for (std::size_t i = 4; i < kColumns; ++i)
      out[i] = static_cast<double>((c.n[i] * 2000 / total + 1) / 2) / 10.0;  // half up, in tenths
  return out;
}

namespace {

constexpr const char* kDecidedStates = "'decided', 'published', 'complaint_filed', 'regrading'";

bool decided_state(std::string_view s) {
  return s == "decided" || s == "published" || s == "complaint_filed" || s == "regrading";
}

std::optional<Column> grade_column(std::string_view g) {
  if (g == "HTXSNV") return Column::htxsnv;
  if (g == "HTTNV") return Column::httnv;
  if (g == "HTNV") return Column::htnv;
  if (g == "KHTNV") return Column::khtnv;
  return std::nullopt;
}

// Where a subject falls: not graded, its decided grade, or pending.
Column column_of(bool graded, std::string_view state, const std::optional<std::string>& grade) {
  if (!graded) return Column::not_graded;
  if (grade && decided_state(state))
    if (auto c = grade_column(*grade)) return *c;
  return Column::pending;
}

std::optional<Category> organization_category(std::string_view unit_kind) {
  if (unit_kind == "province_committee" || unit_kind == "upper_grassroots_committee")
    return Category::upper_organizations;
  if (unit_kind == "grassroots_committee" || unit_kind == "grassroots_cell") return Category::grassroots_organizations;
  if (unit_kind == "sectional_committee") return Category::sectional_committees;
  if (unit_kind == "cell") return Category::cells;
  return std::nullopt;
}

std::vector<std::int64_t> path_ids(std::string_view path) {
  std::vector<std::int64_t> out;
  std::int64_t v = 0;
  bool any = false;
  for (char ch : path) {
    if (ch == '/') {
      if (any) out.push_back(v);
      v = 0;
      any = false;
    } else {
      v = v * 10 + (ch - '0');
      any = true;
    }
  }
  return out;
}

struct CycleInfo {
  CycleRef ref;
  std::string root_path;
  std::string grading_date;
};

// The subjects of a cycle in the units of [lo, hi), counted per unit (each subject at the unit of its review).
using Direct = std::unordered_map<std::int64_t, std::pair<std::string, CategoryCounts>>;  // unit -> (path, counts)

// 0 province, 1 district, 2 grassroots: the level of the nearest unit at or above `unit` that is not an agency.
class LevelResolver {
 public:
  explicit LevelResolver(store::Transaction& tx) : tx_(tx) {}
  int level(std::int64_t unit, std::string kind, std::optional<std::int64_t> parent) {
    for (int guard = 0; kind == "agency" && parent && guard < 64; ++guard) {
      auto [k, p] = lookup(*parent);
      kind = k;
      parent = p;
    }
    if (kind == "province_committee") return 0;
    if (kind == "upper_grassroots_committee") return 1;
    return 2;
  }

 private:
  std::pair<std::string, std::optional<std::int64_t>> lookup(std::int64_t id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    auto r = tx_.query_one("SELECT kind, parent_id FROM units WHERE id = $1", store::params(id));
    std::pair<std::string, std::optional<std::int64_t>> v{"", std::nullopt};
    if (r) v = {r->get_text(0), r->get_optional_int(1)};
    return cache_[id] = v;
  }
  store::Transaction& tx_;
  std::unordered_map<std::int64_t, std::pair<std::string, std::optional<std::int64_t>>> cache_;
};

Direct count_direct(store::Transaction& tx, const CycleInfo& c, const std::string& lo, const std::string& hi) {
  Direct out;
  // Members are counted once, at the cell where they are graded (a leader's reviews at their posts are not grades).
  tx.query_each(
      // CROSS JOIN makes SQLite walk the subtree's units and seek each one's subjects in the covering index, rather
      // than read the whole cycle for a small subtree (PostgreSQL plans it as the inner join it is).
      "SELECT u.id, u.path, u.kind, s.kind, s.graded, s.state, s.grade, COUNT(*) FROM units u CROSS JOIN "
      "review_subjects s WHERE s.unit_id = u.id AND s.cycle_id = $1 AND u.path >= $2 AND u.path < $3 AND (s.kind <> "
      "'member' OR s.place = 'cell') GROUP BY u.id, u.path, u.kind, s.kind, s.graded, s.state, s.grade",
      store::params(c.ref.id, lo, hi), [&](const store::Row& r) {
        std::optional<Category> cat;
        const auto kind = r.get_text(3);
        if (kind == "member")
          cat = Category::members;
        else if (kind == "leadership_collective")
          cat = Category::leadership_collectives;
        else
          cat = organization_category(r.get_text(2));
        if (!cat) return;
        auto& slot = out[r.get_int(0)];
        if (slot.first.empty()) slot.first = r.get_text(1);
        slot.second[static_cast<std::size_t>(*cat)][column_of(r.get_bool(4), r.get_text(5), r.get_optional_text(6))] +=
            r.get_int(7);
      });
  // Leaders: members holding a leadership post on the grading date, at the level of their highest such post.
  struct LeaderRow {
    std::int64_t unit;
    std::string path;
    Column column;
    int level;
  };
  std::unordered_map<std::int64_t, LeaderRow> leaders;  // subject -> row
  struct PostRow {
    std::int64_t subject, unit;
    std::string path;
    Column column;
    std::int64_t post_unit;
    std::string post_kind;
    std::optional<std::int64_t> post_parent;
  };
  std::vector<PostRow> posts;
  tx.query_each(
      "SELECT s.id, s.unit_id, u.path, s.graded, s.state, s.grade, pu.id, pu.kind, pu.parent_id FROM units u CROSS "
      "JOIN review_subjects s JOIN posts p ON p.person_id = s.person_id JOIN units pu ON pu.id = p.unit_id WHERE "
      "s.unit_id = u.id AND s.cycle_id = $1 AND u.path >= $2 AND u.path < $3 AND s.kind = 'member' AND s.place = "
      "'cell' "
      "AND p.is_leadership = 1 AND p.valid_from <= $4 AND (p.valid_to IS NULL OR p.valid_to > $4)",
      store::params(c.ref.id, lo, hi, c.grading_date), [&](const store::Row& r) {
        posts.push_back({r.get_int(0), r.get_int(1), r.get_text(2),
                         column_of(r.get_bool(3), r.get_text(4), r.get_optional_text(5)), r.get_int(6), r.get_text(7),
                         r.get_optional_int(8)});
      });
  LevelResolver resolver(tx);
  for (auto& p : posts) {
    const int level = resolver.level(p.post_unit, p.post_kind, p.post_parent);
    auto [it, inserted] = leaders.try_emplace(p.subject, LeaderRow{p.unit, p.path, p.column, level});
    if (!inserted) it->second.level = std::min(it->second.level, level);
  }
  for (auto& [subject, l] : leaders) {
    auto& slot = out[l.unit];
    if (slot.first.empty()) slot.first = l.path;
    slot.second[static_cast<std::size_t>(Category::leaders)][l.column] += 1;
    slot.second[static_cast<std::size_t>(Category::leaders_province) + static_cast<std::size_t>(l.level)][l.column] +=
        1;
  }
  return out;
}

// Subtree totals of every unit on the paths of `direct` (only those inside [lo, hi) when `within` is set).
std::unordered_map<std::int64_t, CategoryCounts> roll_up(const Direct& direct, const std::string* within) {
  std::unordered_map<std::int64_t, CategoryCounts> out;
  const std::size_t skip = within ? path_ids(*within).size() - 1 : 0;  // ancestors above the target
  for (const auto& [unit, entry] : direct) {
    const auto ids = path_ids(entry.first);
    for (std::size_t i = skip; i < ids.size(); ++i) {
      auto& target = out[ids[i]];
      for (std::size_t k = 0; k < kCategories; ++k) target[k] += entry.second[k];
    }
  }
  return out;
}

int rank(std::string_view grade) {
  auto c = grade_column(grade);
  return c ? static_cast<int>(*c) : 99;
}

// Heads graded better than the organization they head, in [lo, hi), tree order.
// `holders`: instead of posts in [lo, hi), the posts (anywhere) of members graded in [lo, hi).
std::vector<LeaderAbove> leaders_above_live(store::Transaction& tx, const CycleInfo& c, const std::string& lo,
                                            const std::string& hi, bool holders = false) {
  std::vector<LeaderAbove> out;
  // A post's collective belongs to the post's unit, where its subject is reviewed: joining on the unit too lets the
  // (cycle_id, unit_id, ...) index find it.
  // Holders: walk the subtree's units, their members' subjects, then those members' posts (CROSS JOIN fixes that
  // order on SQLite); otherwise the posts of the subtree's units.
  tx.query_each(
      fmt::format(
          "SELECT p.id, p.person_id, p.unit_id, pe.full_name, p.title, u.name, ms.grade, og.grade, og.state, cg.grade, "
          "cg.state FROM {2} JOIN units u ON u.id = p.unit_id JOIN people pe ON pe.id = p.person_id JOIN "
          "review_subjects ms ON ms.cycle_id = $1 AND ms.person_id = p.person_id AND ms.kind = 'member' AND ms.place "
          "= 'cell' AND ms.graded = 1 AND ms.state IN ({0}) LEFT JOIN review_subjects og ON og.cycle_id = $1 AND "
          "og.unit_id = p.unit_id AND og.kind = 'party_organization' LEFT JOIN review_subjects cg ON cg.cycle_id = $1 "
          "AND cg.unit_id = p.unit_id AND cg.collective_id = p.collective_id AND cg.kind = "
          "'leadership_collective' WHERE p.is_head = 1 AND p.is_leadership = 1 AND {1} AND p.valid_from <= $4 AND "
          "(p.valid_to IS NULL OR p.valid_to > $4) ORDER BY u.path, p.id",
          kDecidedStates,
          holders ? "mu.path >= $2 AND mu.path < $3 AND hs.unit_id = mu.id AND hs.cycle_id = $1 AND hs.kind = "
                    "'member' AND hs.place = 'cell' AND p.person_id = hs.person_id"
                  : "pu.path >= $2 AND pu.path < $3 AND p.unit_id = pu.id",
          holders ? "units mu CROSS JOIN review_subjects hs CROSS JOIN posts p" : "units pu CROSS JOIN posts p"),
      store::params(c.ref.id, lo, hi, c.grading_date), [&](const store::Row& r) {
        const auto leader = r.get_optional_text(6);
        if (!leader) return;
        std::optional<std::string> org;
        std::string org_kind;
        if (auto g = r.get_optional_text(7); g && decided_state(r.get_text(8))) {
          org = g;
          org_kind = "party_organization";
        } else if (r.is_null(7)) {
          if (auto cg = r.get_optional_text(9); cg && decided_state(r.get_text(10))) {
            org = cg;
            org_kind = "leadership_collective";
          }
        }
        if (!org || rank(*leader) >= rank(*org)) return;
        if (!out.empty() && out.back().post_id == r.get_int(0)) return;  // one row per post
        out.push_back({r.get_int(0), r.get_int(1), r.get_int(2), r.get_text(3), r.get_text(4), r.get_text(5), *leader,
                       org_kind, *org});
      });
  return out;
}

std::vector<CycleInfo> covering_cycles(store::Transaction& tx, const std::string& unit_path) {
  auto [lo, hi] = path_range(unit_path);
  std::vector<CycleInfo> out;
  for (auto& r : tx.query(
           "SELECT c.id, c.year, c.ruleset, c.status, c.root_unit_id, r.path, c.grading_date, sc.cycle_id FROM "
           "review_cycles c JOIN units r ON r.id = c.root_unit_id LEFT JOIN stats_cycles sc ON sc.cycle_id = c.id "
           "WHERE c.quarter = 0 AND ((r.path >= $1 AND r.path < $2) OR substr($3, 1, length(r.path)) = r.path) ORDER "
           "BY c.year, c.id",
           store::params(lo, hi, unit_path))) {
    CycleInfo c;
    c.ref = {r.get_int(0), static_cast<int>(r.get_int(1)), r.get_text(2), r.get_text(3), r.get_int(4), !r.is_null(7)};
    c.root_path = r.get_text(5);
    c.grading_date = r.get_text(6);
    out.push_back(std::move(c));
  }
  return out;
}

Counts read_counts(const store::Row& r, std::size_t first) {
  Counts c;
  for (std::size_t i = 0; i < kColumns; ++i) c.n[i] = r.get_int(first + i);
  return c;
}

std::optional<Category> parse_category(std::string_view key) {
  for (std::size_t i = 0; i < kCategories; ++i)
    if (kCategoryInfo[i].key == key) return static_cast<Category>(i);
  return std::nullopt;
}

struct UnitRow {
  std::int64_t id;
  std::string name, kind, code, path;
};

// What one year's cycles say about the target: its totals, its children's, and the outliers.
struct YearView {
  CategoryCounts target{};
  std::unordered_map<std::int64_t, CategoryCounts> children;
  std::vector<std::pair<std::string, AllGoodUnit>> all_good;  // (path, unit)
  std::vector<std::pair<std::string, LeaderAbove>> leaders;   // (path, leader)
  std::int64_t all_good_total = 0, leaders_total = 0;
};

void add_into(CategoryCounts& into, const CategoryCounts& from) {
  for (std::size_t k = 0; k < kCategories; ++k) into[k] += from[k];
}

bool all_good(const Counts& m) {
  return m[Column::htnv] == 0 && m[Column::khtnv] == 0 && m[Column::pending] == 0 && m.decided() >= kAllGoodMinimum;
}

// Counts of one cycle for the target (and, when `full`, its children and outliers).
void view_cycle(store::Transaction& tx, const CycleInfo& c, const UnitRow& target, const std::vector<UnitRow>& children,
                bool full, YearView& view) {
  auto [lo, hi] = path_range(target.path);
  std::set<std::int64_t> child_ids;
  for (const auto& ch : children) child_ids.insert(ch.id);
  if (c.ref.summed) {
    // The unit's and its children's rows, each through the primary key (an OR over the units would make SQLite read
    // every row of the cycle).
    std::vector<std::int64_t> units{target.id};
    if (full)
      for (const auto& ch : children) units.push_back(ch.id);
    for (auto unit : units)
      for (auto& r : tx.prepare("SELECT category, htxsnv, httnv, htnv, khtnv, not_graded, pending FROM stats_rollup "
                                "WHERE cycle_id = $1 AND unit_id = $2")
                         .query(store::params(c.ref.id, unit))) {
        auto cat = parse_category(r.get_text(0));
        if (!cat) continue;
        auto& into = unit == target.id ? view.target : view.children[unit];
        into[static_cast<std::size_t>(*cat)] += read_counts(r, 1);
      }
    if (!full) return;
    for (auto& r : tx.query(
             "SELECT u.id, u.name, u.kind, u.path, r.htxsnv, r.httnv FROM units u JOIN stats_rollup r ON r.unit_id = "
             "u.id AND r.cycle_id = $1 AND r.category = 'members' WHERE u.kind IN ('grassroots_committee', "
             "'grassroots_cell') AND u.path >= $2 AND u.path < $3 AND r.htnv = 0 AND r.khtnv = 0 AND r.pending = 0 "
             "AND r.htxsnv + r.httnv >= $4",
             store::params(c.ref.id, lo, hi, kAllGoodMinimum))) {
      if (child_ids.count(r.get_int(0))) continue;  // listed with the children below
      view.all_good.push_back(
          {r.get_text(3), {r.get_int(0), r.get_text(1), r.get_text(2), r.get_int(4) + r.get_int(5), r.get_int(4)}});
    }
    for (const auto& ch : children) {
      auto it = view.children.find(ch.id);
      if (it == view.children.end()) continue;
      const auto& m = it->second[static_cast<std::size_t>(Category::members)];
      if (all_good(m)) view.all_good.push_back({ch.path, {ch.id, ch.name, ch.kind, m.decided(), m[Column::htxsnv]}});
    }
    view.all_good_total = static_cast<std::int64_t>(view.all_good.size());
    const store::Params p = store::params(c.ref.id, lo, hi);
    // Below the cycle's root, walk the subtree's units and their posts; at the root or above, every outlier of the
    // cycle is in range anyway.
    const std::string from =
        target.path.size() > c.root_path.size()
            ? "FROM units u CROSS JOIN posts hp CROSS JOIN stats_leader_outliers o WHERE u.path >= $2 AND u.path < $3 "
              "AND hp.unit_id = u.id AND o.cycle_id = $1 AND o.post_id = hp.id"
            : "FROM stats_leader_outliers o JOIN units u ON u.id = o.unit_id WHERE o.cycle_id = $1 AND u.path >= $2 "
              "AND u.path < $3";
    view.leaders_total += tx.query_one("SELECT COUNT(*) " + from, p)->get_int(0);
    for (auto& r : tx.query(fmt::format("SELECT o.post_id, o.person_id, o.unit_id, pe.full_name, po.title, u.name, "
                                        "o.leader_grade, o.organization_kind, o.organization_grade, u.path {} ORDER "
                                        "BY u.path, o.post_id LIMIT {}",
                                        std::string(from).replace(from.find(" WHERE"), 6,
                                                                  " JOIN people pe ON pe.id = o.person_id JOIN posts "
                                                                  "po ON po.id = o.post_id WHERE"),
                                        kOutlierLimit),
                            p))
      view.leaders.push_back({r.get_text(9),
                              {r.get_int(0), r.get_int(1), r.get_int(2), r.get_text(3), r.get_text(4), r.get_text(5),
                               r.get_text(6), r.get_text(7), r.get_text(8)}});
    return;
  }
  // Counted now, from the subjects.
  const Direct direct = count_direct(tx, c, lo, hi);
  auto rolled = roll_up(direct, &target.path);
  if (auto it = rolled.find(target.id); it != rolled.end()) add_into(view.target, it->second);
  if (!full) return;
  for (const auto& ch : children)
    if (auto it = rolled.find(ch.id); it != rolled.end()) add_into(view.children[ch.id], it->second);
  std::vector<UnitRow> candidates = children;
  for (auto& r : tx.query("SELECT id, name, kind, code, path FROM units WHERE kind IN ('grassroots_committee', "
                          "'grassroots_cell') AND path >= $1 AND path < $2",
                          store::params(lo, hi)))
    if (!child_ids.count(r.get_int(0)))
      candidates.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4)});
  for (const auto& u : candidates) {
    auto it = rolled.find(u.id);
    if (it == rolled.end()) continue;
    const auto& m = it->second[static_cast<std::size_t>(Category::members)];
    if (all_good(m)) view.all_good.push_back({u.path, {u.id, u.name, u.kind, m.decided(), m[Column::htxsnv]}});
  }
  view.all_good_total = static_cast<std::int64_t>(view.all_good.size());
  auto leaders = leaders_above_live(tx, c, lo, hi);
  view.leaders_total += static_cast<std::int64_t>(leaders.size());
  for (auto& l : leaders) {
    if (view.leaders.size() >= kOutlierLimit) break;
    view.leaders.push_back({"", std::move(l)});
  }
}

std::optional<int> parse_year_value(std::int64_t v) {
  if (v < 2000 || v > 2100) return std::nullopt;
  return static_cast<int>(v);
}

// Bulk insert: one prepared row on SQLite, 200-row statements on PostgreSQL (docs/performance-store.md).
class Inserter {
 public:
  Inserter(store::Transaction& tx, std::string head, std::size_t columns)
      : tx_(tx), head_(std::move(head)), columns_(columns), batch_(tx.dialect() == store::Dialect::sqlite ? 1 : 200) {}
  void add(store::Params row) {
    for (auto& v : row) pending_.push_back(std::move(v));
    if (++rows_ == batch_) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    std::string sql = head_ + " VALUES ";
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows_; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_; ++c) sql += fmt::format("{}${}", c ? ", " : "", ++n);
      sql += ")";
    }
    tx_.prepare(sql).execute(pending_);
    pending_.clear();
    rows_ = 0;
  }

 private:
  store::Transaction& tx_;
  std::string head_;
  std::size_t columns_, batch_, rows_ = 0;
  store::Params pending_;
};

}  // namespace

Result<Report> unit_statistics(store::Transaction& tx, const Call& call, std::int64_t unit_id, const Query& query) {
  auto row = tx.query_one("SELECT id, name, kind, code, path FROM units WHERE id = $1", store::params(unit_id));
  if (!row) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", unit_id, unit_id));
  if (auto ok = auth::authorize(tx, call.who, auth::Action::read_reviews, unit_id); !ok) return std::move(ok).error();
  const UnitRow target{row->get_int(0), row->get_text(1), row->get_text(2), row->get_text(3), row->get_text(4)};
  std::vector<ErrorDetail> problems;
  if (query.year && !parse_year_value(*query.year))
    problems.push_back({"query.year", "phải là năm từ 2000 đến 2100 / must be a year from 2000 to 2100"});
  for (std::size_t i = 0; i < query.years.size(); ++i)
    if (!parse_year_value(query.years[i]))
      problems.push_back(
          {fmt::format("query.years[{}]", i), "phải là năm từ 2000 đến 2100 / must be a year from 2000 to 2100"});
  if (query.years.size() > 20) problems.push_back({"query.years", "nhiều nhất 20 năm / at most 20 years"});
  if (!problems.empty())
    return Error::invalid("Tham số thống kê không hợp lệ / Invalid statistics parameters", std::move(problems));

  Report report;
  report.unit = {target.id, target.name, target.kind, target.code, {}};
  const auto cycles = covering_cycles(tx, target.path);
  std::set<int> available;
  for (const auto& c : cycles) available.insert(c.ref.year);
  report.year = query.year ? query.year : (available.empty() ? std::nullopt : std::optional<int>(*available.rbegin()));
  std::vector<int> years = query.years;
  if (years.empty()) {
    years.assign(available.begin(), available.end());
    if (years.size() > 20) years.erase(years.begin(), years.end() - 20);
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());

  std::vector<UnitRow> children;
  for (auto& r : tx.query("SELECT id, name, kind, code, path, dissolved_on FROM units WHERE parent_id = $1 ORDER BY "
                          "path",
                          store::params(target.id)))
    children.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4)});

  if (report.year) {
    YearView view;
    for (const auto& c : cycles)
      if (c.ref.year == *report.year) {
        report.cycles.push_back(c.ref);
        view_cycle(tx, c, target, children, true, view);
      }
    report.unit.counts = view.target;
    for (const auto& ch : children) {
      auto it = view.children.find(ch.id);
      if (it == view.children.end() &&
          !tx.query_one("SELECT 1 FROM units WHERE id = $1 AND dissolved_on IS NULL", store::params(ch.id)))
        continue;  // a dissolved child with nothing counted this year
      UnitCounts uc{ch.id, ch.name, ch.kind, ch.code, {}};
      if (it != view.children.end()) uc.counts = it->second;
      report.children.push_back(std::move(uc));
    }
    std::stable_sort(view.all_good.begin(), view.all_good.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    report.all_good_total = static_cast<std::int64_t>(view.all_good.size());
    for (std::size_t i = 0; i < view.all_good.size() && i < kOutlierLimit; ++i)
      report.all_good.push_back(view.all_good[i].second);
    report.leaders_above_total = view.leaders_total;
    for (std::size_t i = 0; i < view.leaders.size() && i < kOutlierLimit; ++i)
      report.leaders_above.push_back(view.leaders[i].second);
  } else {
    for (const auto& ch : children) report.children.push_back({ch.id, ch.name, ch.kind, ch.code, {}});
  }

  for (int y : years) {
    YearCounts yc;
    yc.year = y;
    if (report.year && y == *report.year) {
      for (const auto& c : report.cycles) yc.cycles.push_back(c.id);
      yc.counts = report.unit.counts;
    } else {
      YearView view;
      for (const auto& c : cycles)
        if (c.ref.year == y) {
          yc.cycles.push_back(c.ref.id);
          view_cycle(tx, c, target, children, false, view);
        }
      yc.counts = view.target;
    }
    report.years.push_back(std::move(yc));
  }
  return report;
}

namespace {

Json counts_json(const Counts& c) {
  Json counts = Json::object(), share = Json::object();
  const auto s = shares(c);
  for (std::size_t i = 0; i < kColumns; ++i) {
    counts[std::string(kColumnKeys[i])] = c.n[i];
    share[std::string(kColumnKeys[i])] = s[i];
  }
  return {{"total", c.total()}, {"decided", c.decided()}, {"counts", counts}, {"shares", share}};
}

Json categories_json(const CategoryCounts& cc) {
  Json out = Json::object();
  for (std::size_t k = 0; k < kCategories; ++k) out[std::string(kCategoryInfo[k].key)] = counts_json(cc[k]);
  return out;
}

}  // namespace

Json to_json(const Report& report) {
  Json legend = Json::array();
  for (const auto& info : kCategoryInfo)
    legend.push_back({{"key", std::string(info.key)}, {"vi", std::string(info.vi)}, {"en", std::string(info.en)}});
  Json grades = Json::array();
  for (auto k : kColumnKeys) grades.push_back(std::string(k));
  Json cycles = Json::array();
  for (const auto& c : report.cycles)
    cycles.push_back({{"id", c.id},
                      {"year", c.year},
                      {"ruleset", c.ruleset},
                      {"status", c.status},
                      {"root_unit_id", c.root_unit_id},
                      {"source", c.summed ? "summed" : "counted"}});
  Json children = Json::array();
  for (const auto& ch : report.children)
    children.push_back({{"unit_id", ch.unit_id},
                        {"name", ch.name},
                        {"kind", ch.kind},
                        {"code", ch.code},
                        {"categories", categories_json(ch.counts)}});
  Json years = Json::array();
  for (const auto& y : report.years)
    years.push_back({{"year", y.year}, {"cycles", y.cycles}, {"categories", categories_json(y.counts)}});
  Json good = Json::array();
  for (const auto& u : report.all_good)
    good.push_back(
        {{"unit_id", u.unit_id}, {"name", u.name}, {"kind", u.kind}, {"decided", u.decided}, {"HTXSNV", u.htxsnv}});
  Json above = Json::array();
  for (const auto& l : report.leaders_above)
    above.push_back({{"post_id", l.post_id},
                     {"person_id", l.person_id},
                     {"full_name", l.full_name},
                     {"post_title", l.post_title},
                     {"unit_id", l.unit_id},
                     {"unit_name", l.unit_name},
                     {"leader_grade", l.leader_grade},
                     {"organization_kind", l.organization_kind},
                     {"organization_grade", l.organization_grade}});
  return {{"unit",
           {{"unit_id", report.unit.unit_id},
            {"name", report.unit.name},
            {"kind", report.unit.kind},
            {"code", report.unit.code},
            {"categories", categories_json(report.unit.counts)}}},
          {"year", report.year ? Json(*report.year) : Json(nullptr)},
          {"quarter", 0},
          {"cycles", cycles},
          {"category_legend", legend},
          {"grades", grades},
          {"children", children},
          {"years", years},
          {"outliers",
           {{"all_good_units", {{"total", report.all_good_total}, {"items", good}}},
            {"leaders_above_organization", {{"total", report.leaders_above_total}, {"items", above}}}}}};
}

void drop_counts(store::Transaction& tx, std::int64_t cycle_id) {
  for (const char* table : {"stats_rollup", "stats_leader_outliers", "stats_cycles"})
    tx.execute(fmt::format("DELETE FROM {} WHERE cycle_id = $1", table), store::params(cycle_id));
}

Result<void> refresh_counts(store::Transaction& tx, std::int64_t cycle_id) {
  auto row = tx.query_one(
      "SELECT c.id, c.year, c.ruleset, c.status, c.root_unit_id, r.path, c.grading_date FROM review_cycles c JOIN "
      "units r ON r.id = c.root_unit_id WHERE c.id = $1",
      store::params(cycle_id));
  if (!row)
    return Error::not_found(
        fmt::format("Không tìm thấy đợt kiểm điểm {} / Review cycle {} not found", cycle_id, cycle_id));
  CycleInfo c;
  c.ref = {
      row->get_int(0), static_cast<int>(row->get_int(1)), row->get_text(2), row->get_text(3), row->get_int(4), false};
  c.root_path = row->get_text(5);
  c.grading_date = row->get_text(6);
  drop_counts(tx, cycle_id);
  // Subjects are reviewed in the cycle's subtree; the sums go up to every ancestor, also above the root, so that a
  // unit above the root reads its share of the cycle from its own row.
  auto [lo, hi] = path_range(c.root_path);
  const auto rolled = roll_up(count_direct(tx, c, lo, hi), nullptr);
  {
    Inserter insert(tx,
                    "INSERT INTO stats_rollup (cycle_id, unit_id, category, htxsnv, httnv, htnv, khtnv, not_graded, "
                    "pending)",
                    9);
    for (const auto& [unit, cc] : rolled)
      for (std::size_t k = 0; k < kCategories; ++k) {
        const auto& n = cc[k].n;
        if (cc[k].total() == 0) continue;
        insert.add(
            store::params(cycle_id, unit, std::string(kCategoryInfo[k].key), n[0], n[1], n[2], n[3], n[4], n[5]));
      }
    insert.flush();
  }
  {
    Inserter insert(tx,
                    "INSERT INTO stats_leader_outliers (cycle_id, post_id, person_id, unit_id, leader_grade, "
                    "organization_kind, organization_grade)",
                    7);
    for (const auto& l : leaders_above_live(tx, c, lo, hi))
      insert.add(store::params(cycle_id, l.post_id, l.person_id, l.unit_id, l.leader_grade, l.organization_kind,
                               l.organization_grade));
    insert.flush();
  }
  tx.execute("INSERT INTO stats_cycles (cycle_id, refreshed_at) VALUES ($1, $2)", store::params(cycle_id, now_ms()));
  return {};
}

Result<void> refresh_counts(store::Transaction& tx, std::int64_t cycle_id, std::int64_t unit_id) {
  auto row = tx.query_one(
      "SELECT c.id, c.year, c.ruleset, c.status, c.root_unit_id, r.path, c.grading_date, sc.cycle_id FROM "
      "review_cycles c JOIN units r ON r.id = c.root_unit_id LEFT JOIN stats_cycles sc ON sc.cycle_id = c.id WHERE "
      "c.id = $1",
      store::params(cycle_id));
  if (!row)
    return Error::not_found(
        fmt::format("Không tìm thấy đợt kiểm điểm {} / Review cycle {} not found", cycle_id, cycle_id));
  if (row->is_null(7)) return refresh_counts(tx, cycle_id);  // not summed yet: everything once
  auto unit = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(unit_id));
  if (!unit) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", unit_id, unit_id));
  CycleInfo c;
  c.ref = {
      row->get_int(0), static_cast<int>(row->get_int(1)), row->get_text(2), row->get_text(3), row->get_int(4), true};
  c.root_path = row->get_text(5);
  c.grading_date = row->get_text(6);
  const std::string path = unit->get_text(0);
  auto [lo, hi] = path_range(path);

  // The subtree's sums are recomputed whole; the units above it change by the difference at its top.
  CategoryCounts before{};
  for (auto& r : tx.query("SELECT category, htxsnv, httnv, htnv, khtnv, not_graded, pending FROM stats_rollup WHERE "
                          "cycle_id = $1 AND unit_id = $2",
                          store::params(cycle_id, unit_id)))
    if (auto cat = parse_category(r.get_text(0))) before[static_cast<std::size_t>(*cat)] = read_counts(r, 1);
  const auto rolled = roll_up(count_direct(tx, c, lo, hi), &path);
  // Unit by unit through the primary key: an IN (subquery) would make SQLite read every row of the cycle.
  for (auto& u : tx.query("SELECT id FROM units WHERE path >= $1 AND path < $2", store::params(lo, hi)))
    tx.prepare("DELETE FROM stats_rollup WHERE cycle_id = $1 AND unit_id = $2")
        .execute(store::params(cycle_id, u.get_int(0)));
  CategoryCounts after{};
  {
    Inserter insert(tx,
                    "INSERT INTO stats_rollup (cycle_id, unit_id, category, htxsnv, httnv, htnv, khtnv, not_graded, "
                    "pending)",
                    9);
    for (const auto& [id, cc] : rolled) {
      if (id == unit_id) after = cc;
      for (std::size_t k = 0; k < kCategories; ++k) {
        const auto& n = cc[k].n;
        if (cc[k].total() == 0) continue;
        insert.add(store::params(cycle_id, id, std::string(kCategoryInfo[k].key), n[0], n[1], n[2], n[3], n[4], n[5]));
      }
    }
    insert.flush();
  }
  const auto ids = path_ids(path);
  for (std::size_t k = 0; k < kCategories; ++k) {
    Counts delta = after[k];
    bool changed = false;
    for (std::size_t i = 0; i < kColumns; ++i) changed |= (delta.n[i] -= before[k].n[i]) != 0;
    if (!changed) continue;
    const std::string key(kCategoryInfo[k].key);
    for (std::size_t a = 0; a + 1 < ids.size(); ++a) {
      store::Params p{cycle_id, ids[a], key};
      for (auto d : delta.n) p.push_back(d);
      const auto updated = tx.execute(
          "UPDATE stats_rollup SET htxsnv = htxsnv + $4, httnv = httnv + $5, htnv = htnv + $6, khtnv = khtnv + $7, "
          "not_graded = not_graded + $8, pending = pending + $9 WHERE cycle_id = $1 AND unit_id = $2 AND category = "
          "$3",
          p);
      if (updated == 0)
        tx.execute(
            "INSERT INTO stats_rollup (cycle_id, unit_id, category, htxsnv, httnv, htnv, khtnv, not_graded, pending) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            p);
    }
  }

  // Heads whose post is in the subtree, or whose member grade is: their organization or their own grade may have
  // changed.
  std::map<std::int64_t, LeaderAbove> heads;
  for (bool holders : {false, true})
    for (auto& l : leaders_above_live(tx, c, lo, hi, holders)) heads.emplace(l.post_id, std::move(l));
  const store::Params p = store::params(cycle_id, lo, hi);
  tx.execute(
      "DELETE FROM stats_leader_outliers WHERE cycle_id = $1 AND (unit_id IN (SELECT id FROM units WHERE path >= $2 "
      "AND path < $3) OR person_id IN (SELECT s.person_id FROM review_subjects s JOIN units u ON u.id = s.unit_id "
      "WHERE s.cycle_id = $1 AND s.kind = 'member' AND u.path >= $2 AND u.path < $3))",
      p);
  Inserter insert(tx,
                  "INSERT INTO stats_leader_outliers (cycle_id, post_id, person_id, unit_id, leader_grade, "
                  "organization_kind, organization_grade)",
                  7);
  for (const auto& [post, l] : heads)
    insert.add(store::params(cycle_id, l.post_id, l.person_id, l.unit_id, l.leader_grade, l.organization_kind,
                             l.organization_grade));
  insert.flush();
  tx.execute("UPDATE stats_cycles SET refreshed_at = $2 WHERE cycle_id = $1", store::params(cycle_id, now_ms()));
  return {};
}

}  // namespace xeploai::service::stats
