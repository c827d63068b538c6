#include "service/content/rule_pack.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using testing::TempPack;

TEST(RulePackTest, LoadsTheFilesOfEveryLocaleWithDefaults) {
  TempPack pack;
  pack.WriteMinimal();
  auto loaded = RulePack::Load(pack.root());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const RulePack& rules = **loaded;
  ASSERT_TRUE(rules.locales().contains("en"));
  EXPECT_EQ(rules.locales().at("en").intent_files.size(), 1u);
  EXPECT_EQ(rules.locales().at("en").answer_files.size(), 1u);
  EXPECT_DOUBLE_EQ(rules.settings().scoring().default_weight(), 0.8);
  EXPECT_DOUBLE_EQ(rules.settings().scoring().min_score(), 0.5);
  EXPECT_DOUBLE_EQ(rules.settings().scoring().margin(), 0.1);
  EXPECT_EQ(rules.settings().chat_max_chars(), 500);
  EXPECT_THAT(rules.version(), ::testing::MatchesRegex("mini@[0-9a-f]{12}"));
}

TEST(RulePackTest, VersionChangesWithAnyFile) {
  TempPack pack;
  pack.WriteMinimal();
  const std::string before = (*RulePack::Load(pack.root()))->version();
  EXPECT_EQ((*RulePack::Load(pack.root()))->version(), before);
  pack.Write("rules/en/orders.yaml",
             std::string(testing::kMinimalAnswersYaml) + "# edited\n");
  EXPECT_NE((*RulePack::Load(pack.root()))->version(), before);
}

TEST(RulePackTest, ReportsEveryBrokenFileAtOnce) {
  TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/bad.yaml", "locale: en\nintents:\n  - idd: x\n");
  pack.Write("rules/en/bad.yaml", "locale: ru\nanswers: []\n");
  auto loaded = RulePack::Load(pack.root());
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(
      loaded.status().message(),
      HasSubstr("intents/en/bad.yaml:3:5: unknown key 'idd' in Intent"));
  EXPECT_THAT(
      loaded.status().message(),
      HasSubstr("rules/en/bad.yaml:1:9: locale is 'ru' but the file is in "
                "rules/en/"));
}

TEST(RulePackTest, MissingSettingsOrLocaleFolderIsAnError) {
  TempPack empty;
  auto loaded = RulePack::Load(empty.root());
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(),
              HasSubstr("rules/pack.yaml:1:1: missing"));

  TempPack pack;
  pack.WriteMinimal();
  pack.Write("rules/pack.yaml", "name: mini\nlocales: [en, de]\n");
  loaded = RulePack::Load(pack.root());
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(
      loaded.status().message(),
      HasSubstr(
          "rules/pack.yaml:2:15: locale 'de' has no files in intents/de/"));
}

TEST(RulePackTest, SettingsOutOfRangeAreErrors) {
  TempPack pack;
  pack.WriteMinimal();
  pack.Write("rules/pack.yaml",
             "name: mini\nlocales: [en]\nscoring:\n  min_score: 1.5\n");
  auto loaded = RulePack::Load(pack.root());
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(
      loaded.status().message(),
      HasSubstr(
          "rules/pack.yaml:4:14: min_score must be above 0 and at most 1"));
}

}  // namespace
}  // namespace firstline
