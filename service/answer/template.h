// An answer template: text with {namespace.name} variables, such as
// "Order {slot.order_id} left the warehouse on {shop.dispatch_day}."
// "{{" and "}}" stand for literal braces.
#ifndef FIRSTLINE_SERVICE_ANSWER_TEMPLATE_H_
#define FIRSTLINE_SERVICE_ANSWER_TEMPLATE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace firstline {

// The values a template can use for one message.
struct TemplateValues {
  std::string customer_name;  // Empty when unknown.
  absl::flat_hash_map<std::string, std::string> slots;
  const absl::flat_hash_map<std::string, std::string>* facts = nullptr;
  std::string handoff_opens_at;  // Empty when unknown.
};

class Template {
 public:
  struct Variable {
    std::string space;  // "customer", "slot", "shop" or "handoff".
    std::string name;
    std::string ToString() const { return "{" + space + "." + name + "}"; }
  };

  // Parses `text`. INVALID_ARGUMENT for an unclosed brace or a variable
  // that is not {customer.name}, {slot.NAME}, {shop.NAME} or
  // {handoff.opens_at}.
  static absl::StatusOr<Template> Parse(absl::string_view text);

  // The text with every variable filled, or nothing when a value is missing.
  std::optional<std::string> Render(const TemplateValues& values) const;
  // True when Render() gives a text: every variable has a value.
  bool CanRender(const TemplateValues& values) const;

  const std::vector<Variable>& variables() const { return variables_; }
  // True when every variable is a shop fact, so the template always renders.
  bool NeedsOnlyFacts() const;
  // How many variables are not shop facts: values known for some messages
  // only.
  size_t KnownValuesUsed() const;

 private:
  // The value of `variable`, or null when it has none.
  static const std::string* ValueOf(const Variable& variable,
                                    const TemplateValues& values);

  // Text and variables alternate: text_[0], variables_[0], text_[1] ...
  std::vector<std::string> text_;
  std::vector<Variable> variables_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_ANSWER_TEMPLATE_H_
