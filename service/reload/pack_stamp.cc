#include "service/reload/pack_stamp.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"

namespace firstline {

std::string PackStamp(const std::string& root) {
  namespace fs = std::filesystem;
  std::vector<std::string> lines;
  for (const char* folder : {"intents", "rules"}) {
    std::error_code error;
    fs::recursive_directory_iterator it(fs::path(root) / folder, error);
    for (; !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      std::error_code file_error;
      if (!it->is_regular_file(file_error)) continue;
      const std::uintmax_t size = it->file_size(file_error);
      const fs::file_time_type written = it->last_write_time(file_error);
      if (file_error) continue;  // Removed while we looked.
      lines.push_back(
          absl::StrCat(it->path().string(), " ", size, " ",
                       std::chrono::duration_cast<std::chrono::nanoseconds>(
                           written.time_since_epoch())
                           .count()));
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string stamp;
  for (const std::string& line : lines) absl::StrAppend(&stamp, line, "\n");
  return stamp;
}

}  // namespace firstline
