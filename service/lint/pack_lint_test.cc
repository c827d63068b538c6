#include "service/lint/pack_lint.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The findings of `pack` as lines, for matching.
std::vector<std::string> Lint(const testing::TempPack& pack) {
  std::vector<std::string> lines;
  for (const LintFinding& finding : LintPack(pack.root())) {
    lines.push_back(finding.ToString());
  }
  return lines;
}

// The minimal pack with its intents file replaced by `intents`, which must
// define the intents the minimal answers need.
void WriteWithIntents(testing::TempPack* pack, const std::string& intents) {
  pack->WriteMinimal();
  pack->Write("intents/en/orders.yaml", "locale: en\nintents:\n" + intents);
}

// The intents of the minimal pack other than get_refund and return_item,
// each with an example.
constexpr char kOtherIntents[] = R"(  - id: track_order
    signals: [{phrases: [where ... order]}]
    slots: [{name: order_id, builtin: order_number}]
    examples: [where is my order]
  - id: cancel_order
    signals: [{phrases: [cancel]}]
    examples: [cancel my order]
  - id: contact_human_agent
    priority: 1
    signals: [{phrases: [person]}]
    examples: [a person please]
  - id: abuse
    signals: [{phrases: [idiot]}]
    examples: [idiot]
)";

MATCHER_P(HasLine, text, "") {
  for (const std::string& line : arg) {
    if (absl::StrContains(line, text)) return true;
  }
  *result_listener << "lines:\n";
  for (const std::string& line : arg) *result_listener << line << "\n";
  return false;
}

TEST(PackLintTest, TheMinimalPackHasNoErrors) {
  testing::TempPack pack;
  pack.WriteMinimal();
  const std::vector<LintFinding> findings = LintPack(pack.root());
  EXPECT_FALSE(HasErrors(findings));
}

TEST(PackLintTest, LoadErrorsComeWithTheirPlace) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/broken.yaml", "locale: en\nintents: [\n");
  const std::vector<LintFinding> findings = LintPack(pack.root());
  ASSERT_TRUE(HasErrors(findings));
  EXPECT_EQ(findings[0].where.file, "intents/en/broken.yaml");
  EXPECT_GT(findings[0].where.line, 0);
  EXPECT_THAT(findings[0].ToString(),
              HasSubstr("intents/en/broken.yaml:3:1: error: YAML syntax"));
}

TEST(PackLintTest, CompileErrorsOfIntentsAndAnswersTogether) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/broken.yaml", R"(locale: en
intents:
  - id: orphan
    signals: [{regex: 'order (number'}]
    examples: [order number]
)");
  pack.Write("rules/en/broken.yaml", R"(locale: en
answers:
  - intent: orphan
    variants: ["See {shop.nowhere}."]
)");
  const std::vector<std::string> lines = Lint(pack);
  EXPECT_THAT(lines, HasLine("intents/en/broken.yaml:4:23: error: bad regex: "
                             "missing ): order (number"));
  EXPECT_THAT(lines, HasLine("rules/en/broken.yaml:4:16: error: "
                             "{shop.nowhere}: no fact 'nowhere'"));
}

TEST(PackLintTest, PatternsThatFallBackToRe2AreWarnings) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/extra.yaml", R"(locale: en
intents:
  - id: odd
    signals: [{regex: 'ab\Cd'}]
    examples: [abxd]
)");
  pack.Write("rules/en/extra.yaml", R"(locale: en
answers:
  - intent: odd
    variants: ["Odd."]
)");
  EXPECT_THAT(Lint(pack),
              HasLine("intents/en/extra.yaml:4:23: warning: Hyperscan cannot "
                      "compile this (\\C is unsupported in UTF8"));
  EXPECT_FALSE(HasErrors(LintPack(pack.root())));
}

TEST(PackLintTest, ExamplesMustGetTheirIntentAndCounterExamplesMustNot) {
  testing::TempPack pack;
  WriteWithIntents(&pack, std::string(kOtherIntents) + R"(  - id: get_refund
    signals: [{phrases: [refund]}]
    examples: [refund please, where is my order 1234, hello there]
    counter_examples: [no refund needed]
  - id: return_item
    signals: [{phrases: [return]}]
    examples: [refund please]
)");
  const std::vector<std::string> lines = Lint(pack);
  EXPECT_THAT(lines, HasLine("orders.yaml:19:31: error: example \"where is my "
                             "order 1234\" gets 'track_order' instead of "
                             "'get_refund'"));
  EXPECT_THAT(lines, HasLine("(hint: add a veto to 'track_order'"));
  EXPECT_THAT(lines, HasLine("orders.yaml:19:55: error: example \"hello "
                             "there\" gets no intent instead of 'get_refund'"));
  EXPECT_THAT(lines, HasLine("orders.yaml:20:24: error: counter-example \"no "
                             "refund needed\" gets 'get_refund'"));
  EXPECT_THAT(lines, HasLine("orders.yaml:23:16: error: example \"refund "
                             "please\" is also an example of 'get_refund'"));
}

TEST(PackLintTest, SignalsThatNothingOrEverythingFires) {
  testing::TempPack pack;
  WriteWithIntents(&pack, std::string(kOtherIntents) + R"(  - id: get_refund
    signals:
      - phrases: [refund]
      - phrases: [money back]
    examples: [refund]
  - id: return_item
    signals:
      - phrases: [return]
      - regex: '[a-z]+'
        weight: 0.1
    examples: [return]
)");
  const std::vector<std::string> lines = Lint(pack);
  EXPECT_THAT(lines, HasLine("orders.yaml:20:9: warning: no example of its "
                             "intent fires this signal"));
  EXPECT_THAT(lines, HasLine("orders.yaml:25:9: warning: the signal fires on "
                             "examples of 5 other intents"));
}

TEST(PackLintTest, AnswersThatReadBadlyInAChat) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("rules/pack.yaml", R"(name: mini
locales: [en]
chat_max_chars: 100
banned_phrases: [we are ready to help]
)");
  std::string answers = testing::kMinimalAnswersYaml;
  answers.replace(answers.find("Cancel it in {shop.orders_page}."),
                  std::string("Cancel it in {shop.orders_page}.").size(),
                  "We Are Ready To Help! 🎉🎉🎉🎉 Cancel it in "
                  "{shop.orders_page}. Then wait a little: the money goes "
                  "back to your card in a few days, as the bank decides.");
  pack.Write("rules/en/orders.yaml", answers);
  const std::vector<std::string> lines = Lint(pack);
  EXPECT_THAT(lines, HasLine("warning: uses \"we are ready to help\", which "
                             "the pack bans"));
  EXPECT_THAT(lines, HasLine("warning: 4 emoji; at most 3 read well"));
  EXPECT_THAT(lines, HasLine("warning: longer than a chat screen (100 "
                             "characters): sent as 2 messages"));
}

TEST(PackLintTest, AQuickReplyThatLeadsBackIsALoop) {
  testing::TempPack pack;
  pack.WriteMinimal();
  std::string answers = testing::kMinimalAnswersYaml;
  const std::string anchor =
      "      - \"Your orders are in {shop.orders_page}.\"\n";
  answers.insert(answers.find(anchor) + anchor.size(),
                 "    options:\n      - label: Where is it?\n"
                 "        value: where is my order\n");
  pack.Write("rules/en/orders.yaml", answers);
  EXPECT_THAT(Lint(pack), HasLine("rules/en/orders.yaml:14:9: error: the "
                                  "quick reply \"where is my order\" brings "
                                  "back the answer it stands under: a loop"));
}

TEST(PackLintTest, IntentsWithoutExamplesAreWarnings) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/extra.yaml", R"(locale: en
intents:
  - id: quiet
    signals: [{phrases: [quiet]}]
)");
  pack.Write("rules/en/extra.yaml", R"(locale: en
answers:
  - intent: quiet
    variants: ["Shh."]
)");
  EXPECT_THAT(Lint(pack), HasLine("extra.yaml:3:9: warning: intent 'quiet' "
                                  "has no examples"));
}

TEST(PackLintTest, ReferencesToWhatDoesNotExist) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/extra.yaml", R"(locale: en
intents:
  - id: quiet
    signals: [{phrases: [quiet]}]
    examples: [quiet]
)");
  // An answer of no intent, a fact and a slot nothing fills.
  pack.Write("rules/en/extra.yaml", R"(locale: en
answers:
  - intent: delete_account
    variants: ["Gone."]
  - intent: quiet
    variants: ["See {shop.nope}.", "See {slot.nothing}."]
)");
  // A queue for an intent that does not exist.
  pack.Write("rules/queues.yaml", R"(default_queue: general
abuse_queue: general
queues:
  - {id: general, intents: [refund_me]}
)");
  const std::vector<std::string> lines = Lint(pack);
  EXPECT_THAT(lines, HasLine("rules/en/extra.yaml:3:13: error: no intent "
                             "'delete_account' in this locale"));
  EXPECT_THAT(lines, HasLine("rules/en/extra.yaml:6:16: error: {shop.nope}: "
                             "no fact 'nope'"));
  EXPECT_THAT(lines, HasLine("rules/en/extra.yaml:6:36: error: {slot.nothing}: "
                             "the intent declares no slot 'nothing', so "
                             "nothing can fill it"));
  EXPECT_THAT(lines, HasLine("rules/queues.yaml:4:29: error: no intent "
                             "'refund_me' in intents/"));
}

TEST(PackLintTest, AnIntentWithoutAnAnswer) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/extra.yaml", R"(locale: en
intents:
  - id: unanswered
    signals: [{phrases: [unanswered]}]
    examples: [unanswered]
)");
  EXPECT_THAT(Lint(pack), HasLine("intents/en/extra.yaml:3:9: error: intent "
                                  "'unanswered' has no answer in rules/en/"));
}

}  // namespace
}  // namespace firstline
