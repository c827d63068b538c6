#include "tests/testing/temp_pack.h"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace firstline::testing {

namespace fs = std::filesystem;

const char kMinimalPackYaml[] = R"(name: mini
locales: [en]
)";

const char kMinimalIntentsYaml[] = R"(locale: en
intents:
  - id: track_order
    description: Where is the order.
    signals:
      - phrases: [where ... order, track my order]
      - all: [track | trace, order | parcel]
    vetoes:
      - phrases: [cancel]
    slots:
      - name: order_id
        builtin: order_number
    examples: [where is my order 12345]
    counter_examples: [cancel my order]
  - id: cancel_order
    description: Cancel an order.
    signals:
      - all: [cancel, order]
  - id: contact_human_agent
    description: Wants a person.
    priority: 1
    signals:
      - phrases: [a person, operator]
  - id: abuse
    description: Insults the bot.
    signals:
      - phrases: [idiot, stupid bot]
  - id: get_refund
    description: Wants the money back.
    signals:
      - phrases: [refund, money back]
  - id: return_item
    description: Wants to send an item back.
    signals:
      - phrases: [return, send back]
)";

const char kMinimalAnswersYaml[] = R"(locale: en
facts:
  orders_page: "My account > Orders"
  name: Minimal Shop
email:
  greetings: ["Hello {customer.name},", "Hello,"]
  sign_off: "Best regards,\n{shop.name}"
answers:
  - intent: track_order
    variants:
      - "Order {slot.order_id} is in {shop.orders_page}."
      - "Your orders are in {shop.orders_page}."
  - intent: cancel_order
    variants:
      - "Order {slot.order_id} is cancelled; the money goes back to your {slot.payment}."
      - "Cancel it in {shop.orders_page}."
    details:
      - slot: order_id
        prompts: ["Which order? Send its number.", "I need the order number, e.g. 12345."]
        builtin: order_number
      - slot: payment
        prompts: ["Did you pay by card or PayPal?"]
        options:
          - {label: Card, synonyms: [visa, mastercard]}
          - {label: PayPal}
  - intent: contact_human_agent
    action: handoff
    variants: ["A person will take over."]
  - intent: abuse
    variants: ["Let's keep it civil. What about your order?"]
  - intent: get_refund
    topic: Get a refund
    variants: ["Refunds take 5 days after we get the item."]
  - intent: return_item
    topic: Return an item
    variants: ["Print the return label in {shop.orders_page}."]
  - intent: which_topic
    action: ask
    variants: ["Which of these do you mean?"]
  - intent: handoff
    action: handoff
    variants: ["A colleague takes over from here."]
  - intent: off_hours
    variants:
      - "We are closed now; a person answers {handoff.opens_at}."
      - "We are closed now; a person answers in the morning."
  - intent: fallback
    action: ask
    variants: ["I did not get that. Is it about an order?"]
    options:
      - label: Track an order
      - label: Cancel an order
        value: cancel my order
)";

TempPack::TempPack() {
  std::string pattern =
      (fs::temp_directory_path() / "firstline-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("firstline tests: cannot create a temporary folder");
    std::abort();
  }
  root_ = pattern;
}

TempPack::~TempPack() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void TempPack::Write(const std::string& relative_path,
                     const std::string& content) {
  const fs::path path = fs::path(root_) / relative_path;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

void TempPack::WriteMinimal() {
  Write("rules/pack.yaml", kMinimalPackYaml);
  Write("intents/en/orders.yaml", kMinimalIntentsYaml);
  Write("rules/en/orders.yaml", kMinimalAnswersYaml);
}

}  // namespace firstline::testing
