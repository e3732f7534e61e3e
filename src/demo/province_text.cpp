#include <cstdio>

#include "demo/province.hpp"

namespace xeploai::demo {

std::string Date::iso() const {
  if (!valid()) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::string Person::card_number_text() const {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%012llu", static_cast<unsigned long long>(card_number));
  return buffer;
}

std::string_view to_string(UnitKind kind) {
  switch (kind) {
    case UnitKind::province_committee:
      return "province_committee";
    case UnitKind::upper_grassroots_committee:
      return "upper_grassroots_committee";
    case UnitKind::grassroots_committee:
      return "grassroots_committee";
    case UnitKind::grassroots_cell:
      return "grassroots_cell";
    case UnitKind::sectional_committee:
      return "sectional_committee";
    case UnitKind::cell:
      return "cell";
    case UnitKind::agency:
      return "agency";
  }
  return "cell";
}

std::string_view to_string(CollectiveKind kind) {
  switch (kind) {
    case CollectiveKind::executive_committee:
      return "executive_committee";
    case CollectiveKind::standing_committee:
      return "standing_committee";
    case CollectiveKind::cell_committee:
      return "cell_committee";
    case CollectiveKind::leadership_board:
      return "leadership_board";
  }
  return "executive_committee";
}

std::string_view to_string(Gender gender) { return gender == Gender::male ? "male" : "female"; }

std::string_view to_string(Status status) {
  switch (status) {
    case Status::active:
      return "active";
    case Status::probationary:
      return "probationary";
    case Status::exempt:
      return "exempt";
    case Status::suspended:
      return "suspended";
  }
  return "active";
}

}  // namespace xeploai::demo
