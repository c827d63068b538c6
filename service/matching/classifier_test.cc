#include "service/matching/classifier.h"

#include <re2/re2.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/content/yaml_reader.h"
#include "service/matching/scan_text.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

// Compiles intents written as an IntentFile in YAML.
class ClassifierTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::unique_ptr<const IntentClassifier>> Compile(
      const std::string& yaml) {
    absl::Status read =
        ReadYaml("intents/en/t.yaml", yaml, &file_, &positions_);
    if (!read.ok()) return read;
    std::vector<const v1::Intent*> intents;
    for (const v1::Intent& intent : file_.intents()) intents.push_back(&intent);
    ClassifierOptions options{"en", {}, ""};
    options.scoring.set_default_weight(0.8);
    options.scoring.set_min_score(0.5);
    options.scoring.set_margin(0.1);
    std::vector<const v1::Intent*> alerts;
    for (const v1::Intent& alert : file_.alerts()) alerts.push_back(&alert);
    return IntentClassifier::Create(options, intents, alerts, positions_);
  }

  // The chosen intent's id, or "" for none.
  std::string Choose(const IntentClassifier& classifier,
                     const std::string& text) {
    Classification c = classifier.Classify(normalizer_->Normalize(text));
    return c.chosen ? classifier.intent(c.chosen->intent).id() : "";
  }

  v1::IntentFile file_;
  SourceMap positions_;
  std::unique_ptr<Normalizer> normalizer_ = *Normalizer::Create();
};

constexpr char kOrders[] = R"(locale: en
intents:
  - id: track_order
    signals:
      - phrases: [where ... order, track my order]
      - all: [track | trace, order | parcel]
    vetoes:
      - phrases: [cancel]
  - id: cancel_order
    signals:
      - all: [cancel, order | purchase]
  - id: check_cancellation_fee
    signals:
      - all: [cancel, fee | charge]
        weight: 0.9
  - id: vague
    signals:
      - phrases: [help]
        weight: 0.3
)";

TEST_F(ClassifierTest, ChoosesTheIntentWhoseSignalsFire) {
  auto classifier = Compile(kOrders);
  ASSERT_TRUE(classifier.ok()) << classifier.status();
  EXPECT_EQ(Choose(**classifier, "Where is my ORDER?"), "track_order");
  EXPECT_EQ(Choose(**classifier, "please trace the parcel"), "track_order");
  EXPECT_EQ(Choose(**classifier, "I want to cancel this purchase"),
            "cancel_order");
  EXPECT_EQ(Choose(**classifier, "what's the weather"), "");
}

TEST_F(ClassifierTest, VetoRulesAnIntentOut) {
  auto classifier = *Compile(kOrders);
  Classification c = classifier->Classify(
      normalizer_->Normalize("where is my order, I want to cancel it"));
  ASSERT_TRUE(c.chosen.has_value());
  EXPECT_EQ(classifier->intent(c.chosen->intent).id(), "cancel_order");
  ASSERT_EQ(c.ranked.size(), 1u);
  EXPECT_TRUE(std::any_of(c.fired.begin(), c.fired.end(),
                          [](const FiredSignal& f) { return f.veto; }));
}

TEST_F(ClassifierTest, ScoresCombineAsNoisyOr) {
  auto classifier = *Compile(kOrders);
  // Two signals of track_order fire: 1 - 0.2 * 0.2 = 0.96.
  Classification c = classifier->Classify(
      normalizer_->Normalize("track my order, where is the order"));
  ASSERT_TRUE(c.chosen.has_value());
  EXPECT_NEAR(c.ranked[0].score, 0.96, 1e-9);
}

TEST_F(ClassifierTest, BelowMinScoreOrWithinMarginThereIsNoIntent) {
  auto classifier = *Compile(kOrders);
  Classification c = classifier->Classify(normalizer_->Normalize("help"));
  EXPECT_FALSE(c.chosen.has_value());
  EXPECT_THAT(c.decision.ToString(), HasSubstr("below min_score"));
  // cancel_order 0.8 and check_cancellation_fee 0.9 lead by 0.1: chosen.
  EXPECT_EQ(Choose(*classifier, "cancel order fee"), "check_cancellation_fee");
}

TEST_F(ClassifierTest, CloseCallsGoToThePriorityOrToNobody) {
  const std::string yaml = R"(locale: en
intents:
  - id: a
    signals: [{phrases: [refund]}]
  - id: b
    signals: [{phrases: [money]}]
  - id: c
    priority: 1
    signals: [{phrases: [person]}]
)";
  auto classifier = *Compile(yaml);
  Classification c =
      classifier->Classify(normalizer_->Normalize("refund my money"));
  EXPECT_FALSE(c.chosen.has_value());
  EXPECT_THAT(c.decision.ToString(), HasSubstr("closer than margin"));
  ASSERT_EQ(c.tied.size(), 2u);
  EXPECT_EQ(classifier->intent(c.tied[0].intent).id(), "a");
  EXPECT_EQ(classifier->intent(c.tied[1].intent).id(), "b");
  EXPECT_EQ(Choose(*classifier, "refund, a person please"), "c");
  // A close call won by priority is no tie.
  EXPECT_TRUE(
      classifier->Classify(normalizer_->Normalize("refund, a person please"))
          .tied.empty());
}

TEST_F(ClassifierTest, HigherPriorityWinsACloseCallEvenWhenRankedSecond) {
  auto classifier = *Compile(R"(locale: en
intents:
  - id: payment_issue
    signals:
      - {phrases: [card declined], weight: 0.9}
      - {phrases: [checkout], weight: 0.9}
  - id: contact_human_agent
    priority: 1
    signals: [{phrases: [a person], weight: 0.95}]
  - id: other
    priority: 1
    signals: [{phrases: [someone], weight: 0.95}]
)");
  // payment_issue 0.99 leads contact_human_agent 0.95 by less than the
  // margin; the higher priority takes it.
  Classification c = classifier->Classify(
      normalizer_->Normalize("card declined at checkout, I want a person"));
  ASSERT_TRUE(c.chosen.has_value());
  EXPECT_EQ(classifier->intent(c.chosen->intent).id(), "contact_human_agent");
  EXPECT_THAT(c.decision.ToString(), HasSubstr("higher priority"));
  // Two of the same highest priority within the margin: nobody.
  EXPECT_EQ(
      Choose(*classifier, "card declined at checkout, a person or someone"),
      "");
}

TEST_F(ClassifierTest, ErrorsPointAtFileLineAndColumn) {
  auto classifier = Compile(R"(locale: en
intents:
  - id: a
    signals:
      - regex: 'order (number'
      - phrases: [fine, Bad]
  - id: a
    signals:
      - phrases: [x]
        all: [y]
  - id: b
    signals: [{phrases: [z], weight: 2}]
    slots:
      - {name: n, builtin: postcode}
  - id: c
)");
  ASSERT_FALSE(classifier.ok());
  const std::string message(classifier.status().message());
  EXPECT_THAT(message,
              HasSubstr("t.yaml:5:16: bad regex: missing ): order (number"));
  EXPECT_THAT(message, HasSubstr("t.yaml:6:25: 'Bad': "));
  EXPECT_THAT(message, HasSubstr("t.yaml:7:9: intent 'a' is defined twice"));
  EXPECT_THAT(message, HasSubstr("t.yaml:9:9: a signal needs exactly one of"));
  EXPECT_THAT(message, HasSubstr("t.yaml:12:38: weight must be above 0"));
  EXPECT_THAT(message,
              HasSubstr("t.yaml:14:28: unknown built-in slot 'postcode'"));
  EXPECT_THAT(message, HasSubstr("t.yaml:15:5: intent 'c' has no signals"));
}

TEST_F(ClassifierTest, SharedTermsAreCompiledOnce) {
  auto classifier = *Compile(kOrders);
  // "order" stands in three signals but is one term.
  // Terms: where...order, track my order, track, trace, order, parcel,
  // cancel, purchase, fee, charge, help.
  EXPECT_EQ(classifier->term_count(), 11u);
  ASSERT_EQ(classifier->terms().size(), 11u);
  // In order of first use, whole-word, over the scan text.
  const RE2 track_my_order(classifier->terms()[1].Regex());
  EXPECT_TRUE(
      RE2::PartialMatch(ScanText("pls track my orders"), track_my_order));
  EXPECT_FALSE(RE2::PartialMatch(ScanText("retrack my order"), track_my_order));
}

TEST_F(ClassifierTest, AlertsFireBesideIntentsWithoutCompeting) {
  auto classifier = *Compile(R"(locale: en
intents:
  - id: track_order
    signals: [{phrases: [order]}]
alerts:
  - id: urgent
    signals: [{phrases: [urgent, asap]}]
  - id: public_threat
    signals: [{phrases: [twitter]}]
    vetoes: [{phrases: [follow]}]
)");
  Classification c = classifier->Classify(
      normalizer_->Normalize("URGENT: where is my order, asap"));
  ASSERT_TRUE(c.chosen.has_value());
  EXPECT_EQ(classifier->intent(c.chosen->intent).id(), "track_order");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(classifier->intent(c.alerts[0]).id(), "urgent");
  EXPECT_TRUE(classifier->is_alert(c.alerts[0]));
  // An alert alone is no intent.
  c = classifier->Classify(normalizer_->Normalize("urgent!"));
  EXPECT_FALSE(c.chosen.has_value());
  EXPECT_EQ(c.alerts.size(), 1u);
  EXPECT_TRUE(
      classifier->Classify(normalizer_->Normalize("follow us on twitter"))
          .alerts.empty());
}

TEST_F(ClassifierTest, ExtractsTheSlotsOfTheChosenIntent) {
  auto classifier = *Compile(R"(locale: en
intents:
  - id: track_order
    signals: [{phrases: [order]}]
    slots:
      - {name: order_id, builtin: order_number}
      - {name: app, regex: '(?P<app>android|ios)'}
)");
  const std::string text = "Order AB-77777 from the iOS app";
  std::vector<SlotValue> slots =
      classifier->ExtractSlots(0, normalizer_->Normalize(text), text);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].value, "AB-77777");
  EXPECT_EQ(slots[1].value, "iOS");
}

}  // namespace
}  // namespace firstline
