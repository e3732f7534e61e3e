// Documents and roster files: a 100-page PDF table (and the same as DOCX), an XLSX of 100,000 rows, reading 100,000
// roster rows from CSV and XLSX, and the import dry run (read + validate) of the CSV. Each run happens in a forked
// child, so that the reported peak memory (the child's ru_maxrss) is that of the one task; `baseline_MiB` is a child
// that does nothing. Results: docs/performance-documents.md.
//
// The documents from stored data (service/documents): a statement, the minutes of a 40-subject meeting and a
// 2,700-row decision, each built from a scratch SQLite demo database (one cell's review played through the services
// by cli::play_demo_cell; the 40-subject minutes text and the 2,700-row decision added to it) and rendered, per child.
//
// Run: build/documents_bench (about two minutes)
//      build/documents_bench --samples=docs/samples   writes the statistics sample from the demo province instead
//      (the documents' samples: `xeploai documents --play`, docs/documents.md).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "../tests/export/sample_document.hpp"
#include "cli/demo_seed.hpp"
#include "cli/documents_samples.hpp"
#include "demo/province.hpp"
#include "demo/results.hpp"
#include "security/security.hpp"
#include "service/documents/documents.hpp"
#include "store/database.hpp"
#include "export/csv_writer.hpp"
#include "export/docx.hpp"
#include "export/pdf.hpp"
#include "export/xlsx.hpp"
#include "importer/csv_reader.hpp"
#include "importer/schema.hpp"
#include "importer/xlsx_reader.hpp"

namespace {

using namespace xeploai;
namespace fs = std::filesystem;

constexpr std::int64_t kRosterRows = 100'000;
constexpr std::size_t kPdfRows = 2'700;  // about 100 pages of the decision's table

fs::path work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("xeploai-documents-bench-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

struct Measured {
  double seconds = 0;
  double max_rss_mib = 0;
  int status = 0;
};

// Runs `task` in a forked child: wall time and the child's own peak resident memory.
template <class Task>
Measured in_child(Task task) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) _exit(task() ? 0 : 1);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  return {std::chrono::duration<double>(end - start).count(), static_cast<double>(usage.ru_maxrss) / 1024.0,
          WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

template <class Task>
void run_in_children(benchmark::State& state, Task task, double items) {
  double rss = 0;
  for (auto _ : state) {
    Measured m = in_child(task);
    if (m.status != 0) state.SkipWithError("the task failed");
    state.SetIterationTime(m.seconds);
    rss = std::max(rss, m.max_rss_mib);
  }
  state.counters["peak_rss_MiB"] = rss;
  state.counters["items/s"] = benchmark::Counter(items * state.iterations(), benchmark::Counter::kIsRate);
}

std::string dmy(const demo::Date& d) {
  return d.valid() ? fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year) : std::string();
}

const std::vector<std::string> kRosterHeader = {"Số thẻ đảng viên", "Họ và tên",     "Ngày sinh",
                                                "Giới tính",        "Ngày vào Đảng", "Chi bộ"};

std::vector<std::string> roster_row(const demo::Province& p, const demo::Person& person) {
  return {person.card_number_text(), person.full_name,
          dmy(person.birth_date),    person.gender == demo::Gender::female ? "Nữ" : "Nam",
          dmy(person.admitted_on),   p.units[static_cast<std::size_t>(person.cell)].name};
}

importer::Schema roster_schema() {
  using importer::ColumnType;
  return {{
      {.key = "card_number",
       .label_vi = "Số thẻ đảng viên",
       .label_en = "Party card number",
       .type = ColumnType::pattern,
       .required = true,
       .unique = true,
       .pattern = "[0-9]{12}",
       .pattern_hint_vi = "12 chữ số",
       .pattern_hint_en = "12 digits"},
      {.key = "full_name", .label_vi = "Họ và tên", .label_en = "Full name", .required = true},
      {.key = "birth_date",
       .label_vi = "Ngày sinh",
       .label_en = "Date of birth",
       .type = ColumnType::date,
       .required = true},
      {.key = "gender",
       .label_vi = "Giới tính",
       .label_en = "Gender",
       .type = ColumnType::enumeration,
       .values = {"Nam", "Nữ"}},
      {.key = "admitted_on", .label_vi = "Ngày vào Đảng", .label_en = "Admission date", .type = ColumnType::date},
      {.key = "cell", .label_vi = "Chi bộ", .label_en = "Party cell", .required = true},
  }};
}

// The 100,000-member roster of the demo province as CSV and XLSX, written once.
const fs::path& roster_csv() {
  static const fs::path path = [] {
    const demo::Province p = demo::generate_province({.members = kRosterRows});
    fs::path csv = work_dir() / "roster.csv";
    std::ofstream out(csv, std::ios::binary);
    documents::CsvWriter w(out);
    w.row(kRosterHeader);
    for (const auto& person : p.people) w.row(roster_row(p, person));
    auto x = documents::XlsxWriter::create(work_dir() / "roster.xlsx");
    if (!x || !x->add_sheet({.name = "Đảng viên", .header = kRosterHeader}).ok()) std::abort();
    for (const auto& person : p.people) {
      auto cells = roster_row(p, person);
      if (!x->add_row(std::vector<documents::Cell>(cells.begin(), cells.end())).ok()) std::abort();
    }
    if (!x->close().ok()) std::abort();
    return csv;
  }();
  return path;
}

void BM_Baseline(benchmark::State& state) {
  run_in_children(
      state, [] { return true; }, 1);
}
BENCHMARK(BM_Baseline)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_PdfTable100Pages(benchmark::State& state) {
  const documents::Document doc = testing::sample_decision(kPdfRows);
  const fs::path path = work_dir() / "table.pdf";
  run_in_children(
      state, [&] { return documents::write_pdf(doc, path).ok(); }, kPdfRows);
  // Pages: cairo writes one "/Type /Page" object per page (and one "/Type /Pages" tree).
  std::ifstream in(path, std::ios::binary);
  const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
    pages += pdf.compare(at, 12, "/Type /Pages") != 0;
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["file_MiB"] = static_cast<double>(fs::file_size(path)) / (1 << 20);
}
BENCHMARK(BM_PdfTable100Pages)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_DocxTable100Pages(benchmark::State& state) {
  const documents::Document doc = testing::sample_decision(kPdfRows);
  const fs::path path = work_dir() / "table.docx";
  run_in_children(
      state, [&] { return documents::write_docx(doc, path).ok(); }, kPdfRows);
  state.counters["file_MiB"] = static_cast<double>(fs::file_size(path)) / (1 << 20);
}
BENCHMARK(BM_DocxTable100Pages)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_XlsxWrite100k(benchmark::State& state) {
  const auto rows = testing::sample_statistics(kRosterRows);
  const fs::path path = work_dir() / "statistics.xlsx";
  run_in_children(
      state,
      [&] {
        auto x = documents::XlsxWriter::create(path);
        if (!x || !x->add_sheet(testing::statistics_sheet()).ok()) return false;
        for (const auto& r : rows)
          if (!x->add_row(testing::statistics_cells(r)).ok()) return false;
        return x->close().ok();
      },
      kRosterRows);
  state.counters["file_MiB"] = static_cast<double>(fs::file_size(path)) / (1 << 20);
}
BENCHMARK(BM_XlsxWrite100k)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

bool count_rows(importer::RowSource& source, std::int64_t expected) {
  importer::Row row;
  std::int64_t n = 0;
  while (true) {
    auto more = source.next(row);
    if (!more) return false;
    if (!*more) break;
    ++n;
  }
  return n == expected + 1;  // the header
}

void BM_CsvRead100k(benchmark::State& state) {
  const fs::path path = roster_csv();
  run_in_children(
      state,
      [&] {
        auto r = importer::CsvReader::open(path);
        return r.ok() && count_rows(**r, kRosterRows);
      },
      kRosterRows);
}
BENCHMARK(BM_CsvRead100k)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_XlsxRead100k(benchmark::State& state) {
  roster_csv();
  const fs::path path = work_dir() / "roster.xlsx";
  run_in_children(
      state,
      [&] {
        auto r = importer::XlsxReader::open(path);
        return r.ok() && count_rows(**r, kRosterRows);
      },
      kRosterRows);
}
BENCHMARK(BM_XlsxRead100k)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// The import dry run: read and validate every row (NFC, dates, enumeration, card pattern, duplicates).
void BM_CsvCheck100k(benchmark::State& state) {
  const fs::path path = roster_csv();
  run_in_children(
      state,
      [&] {
        auto r = importer::CsvReader::open(path);
        if (!r) return false;
        auto report = importer::check(**r, roster_schema());
        return report.ok() && report->ok() && report->valid_rows == static_cast<std::size_t>(kRosterRows);
      },
      kRosterRows);
}
BENCHMARK(BM_CsvCheck100k)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// A scratch demo database with one cell's review played, a meeting of 40 subjects (its frozen text repeats the
// played subjects' blocks, in the format workflow::minutes writes) and a decision over 2,700 subjects of the
// closed 2025 cycle. Built once; the children only read it.
struct StoredDocuments {
  fs::path db;
  std::int64_t statement = 0, meeting40 = 0, decision2700 = 0;
};
const StoredDocuments& stored_documents() {
  static const StoredDocuments s = [] {
    StoredDocuments out;
    out.db = work_dir() / "documents.sqlite";
    auto db = store::open_database(out.db.string(), 1);
    db->migrate();
    const demo::Province p = demo::generate_province({.members = 20'000});
    const std::string hash = security::hash_password(p.demo_password);
    if (!cli::seed_province(*db, p, demo::generate_results(p, 2026), hash)) std::abort();
    auto played = cli::play_demo_cell(*db, 2026);
    if (!played) {
      fmt::print(stderr, "play: {}\n", played.error().message);
      std::abort();
    }
    auto tx = db->begin(store::Access::write);
    out.statement = tx->query_one("SELECT MIN(subject_id) FROM review_statements s JOIN review_subjects r ON r.id = "
                                  "s.subject_id WHERE r.kind = 'member' AND r.form LIKE '02B%'")
                        ->get_int(0);
    // 40 subjects: the played blocks again and again, each under its own name.
    const std::string text = tx->query_one("SELECT minutes FROM review_meetings WHERE id = $1",
                                           store::params(played->meeting_id))
                                 ->get_text(0);
    const auto first = text.find("\n\nĐối tượng: ");
    std::vector<std::string> blocks;
    for (std::size_t at = first; at != std::string::npos;) {
      const auto next = text.find("\n\nĐối tượng: ", at + 1);
      blocks.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
      at = next;
    }
    std::string big = text.substr(0, first);
    for (std::size_t i = 0; i < 40; ++i) {
      std::string b = blocks[i % blocks.size()];
      const auto eol = b.find('\n', 2);
      b.insert(eol, fmt::format(" ({})", i + 1));
      big += b;
    }
    tx->execute("UPDATE review_meetings SET minutes = $2 WHERE id = $1", store::params(played->meeting_id, big));
    out.meeting40 = played->meeting_id;
    // The decision: a copy of the played one over 2,700 subjects of the 2025 cycle (id 2).
    tx->execute(
        "INSERT INTO review_decisions (id, cycle_id, unit_id, organ, kind, number, decided_on, signer, body, "
        "appraisal_json, published_at, version, created_at, updated_at) SELECT 999999, 2, unit_id, organ, kind, "
        "'27-QĐ/ĐU', decided_on, signer, body, appraisal_json, published_at, 1, created_at, updated_at FROM "
        "review_decisions WHERE id = $1",
        store::params(played->decision_id));
    tx->execute(
        "INSERT INTO decision_grades (decision_id, subject_id, grade) SELECT 999999, id, grade FROM review_subjects "
        "WHERE cycle_id = 2 AND kind = 'member' AND grade IS NOT NULL ORDER BY id LIMIT 2700");
    tx->commit();
    out.decision2700 = 999999;
    return out;
  }();
  return s;
}

enum class Stored { statement, minutes40, decision2700 };

template <class Render>
bool build_and_render(Stored what, Render render) {
  const auto& s = stored_documents();
  auto db = store::open_database(s.db.string(), 1);
  auto tx = db->begin(store::Access::read);
  service::Principal reader;
  reader.username = "bench";
  reader.grants = {{service::Role::organization_board, 1}};
  service::Call call{reader, "bench"};
  auto built = what == Stored::statement   ? service::docs::statement_document(*tx, call, s.statement)
               : what == Stored::minutes40 ? service::docs::minutes_document(*tx, call, s.meeting40)
                                           : service::docs::decision_document(*tx, call, s.decision2700);
  return built.ok() && render(built->document);
}

void BM_StoredDocument(benchmark::State& state) {
  const auto what = static_cast<Stored>(state.range(0));
  const bool pdf = state.range(1) == 0;
  const fs::path path = work_dir() / (pdf ? "stored.pdf" : "stored.docx");
  stored_documents();
  run_in_children(
      state,
      [&] {
        return build_and_render(what, [&](const documents::Document& d) {
          return (pdf ? documents::write_pdf(d, path) : documents::write_docx(d, path)).ok();
        });
      },
      1);
  state.SetLabel(fmt::format("{} {}", what == Stored::statement ? "statement 02B" : what == Stored::minutes40 ? "minutes, 40 subjects" : "decision, 2,700 rows", pdf ? "PDF" : "DOCX"));
  state.counters["file_KiB"] = static_cast<double>(fs::file_size(path)) / 1024;
}
BENCHMARK(BM_StoredDocument)
    ->ArgsProduct({{0, 1, 2}, {0, 1}})
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

std::string upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

// The statistics sample from the demo province: the member statistics of every cell of a commune's district (the
// demo's real counts). The documents' samples come from stored data: `xeploai documents --play`.
int write_samples(const fs::path& dir) {
  const demo::Province p = demo::generate_province({.members = 20'000});
  std::size_t commune = 0;
  for (std::size_t i = 0; i < p.units.size(); ++i)
    if (p.units[i].kind == demo::UnitKind::grassroots_committee && p.units[i].name.starts_with("Đảng bộ xã")) {
      commune = i;
      break;
    }
  const demo::Unit& unit = p.units[commune];
  const demo::Unit& district = p.units[static_cast<std::size_t>(unit.parent)];
  fs::create_directories(dir);

  // Statistics: members of each cell in the district, women, probationary members.
  struct Count {
    double members = 0, women = 0, probationary = 0;
  };
  std::map<demo::Index, Count> counts;
  for (const auto& person : p.people) {
    demo::Index u = person.cell;
    bool in_district = false;
    for (demo::Index a = u; a != demo::kNone; a = p.units[static_cast<std::size_t>(a)].parent)
      if (a == unit.parent) in_district = true;
    if (!in_district) continue;
    Count& c = counts[u];
    ++c.members;
    c.women += person.gender == demo::Gender::female;
    c.probationary += person.status == demo::Status::probationary;
  }
  auto x = documents::XlsxWriter::create(dir / "statistics.xlsx");
  if (!x) return 1;
  if (!x->add_sheet({.name = "Đảng viên theo chi bộ",
                     .title = upper("Thống kê đảng viên theo chi bộ — " + district.name) + fmt::format(" — {}", p.year),
                     .header = {"Chi bộ", "Trực thuộc", "Số đảng viên", "Nữ", "Tỷ lệ nữ", "Dự bị"},
                     .widths = {36, 36, 12, 8, 10, 8},
                     .percent = {false, false, false, false, true, false}})
           .ok())
    return 1;
  for (const auto& [u, c] : counts) {
    const auto& cell = p.units[static_cast<std::size_t>(u)];
    const auto& parent = p.units[static_cast<std::size_t>(cell.parent)];
    if (!x->add_row({cell.name, parent.name, c.members, c.women, c.women / c.members, c.probationary}).ok()) return 1;
  }
  if (!x->close().ok()) return 1;
  fmt::print("samples: {} ({} cells in the statistics)\n", dir.string(), counts.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]).starts_with("--samples=")) return write_samples(argv[i] + std::strlen("--samples="));
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(work_dir());
  return 0;
}
