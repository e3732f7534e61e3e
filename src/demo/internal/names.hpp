#pragma once
// Name tables of the demo generator (internal to src/demo). Weights are rough shares in the real population.
#include <cstdint>
#include <string_view>

namespace xeploai::demo::internal {

struct Weighted {
  std::string_view text;
  std::uint32_t weight;
};

extern const Weighted kFamilyNames[];
extern const std::size_t kFamilyNameCount;
extern const Weighted kMaleMiddleNames[];
extern const std::size_t kMaleMiddleNameCount;
extern const Weighted kFemaleMiddleNames[];
extern const std::size_t kFemaleMiddleNameCount;
extern const std::string_view kMaleGivenNames[];
extern const std::size_t kMaleGivenNameCount;
extern const std::string_view kFemaleGivenNames[];
extern const std::size_t kFemaleGivenNameCount;

// Syllables that make fictitious place names ("Tân" + "Phong").
extern const std::string_view kPlaceFirst[];
extern const std::size_t kPlaceFirstCount;
extern const std::string_view kPlaceSecond[];
extern const std::size_t kPlaceSecondCount;

extern const std::string_view kProvinceDepartments[];  // "Sở Tư pháp"
extern const std::size_t kProvinceDepartmentCount;
extern const std::string_view kProvinceOffices[];  // offices inside a department: "Văn phòng", "Phòng Tổ chức"
extern const std::size_t kProvinceOfficeCount;
extern const std::string_view kDistrictOffices[];  // "Phòng Tư pháp"
extern const std::size_t kDistrictOfficeCount;
extern const std::string_view kPartyOffices[];  // "Văn phòng Huyện ủy"
extern const std::size_t kPartyOfficeCount;
extern const std::string_view kHospitalWards[];  // "Khoa Nội"
extern const std::size_t kHospitalWardCount;
extern const std::string_view kIndustries[];  // "Xi măng"
extern const std::size_t kIndustryCount;
extern const std::string_view kWorkshops[];  // "Phân xưởng Cơ điện"
extern const std::size_t kWorkshopCount;

}  // namespace xeploai::demo::internal
