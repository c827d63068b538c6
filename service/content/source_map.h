// Where each value of a rule file was written, for error messages that point
// editors at file:line:col.
#ifndef FIRSTLINE_SERVICE_CONTENT_SOURCE_MAP_H_
#define FIRSTLINE_SERVICE_CONTENT_SOURCE_MAP_H_

#include <string>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace firstline {

// A place in a rule file. Line and column count from 1.
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:col".
  std::string ToString() const;
};

// Positions of the messages and fields read from rule files. Keys are message
// addresses, so the messages must outlive the map and not move.
class SourceMap {
 public:
  // Records where `message` itself, or its field `field_number` (element
  // `index` of a repeated field; -1 for the field as a whole), was written.
  void Record(const google::protobuf::Message* message, int field_number,
              int index, SourcePosition position);

  // Returns where the field (or element) was written; falls back to the
  // field as a whole, then to the message, then to an empty position.
  SourcePosition Find(const google::protobuf::Message& message,
                      absl::string_view field_name, int index = -1) const;

  // Returns where `message` itself starts.
  SourcePosition Find(const google::protobuf::Message& message) const;

 private:
  using Key = std::tuple<const void*, int, int>;
  absl::flat_hash_map<Key, SourcePosition> positions_;
};

// Error text as editors read it: "file:line:col: message".
std::string ErrorAt(const SourcePosition& position, absl::string_view message);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_CONTENT_SOURCE_MAP_H_
