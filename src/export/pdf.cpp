#include "export/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <string>

#include "export/layout.hpp"

namespace xeploai::documents {
namespace {

using namespace layout;

struct Style {
  double size = kBodySize;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  Align align = Align::left;
  double indent = 0;  // first-line indent in points
};

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Renderer {
 public:
  explicit Renderer(const std::filesystem::path& path) {
    surface_ = cairo_pdf_surface_create(path.c_str(), pt(kPageWidthMm), pt(kPageHeightMm));
    cr_ = cairo_create(surface_);
    context_ = pango_cairo_create_context(cr_);
    // One layout unit = one PDF point; metrics unhinted so that the layout does not depend on the device.
    pango_cairo_context_set_resolution(context_, 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    left_ = pt(kMarginLeftMm);
    width_ = pt(kPageWidthMm - kMarginLeftMm - kMarginRightMm);
    top_ = pt(kMarginTopMm);
    bottom_ = pt(kPageHeightMm - kMarginBottomMm);
    y_ = top_;
  }
  ~Renderer() {
    if (context_ != nullptr) g_object_unref(context_);
    if (cr_ != nullptr) cairo_destroy(cr_);
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  Result<void> render(const Document& doc) {
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
      return Error::invalid(std::string("cannot create the PDF file: ") +
                            cairo_status_to_string(cairo_surface_status(surface_)));
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, (doc.kind + " " + doc.summary).c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "xeploai");
    double start = top_;
    if (!doc.form.empty())
      start += draw(make(doc.form, {.size = kFormCodeSize, .bold = true, .align = Align::right}, width_).get(), left_,
                    top_) +
               4;
    heading(doc.heading, start);
    title(doc);
    for (const Block& block : doc.body) {
      if (const auto* p = std::get_if<Paragraph>(&block))
        paragraph(*p);
      else
        table(std::get<Table>(block));
    }
    closing(doc);
    cairo_show_page(cr_);
    cairo_surface_finish(surface_);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
      return Error::internal(std::string("writing the PDF failed: ") +
                             cairo_status_to_string(cairo_surface_status(surface_)));
    return {};
  }

 private:
  LayoutPtr make(const std::string& text, const Style& s, double width) {
    LayoutPtr l(pango_layout_new(context_));
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_size(font, static_cast<int>(s.size * PANGO_SCALE));
    pango_font_description_set_weight(font, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, s.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(l.get(), static_cast<int>(s.indent * PANGO_SCALE));
    switch (s.align) {
      case Align::left:
        pango_layout_set_alignment(l.get(), PANGO_ALIGN_LEFT);
        break;
      case Align::center:
        pango_layout_set_alignment(l.get(), PANGO_ALIGN_CENTER);
        break;
      case Align::right:
        pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT);
        break;
      case Align::justify:
        pango_layout_set_alignment(l.get(), PANGO_ALIGN_LEFT);
        pango_layout_set_justify(l.get(), TRUE);
        break;
    }
    if (s.underline) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double height(PangoLayout* l) {
    PangoRectangle logical;
    pango_layout_get_extents(l, nullptr, &logical);
    return static_cast<double>(logical.height) / PANGO_SCALE;
  }

  // Draws a layout whole at (x, y) and returns its height.
  double draw(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
    return height(l);
  }

  void new_page() {
    cairo_show_page(cr_);
    ++page_;
    y_ = top_;
    // Page numbers from the second page on, centred in the top margin.
    LayoutPtr number = make(std::to_string(page_), {.size = kPageNumberSize, .align = Align::center}, width_);
    draw(number.get(), left_, pt(kPageNumberTopMm));
  }

  // Lays a layout line by line at the cursor, breaking to a new page where a line does not fit.
  void flow(PangoLayout* l, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double h = static_cast<double>(logical.height) / PANGO_SCALE;
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      if (y_ + h > bottom_) new_page();
      cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, y_ + (baseline - line_top));
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void heading(const Heading& h, double start) {
    const double left_w = width_ * kHeadingLeftShare;
    const double right_x = left_ + left_w;
    const double right_w = width_ - left_w;
    double ly = start;
    if (!h.parent_organization.empty())
      ly += draw(make(h.parent_organization, {.size = kOrganizationSize, .align = Align::center}, left_w).get(), left_,
                 ly);
    ly += draw(make(h.issuer, {.size = kOrganizationSize, .bold = true, .align = Align::center}, left_w).get(), left_,
               ly);
    ly += draw(make("*", {.size = kOrganizationSize, .align = Align::center}, left_w).get(), left_, ly);
    if (h.numbered)
      ly += draw(make(number_line(h), {.size = kOrganizationSize, .align = Align::center}, left_w).get(), left_, ly);

    double ry = start;
    LayoutPtr party =
        make("ĐẢNG CỘNG SẢN VIỆT NAM", {.size = kPartyTitleSize, .bold = true, .align = Align::center}, right_w);
    ry += draw(party.get(), right_x, ry);
    // The rule under the party title is as long as the title (36-HD).
    PangoRectangle ink;
    pango_layout_get_extents(party.get(), nullptr, &ink);
    const double title_x = right_x + static_cast<double>(ink.x) / PANGO_SCALE;
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, title_x, ry + 1);
    cairo_line_to(cr_, title_x + static_cast<double>(ink.width) / PANGO_SCALE, ry + 1);
    cairo_stroke(cr_);
    ry += 6;
    ry += draw(make(date_line(h), {.size = kDateSize, .italic = true, .align = Align::center}, right_w).get(), right_x,
               ry);
    y_ = std::max(ly, ry) + 18;
  }

  void title(const Document& doc) {
    flow(make(doc.kind, {.size = kKindSize, .bold = true, .align = Align::center}, width_).get(), left_);
    if (!doc.summary.empty())
      flow(make(doc.summary, {.size = kSummarySize, .bold = true, .align = Align::center}, width_).get(), left_);
    flow(make("-----", {.size = kSummarySize, .align = Align::center}, width_).get(), left_);
    y_ += 12;
  }

  void paragraph(const Paragraph& p) {
    Style s{.size = kBodySize, .bold = p.bold, .italic = p.italic, .align = p.align};
    if (p.first_line_indent) s.indent = pt(kFirstLineIndentMm);
    flow(make(p.text, s, width_).get(), left_);
    y_ += kParagraphAfterPt;
  }

  std::vector<LayoutPtr> row_layouts(const std::vector<std::string>& cells, const std::vector<double>& widths,
                                     const std::vector<Align>& align, bool header, double& row_h) {
    std::vector<LayoutPtr> out;
    row_h = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      Style s{.size = kTableSize, .bold = header};
      s.align = header ? Align::center : (align.empty() ? Align::left : align[c]);
      out.push_back(make(cells[c], s, widths[c] - 2 * kCellPaddingPt));
      row_h = std::max(row_h, height(out.back().get()) + 2 * kCellPaddingPt);
    }
    return out;
  }

  void draw_row(const std::vector<LayoutPtr>& cells, const std::vector<double>& widths, double row_h, bool header) {
    double x = left_;
    cairo_set_line_width(cr_, 0.5);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (header) {
        cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
        cairo_rectangle(cr_, x, y_, widths[c], row_h);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
      }
      cairo_rectangle(cr_, x, y_, widths[c], row_h);
      cairo_stroke(cr_);
      draw(cells[c].get(), x + kCellPaddingPt, y_ + kCellPaddingPt);
      x += widths[c];
    }
    y_ += row_h;
  }

  void table(const Table& t) {
    const double total = t.widths.empty() ? static_cast<double>(t.header.size())
                                          : std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
    std::vector<double> widths;
    for (std::size_t c = 0; c < t.header.size(); ++c)
      widths.push_back(width_ * (t.widths.empty() ? 1.0 : t.widths[c]) / total);
    double header_h = 0;
    auto header = row_layouts(t.header, widths, t.align, true, header_h);
    bool header_on_page = false;
    for (std::size_t r = 0; r <= t.rows.size(); ++r) {
      double row_h = 0;
      std::vector<LayoutPtr> cells;
      if (r < t.rows.size()) cells = row_layouts(t.rows[r], widths, t.align, false, row_h);
      // A row never splits; the header is repeated at the top of every page the table continues on, and is
      // never left alone at the bottom of a page.
      const double needed = (header_on_page ? 0 : header_h) + row_h;
      if (y_ + needed > bottom_ && y_ > top_) {
        new_page();
        header_on_page = false;
      }
      if (!header_on_page) {
        draw_row(header, widths, header_h, true);
        header_on_page = true;
      }
      if (r < t.rows.size()) draw_row(cells, widths, row_h, false);
    }
    y_ += kParagraphAfterPt * 2;
  }

  // A signature column: authority and position, the gap for the signature and the seal, the name.
  struct SignatureColumn {
    std::vector<LayoutPtr> above;
    LayoutPtr name;
    double height = 0;
  };
  SignatureColumn signature_column(const Signature& s, double w) {
    SignatureColumn c;
    const Style style{.size = kSignatureSize, .bold = true, .align = Align::center};
    if (!s.authority.empty()) c.above.push_back(make(s.authority, style, w));
    if (!s.position.empty()) c.above.push_back(make(s.position, style, w));
    c.name = make(s.name, style, w);
    c.height = pt(kSignatureGapMm) + height(c.name.get());
    for (const auto& l : c.above) c.height += height(l.get());
    return c;
  }
  double draw_signature(const SignatureColumn& c, double x, double y) {
    for (const auto& l : c.above) y += draw(l.get(), x, y);
    y += pt(kSignatureGapMm);
    return y + draw(c.name.get(), x, y);
  }

  void closing(const Document& doc) {
    const double left_w = width_ * kHeadingLeftShare;
    const double right_x = left_ + left_w;
    const double right_w = width_ - left_w;
    std::vector<LayoutPtr> left;
    std::optional<SignatureColumn> left_signature;
    if (doc.left_signature) {
      left_signature = signature_column(*doc.left_signature, left_w);
    } else if (!doc.recipients.empty()) {
      left.push_back(
          make("Nơi nhận:", {.size = kRecipientsLabelSize, .bold = true, .italic = true, .underline = true}, left_w));
      for (const auto& r : doc.recipients) left.push_back(make(r, {.size = kRecipientsSize}, left_w));
    }
    const SignatureColumn right = signature_column(doc.signature, right_w);
    double left_h = left_signature ? left_signature->height : 0;
    for (const auto& l : left) left_h += height(l.get());
    // Recipients (or the second signer) and signature are kept together on one page.
    if (y_ + std::max(left_h, right.height) > bottom_) new_page();
    double ly = y_;
    if (left_signature) ly = draw_signature(*left_signature, left_, ly);
    for (const auto& l : left) ly += draw(l.get(), left_, ly);
    const double ry = draw_signature(right, right_x, y_);
    y_ = std::max(ly, ry);
  }

  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  double left_ = 0, width_ = 0, top_ = 0, bottom_ = 0, y_ = 0;
  int page_ = 1;
};

}  // namespace

Result<void> write_pdf(const Document& doc, const std::filesystem::path& path) {
  if (auto ok = validate(doc); !ok) return ok;
  std::filesystem::path tmp = path;
  tmp += ".part";
  Result<void> result;
  {
    Renderer renderer(tmp);
    result = renderer.render(doc);
  }
  std::error_code ec;
  if (!result) {
    std::filesystem::remove(tmp, ec);
    return result;
  }
  // Written beside and renamed, so a failure never leaves half a file under the requested name.
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error::internal("cannot move the PDF into place: " + ec.message());
  return {};
}

}  // namespace xeploai::documents
