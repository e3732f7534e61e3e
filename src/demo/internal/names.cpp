#include "demo/internal/names.hpp"

#include <iterator>

namespace xeploai::demo::internal {

const Weighted kFamilyNames[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},   {"Phạm", 70}, {"Hoàng", 40}, {"Huỳnh", 20}, {"Phan", 45},
    {"Vũ", 30},      {"Võ", 20},    {"Đặng", 21}, {"Bùi", 20},  {"Đỗ", 14},    {"Hồ", 13},    {"Ngô", 13},
    {"Dương", 10},   {"Lý", 5},     {"Đinh", 8},  {"Trịnh", 6}, {"Lương", 5},  {"Mai", 4},    {"Đào", 5},
    {"Cao", 4},      {"Lâm", 3},    {"Hà", 4},    {"Tạ", 2},    {"Chu", 2},    {"Triệu", 2},  {"Kiều", 1},
    {"Quách", 1},    {"Lò", 1},     {"Vi", 1},    {"Nông", 2},  {"Thái", 2},   {"Tô", 2},     {"Lưu", 2},
};
const std::size_t kFamilyNameCount = std::size(kFamilyNames);

const Weighted kMaleMiddleNames[] = {
    {"Văn", 300},  {"Đức", 90},  {"Minh", 90}, {"Quang", 70}, {"Hữu", 70},   {"Công", 55}, {"Xuân", 45},
    {"Thanh", 45}, {"Ngọc", 35}, {"Tiến", 35}, {"Đình", 60},  {"Trọng", 35}, {"Mạnh", 25}, {"Anh", 20},
    {"Hoàng", 25}, {"Duy", 25},  {"Quốc", 35}, {"Thế", 35},   {"Bá", 15},    {"Viết", 12}, {"Khắc", 10},
};
const std::size_t kMaleMiddleNameCount = std::size(kMaleMiddleNames);

const Weighted kFemaleMiddleNames[] = {
    {"Thị", 500},   {"Thu", 55}, {"Ngọc", 55},  {"Thanh", 45}, {"Minh", 35}, {"Hồng", 45},
    {"Phương", 25}, {"Kim", 35}, {"Thùy", 30},  {"Bích", 25},  {"Mai", 20},  {"Hải", 15},
    {"Diệu", 10},   {"Lan", 15}, {"Khánh", 10}, {"Quỳnh", 10}, {"Thúy", 20}, {"Hoài", 10},
};
const std::size_t kFemaleMiddleNameCount = std::size(kFemaleMiddleNames);

const std::string_view kMaleGivenNames[] = {
    "An",   "Anh",  "Bảo",   "Bình",  "Cường", "Chiến", "Công",   "Dũng", "Duy",   "Dương", "Đạt",
    "Đông", "Đức",  "Giang", "Hải",   "Hào",   "Hiếu",  "Hiệp",   "Hòa",  "Hoàng", "Huy",   "Hùng",
    "Hưng", "Khải", "Khánh", "Khoa",  "Kiên",  "Lâm",   "Linh",   "Lộc",  "Long",  "Luân",  "Mạnh",
    "Minh", "Nam",  "Nghĩa", "Nhân",  "Phong", "Phúc",  "Phương", "Quân", "Quang", "Quý",   "Sơn",
    "Tài",  "Tâm",  "Thành", "Thắng", "Thanh", "Thịnh", "Thuận",  "Tiến", "Toàn",  "Trung", "Trường",
    "Tú",   "Tuấn", "Tùng",  "Việt",  "Vinh",  "Vũ",    "Hậu",    "Khôi", "Lợi",   "Thái",  "Đoàn",
};
const std::size_t kMaleGivenNameCount = std::size(kMaleGivenNames);

const std::string_view kFemaleGivenNames[] = {
    "An",    "Anh",  "Ánh",    "Bích",  "Chi",   "Diệp", "Dung", "Duyên", "Giang", "Hà",   "Hạnh", "Hằng",  "Hiền",
    "Hoa",   "Hồng", "Huệ",    "Hương", "Huyền", "Lan",  "Liên", "Linh",  "Loan",  "Mai",  "My",   "Nga",   "Ngân",
    "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm",  "Thảo", "Thắm",  "Thanh", "Thủy", "Thư",  "Trang", "Trinh",
    "Tuyết", "Uyên", "Vân",    "Vy",    "Yến",   "Nhàn", "Lụa",  "Xuân",  "Hậu",   "Đào",  "Ngọc",
};
const std::size_t kFemaleGivenNameCount = std::size(kFemaleGivenNames);

const std::string_view kPlaceFirst[] = {
    "Tân",  "Phú",   "Hòa",  "An",   "Bình",  "Đông",  "Tây",  "Nam", "Bắc",  "Thạch", "Vĩnh", "Quảng",
    "Hưng", "Thanh", "Xuân", "Minh", "Phúc",  "Thuận", "Long", "Hải", "Kim",  "Đại",   "Cẩm",  "Trung",
    "Yên",  "Lạc",   "Mỹ",   "Hiệp", "Quang", "Đồng",  "Sơn",  "Gia", "Ngọc", "Hồng",  "Tiên", "Thái",
};
const std::size_t kPlaceFirstCount = std::size(kPlaceFirst);

const std::string_view kPlaceSecond[] = {
    "Hòa",   "Phong", "Lợi",  "Thịnh", "Sơn",   "Lâm",  "Xuân", "An",  "Tiến",  "Thành", "Phú",
    "Hưng",  "Lộc",   "Bình", "Thủy",  "Trung", "Khê",  "Mỹ",   "Đức", "Nghĩa", "Hà",    "Long",
    "Cường", "Vinh",  "Hải",  "Yên",   "Điền",  "Châu", "Tân",  "Quý", "Định",  "Hợp",
};
const std::size_t kPlaceSecondCount = std::size(kPlaceSecond);

const std::string_view kProvinceDepartments[] = {
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tư pháp",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động – Thương binh và Xã hội",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Cục Thuế tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thống kê tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
};
const std::size_t kProvinceDepartmentCount = std::size(kProvinceDepartments);

const std::string_view kProvinceOffices[] = {
    "Văn phòng",         "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra",
    "Phòng Pháp chế",    "Phòng Nghiệp vụ 1",    "Phòng Nghiệp vụ 2",          "Phòng Nghiệp vụ 3",
    "Trung tâm Dịch vụ", "Chi cục trực thuộc",
};
const std::size_t kProvinceOfficeCount = std::size(kProvinceOffices);

const std::string_view kDistrictOffices[] = {
    "Phòng Nội vụ",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Tư pháp",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Văn hóa và Thông tin",
    "Phòng Lao động – Thương binh và Xã hội",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Thanh tra huyện",
};
const std::size_t kDistrictOfficeCount = std::size(kDistrictOffices);

const std::string_view kPartyOffices[] = {
    "Văn phòng cấp ủy",
    "Ban Tổ chức",
    "Ủy ban Kiểm tra",
    "Ban Tuyên giáo và Dân vận",
    "Mặt trận Tổ quốc và các đoàn thể",
    "Trung tâm Chính trị",
};
const std::size_t kPartyOfficeCount = std::size(kPartyOffices);

const std::string_view kHospitalWards[] = {
    "Khoa Nội",
    "Khoa Ngoại",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Khám bệnh",
    "Khoa Hồi sức cấp cứu",
    "Khoa Dược",
    "Khoa Xét nghiệm",
    "Khoa Chẩn đoán hình ảnh",
    "Phòng Kế hoạch – Tổng hợp",
    "Khoa Y tế công cộng",
    "Phòng Tổ chức – Hành chính",
};
const std::size_t kHospitalWardCount = std::size(kHospitalWards);

const std::string_view kIndustries[] = {
    "Xi măng",           "Cao su",   "Chè",        "Dệt may",    "Cơ khí",    "Điện lực", "Cấp nước",
    "Môi trường đô thị", "Vận tải",  "Xây dựng",   "Lương thực", "Dược phẩm", "Phân bón", "Giấy",
    "Khoáng sản",        "Thủy lợi", "Lâm nghiệp",
};
const std::size_t kIndustryCount = std::size(kIndustries);

const std::string_view kWorkshops[] = {
    "Phân xưởng Sản xuất",       "Phân xưởng Cơ điện", "Phòng Kỹ thuật", "Phòng Kinh doanh",
    "Phòng Tài chính – Kế toán", "Đội Thi công",       "Tổ Vận hành",    "Phòng Hành chính – Nhân sự",
};
const std::size_t kWorkshopCount = std::size(kWorkshops);

}  // namespace xeploai::demo::internal
