#include "tools/synthetic_pack/synthetic_pack.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/engine/engine.h"
#include "service/lint/pack_lint.h"
#include "service/matching/phrase_walker.h"
#include "tests/testing/temp_pack.h"
#include "tests/testing/whole_term_check.h"

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

// At 1,000 patterns some intents' first phrases are won by other intents
// (lint errors in SyntheticPack's files); the written pack keeps none such.
TEST(SyntheticPackTest, TheWrittenPackPassesLint) {
  auto unchecked = SyntheticPack({.patterns = 1000});
  ASSERT_TRUE(unchecked.ok()) << unchecked.status();
  testing::TempPack first;
  for (const auto& [path, text] : *unchecked) first.Write(path, text);
  EXPECT_TRUE(HasErrors(LintPack(first.root())));

  testing::TempPack pack;
  ASSERT_TRUE(WriteSyntheticPack(pack.root(), {.patterns = 1000}).ok());
  const std::vector<LintFinding> findings = LintPack(pack.root());
  for (const LintFinding& finding : findings) {
    EXPECT_NE(finding.severity, LintFinding::Severity::kError)
        << finding.ToString();
  }
  // Most intents keep an example.
  int examples = 0;
  auto rules = RulePack::Load(pack.root());
  ASSERT_TRUE(rules.ok()) << rules.status();
  for (const auto& [locale, files] : (*rules)->locales()) {
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        examples += intent.examples_size();
      }
    }
  }
  EXPECT_GE(examples, 2 * 100 * 9 / 10);
}

// Most of the pack is phrases, which TermMatcher finds word by word (see
// phrase_walker.h): on the pack's examples and the sample messages it must
// find just what RE2 finds reading each term whole.
TEST(SyntheticPackTest, TheMatcherFindsWhatEachWholeTermFinds) {
  testing::TempPack pack;
  ASSERT_TRUE(WriteSyntheticPack(pack.root(), {.patterns = 1000}).ok());
  auto engine = Engine::Load(pack.root());
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto rules = RulePack::Load(pack.root());
  ASSERT_TRUE(rules.ok()) << rules.status();
  for (const std::string locale : {"en", "ru"}) {
    const std::vector<Term>& terms = (*engine)->classifier(locale).terms();
    const PhraseWalker walker(terms);
    size_t walked = 0;
    for (size_t i = 0; i < terms.size(); ++i) walked += walker.walks(i);
    EXPECT_GT(walked, terms.size() / 2) << locale;
    absl::StatusOr<testing::WholeTermCheck> check =
        testing::CheckAgainstWholeTerms(**engine, **rules, locale,
                                        FIRSTLINE_SOURCE_DIR);
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_GT(check->found, check->messages) << locale;
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
