#include "service/answer/template.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firstline {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

absl::StatusOr<Template> Template::Parse(absl::string_view text) {
  Template result;
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal += c;
      ++i;
      continue;
    }
    if (c == '}') {
      return absl::InvalidArgumentError(
          absl::StrCat("'}' at character ", i + 1,
                       " closes nothing; write '}}' for a brace"));
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("'{' at character ", i + 1,
                       " is not closed; write '{{' for a brace"));
    }
    const absl::string_view inside = text.substr(i + 1, close - i - 1);
    const size_t dot = inside.find('.');
    Variable variable;
    if (dot != absl::string_view::npos) {
      variable.space = std::string(inside.substr(0, dot));
      variable.name = std::string(inside.substr(dot + 1));
    }
    const bool name_ok =
        !variable.name.empty() &&
        std::all_of(variable.name.begin(), variable.name.end(), IsNameChar);
    const bool space_ok =
        variable.space == "customer" || variable.space == "slot" ||
        variable.space == "shop" || variable.space == "handoff";
    if (!name_ok || !space_ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'{", inside,
          "}' is not a variable; use {customer.name}, {slot.NAME}, "
          "{shop.NAME} or {handoff.opens_at}"));
    }
    if (variable.space == "customer" && variable.name != "name") {
      return absl::InvalidArgumentError(absl::StrCat(
          "'{", inside, "}': the only customer variable is {customer.name}"));
    }
    if (variable.space == "handoff" && variable.name != "opens_at") {
      return absl::InvalidArgumentError(absl::StrCat(
          "'{", inside, "}': the only handoff variable is {handoff.opens_at}"));
    }
    result.text_.push_back(std::move(literal));
    literal.clear();
    result.variables_.push_back(std::move(variable));
    i = close;
  }
  result.text_.push_back(std::move(literal));
  return result;
}

const std::string* Template::ValueOf(const Variable& variable,
                                     const TemplateValues& values) {
  if (variable.space == "customer") {
    return values.customer_name.empty() ? nullptr : &values.customer_name;
  }
  if (variable.space == "handoff") {
    return values.handoff_opens_at.empty() ? nullptr : &values.handoff_opens_at;
  }
  const auto* map = variable.space == "slot" ? &values.slots : values.facts;
  if (map == nullptr) return nullptr;
  auto it = map->find(variable.name);
  return it != map->end() && !it->second.empty() ? &it->second : nullptr;
}

bool Template::CanRender(const TemplateValues& values) const {
  return std::all_of(
      variables_.begin(), variables_.end(),
      [&](const Variable& v) { return ValueOf(v, values) != nullptr; });
}

std::optional<std::string> Template::Render(
    const TemplateValues& values) const {
  std::string out = text_[0];
  for (size_t i = 0; i < variables_.size(); ++i) {
    const std::string* value = ValueOf(variables_[i], values);
    if (value == nullptr) return std::nullopt;
    absl::StrAppend(&out, *value, text_[i + 1]);
  }
  return out;
}

size_t Template::KnownValuesUsed() const {
  return std::count_if(variables_.begin(), variables_.end(),
                       [](const Variable& v) { return v.space != "shop"; });
}

bool Template::NeedsOnlyFacts() const {
  return std::all_of(variables_.begin(), variables_.end(),
                     [](const Variable& v) { return v.space == "shop"; });
}

}  // namespace firstline
