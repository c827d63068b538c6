#include "tools/synthetic_pack/synthetic_pack.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/engine/engine.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

TEST(SyntheticPackTest, EachLocaleCompilesToExactlyThePatternsAsked) {
  testing::TempPack pack;
  ASSERT_TRUE(WriteSyntheticPack(pack.root(), {.patterns = 200}).ok());
  auto engine = Engine::Load(pack.root());
  ASSERT_TRUE(engine.ok()) << engine.status();
  EXPECT_THAT((*engine)->locales(), ::testing::ElementsAre("en", "ru"));
  for (const std::string locale : {"en", "ru"}) {
    const IntentClassifier& classifier = (*engine)->classifier(locale);
    EXPECT_EQ(classifier.term_count(), 200u) << locale;
    EXPECT_EQ(classifier.intent_count(), 20) << locale;
    // Everything goes to Hyperscan, as in an editor's pack.
    EXPECT_THAT(classifier.notices(), ::testing::IsEmpty()) << locale;
  }
}

TEST(SyntheticPackTest, ReadsLikeAnEditorsPack) {
  auto files = SyntheticPack({.patterns = 100});
  ASSERT_TRUE(files.ok()) << files.status();
  const std::string& en = (*files)["intents/en/synthetic_01.yaml"];
  EXPECT_THAT(en, HasSubstr("  - id: synthetic_00001\n"));
  EXPECT_THAT(en, HasSubstr("      - phrases: ["));
  EXPECT_THAT(en, HasSubstr("      - all: ["));
  EXPECT_THAT(en, HasSubstr("      - regex: '("));
  EXPECT_THAT(en, HasSubstr("    vetoes:\n"));
  EXPECT_THAT((*files)["intents/ru/synthetic_01.yaml"],
              HasSubstr("locale: ru\n"));
  EXPECT_THAT((*files)["rules/ru/synthetic.yaml"],
              HasSubstr("  - intent: fallback\n"));
}

TEST(SyntheticPackTest, ExamplesMostlyGetTheirIntent) {
  testing::TempPack pack;
  ASSERT_TRUE(WriteSyntheticPack(pack.root(), {.patterns = 100}).ok());
  auto rules = RulePack::Load(pack.root());
  ASSERT_TRUE(rules.ok()) << rules.status();
  auto engine = Engine::Create(**rules);
  ASSERT_TRUE(engine.ok()) << engine.status();
  for (const auto& [locale, files] : (*rules)->locales()) {
    int examples = 0;
    int right = 0;
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        for (const std::string& example : intent.examples()) {
          ++examples;
          right +=
              (*engine)->Classify(example, locale, false).intent().intent() ==
              intent.id();
        }
      }
    }
    EXPECT_GT(examples, 0) << locale;
    EXPECT_GE(2 * right, examples) << locale;
  }
}

TEST(SyntheticPackTest, TheSeedPicksThePack) {
  EXPECT_EQ(*SyntheticPack({.patterns = 50, .seed = 7}),
            *SyntheticPack({.patterns = 50, .seed = 7}));
  EXPECT_NE(*SyntheticPack({.patterns = 50, .seed = 7}),
            *SyntheticPack({.patterns = 50, .seed = 8}));
}

TEST(SyntheticPackTest, RejectsSizesItCannotMake) {
  EXPECT_EQ(SyntheticPack({.patterns = 5}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(SyntheticPack({.patterns = 200'000}).status().message(),
              HasSubstr("distinct patterns"));
}

}  // namespace
}  // namespace firstline
