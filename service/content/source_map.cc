#include "service/content/source_map.h"

#include "absl/strings/str_cat.h"

namespace firstline {

std::string SourcePosition::ToString() const {
  return absl::StrCat(file, ":", line, ":", column);
}

std::string ErrorAt(const SourcePosition& position, absl::string_view message) {
  return absl::StrCat(position.ToString(), ": ", message);
}

void SourceMap::Record(const google::protobuf::Message* message,
                       int field_number, int index, SourcePosition position) {
  positions_[Key(message, field_number, index)] = std::move(position);
}

SourcePosition SourceMap::Find(const google::protobuf::Message& message,
                               absl::string_view field_name, int index) const {
  const google::protobuf::FieldDescriptor* field =
      message.GetDescriptor()->FindFieldByName(std::string(field_name));
  if (field != nullptr) {
    for (int i : {index, -1}) {
      auto it = positions_.find(Key(&message, field->number(), i));
      if (it != positions_.end()) return it->second;
    }
  }
  return Find(message);
}

SourcePosition SourceMap::Find(const google::protobuf::Message& message) const {
  auto it = positions_.find(Key(&message, 0, -1));
  return it == positions_.end() ? SourcePosition() : it->second;
}

}  // namespace firstline
