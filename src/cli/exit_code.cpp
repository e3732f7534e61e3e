#include "cli/commands.hpp"

namespace xeploai::cli {

int& exit_code() {
  static int code = 0;
  return code;
}

}  // namespace xeploai::cli
