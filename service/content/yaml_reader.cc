#include "service/content/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace firstline {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

class Reader {
 public:
  Reader(absl::string_view file, SourceMap* positions)
      : file_(file), positions_(positions) {}

  absl::Status ReadMessage(const YAML::Node& node, Message* message) {
    positions_->Record(message, 0, -1, At(node));
    if (!node.IsMap()) {
      return Error(node, absl::StrCat("expected a map of ",
                                      message->GetDescriptor()->name(),
                                      " keys, found ", KindOf(node)));
    }
    const Descriptor* descriptor = message->GetDescriptor();
    absl::flat_hash_set<std::string> seen;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (!seen.insert(key).second) {
        return Error(entry.first,
                     absl::StrCat("key '", key, "' appears twice in this map"));
      }
      const FieldDescriptor* field = descriptor->FindFieldByName(key);
      if (field == nullptr) {
        return Error(
            entry.first,
            absl::StrCat("unknown key '", key, "' in ", descriptor->name(),
                         "; expected one of: ", FieldNames(descriptor)));
      }
      if (entry.second.IsNull()) {
        return Error(entry.first, absl::StrCat("'", key, "' has no value"));
      }
      positions_->Record(message, field->number(), -1, At(entry.second));
      absl::Status status = ReadField(entry.second, field, message);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ReadField(const YAML::Node& node, const FieldDescriptor* field,
                         Message* message) {
    if (field->is_map()) return ReadMap(node, field, message);
    if (!field->is_repeated()) return ReadValue(node, field, message, -1);
    if (node.IsScalar() &&
        field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return ReadValue(node, field, message, 0);
    }
    if (!node.IsSequence()) {
      return Error(node,
                   absl::StrCat("'", field->name(), "' must be a list, found ",
                                KindOf(node)));
    }
    int index = 0;
    for (const auto& element : node) {
      absl::Status status = ReadValue(element, field, message, index++);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // map<string, string> fields, such as facts.
  absl::Status ReadMap(const YAML::Node& node, const FieldDescriptor* field,
                       Message* message) {
    if (!node.IsMap()) {
      return Error(node, absl::StrCat("'", field->name(),
                                      "' must be a map, found ", KindOf(node)));
    }
    const Reflection* reflection = message->GetReflection();
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    absl::flat_hash_set<std::string> seen;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (!seen.insert(key).second) {
        return Error(entry.first,
                     absl::StrCat("key '", key, "' appears twice in this map"));
      }
      if (!entry.second.IsScalar()) {
        return Error(entry.second,
                     absl::StrCat("the value of '", key, "' must be text"));
      }
      Message* item = reflection->AddMessage(message, field);
      positions_->Record(message, field->number(),
                         reflection->FieldSize(*message, field) - 1,
                         At(entry.first));
      item->GetReflection()->SetString(item, key_field, key);
      item->GetReflection()->SetString(item, value_field,
                                       entry.second.Scalar());
    }
    return absl::OkStatus();
  }

  // One value of `field`; `index` is its place in a repeated field, or -1.
  absl::Status ReadValue(const YAML::Node& node, const FieldDescriptor* field,
                         Message* message, int index) {
    const Reflection* reflection = message->GetReflection();
    const bool repeated = index >= 0;
    if (repeated) positions_->Record(message, field->number(), index, At(node));
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = repeated ? reflection->AddMessage(message, field)
                                : reflection->MutableMessage(message, field);
      return ReadMessage(node, child);
    }
    if (!node.IsScalar()) {
      return Error(node,
                   absl::StrCat("'", field->name(), "' must be ",
                                ScalarKind(field), ", found ", KindOf(node)));
    }
    const std::string& text = node.Scalar();
    auto bad_value = [&] {
      return Error(node,
                   absl::StrCat("'", field->name(), "' must be ",
                                ScalarKind(field), ", found '", text, "'"));
    };
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        repeated ? reflection->AddString(message, field, text)
                 : reflection->SetString(message, field, text);
        return absl::OkStatus();
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t value;
        if (!absl::SimpleAtoi(text, &value)) return bad_value();
        repeated ? reflection->AddInt32(message, field, value)
                 : reflection->SetInt32(message, field, value);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double value;
        if (!absl::SimpleAtod(text, &value)) return bad_value();
        repeated ? reflection->AddDouble(message, field, value)
                 : reflection->SetDouble(message, field, value);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool value;
        if (!absl::SimpleAtob(text, &value)) return bad_value();
        repeated ? reflection->AddBool(message, field, value)
                 : reflection->SetBool(message, field, value);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* value = FindEnumValue(field, text);
        if (value == nullptr) return bad_value();
        repeated ? reflection->AddEnum(message, field, value)
                 : reflection->SetEnum(message, field, value);
        return absl::OkStatus();
      }
      default:
        return Error(node, absl::StrCat("'", field->name(),
                                        "' has a type rule files cannot set"));
    }
  }

  // "handoff" finds ANSWER_ACTION_HANDOFF of enum AnswerAction.
  static const google::protobuf::EnumValueDescriptor* FindEnumValue(
      const FieldDescriptor* field, absl::string_view text) {
    const auto* type = field->enum_type();
    for (int i = 1; i < type->value_count(); ++i) {
      const auto* value = type->value(i);
      if (absl::EqualsIgnoreCase(EnumWord(value), text)) return value;
    }
    return nullptr;
  }

  // The part of an enum value's name after the enum's own prefix, lower-case.
  static std::string EnumWord(const google::protobuf::EnumValueDescriptor* v) {
    std::string prefix;
    for (char c : v->type()->name()) {
      if (absl::ascii_isupper(c) && !prefix.empty()) prefix += '_';
      prefix += absl::ascii_toupper(c);
    }
    absl::string_view name = v->name();
    absl::ConsumePrefix(&name, prefix + "_");
    return absl::AsciiStrToLower(name);
  }

  static std::string ScalarKind(const FieldDescriptor* field) {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return "a whole number";
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return "a number";
      case FieldDescriptor::CPPTYPE_BOOL:
        return "true or false";
      case FieldDescriptor::CPPTYPE_ENUM: {
        std::vector<std::string> words;
        const auto* type = field->enum_type();
        for (int i = 1; i < type->value_count(); ++i) {
          words.push_back(EnumWord(type->value(i)));
        }
        return absl::StrCat("one of: ", absl::StrJoin(words, ", "));
      }
      default:
        return "text";
    }
  }

  static std::string FieldNames(const Descriptor* descriptor) {
    std::vector<std::string> names;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      names.push_back(descriptor->field(i)->name());
    }
    return absl::StrJoin(names, ", ");
  }

  static std::string KindOf(const YAML::Node& node) {
    if (node.IsMap()) return "a map";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "nothing";
    return absl::StrCat("'", node.Scalar(), "'");
  }

  SourcePosition At(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return SourcePosition{file_, mark.line + 1, mark.column + 1};
  }

  absl::Status Error(const YAML::Node& node, absl::string_view message) const {
    return absl::InvalidArgumentError(ErrorAt(At(node), message));
  }

  std::string file_;
  SourceMap* positions_;
};

}  // namespace

absl::Status ReadYaml(absl::string_view file, absl::string_view yaml,
                      Message* message, SourceMap* positions) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports errors only by exception; they stop here.
    return absl::InvalidArgumentError(ErrorAt(
        SourcePosition{std::string(file), e.mark.line + 1, e.mark.column + 1},
        absl::StrCat("YAML syntax: ", e.msg)));
  }
  if (root.IsNull()) {
    return absl::InvalidArgumentError(
        ErrorAt(SourcePosition{std::string(file), 1, 1}, "the file is empty"));
  }
  try {
    return Reader(file, positions).ReadMessage(root, message);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(ErrorAt(
        SourcePosition{std::string(file), e.mark.line + 1, e.mark.column + 1},
        e.msg));
  }
}

}  // namespace firstline
