// The shipped rule pack keeps its promises: every example gets its intent
// and no counter-example does, in every locale.
#include "gtest/gtest.h"
#include "service/engine/engine.h"
#include "service/lint/pack_lint.h"
#include "tests/testing/whole_term_check.h"

namespace firstline {
namespace {

class ContentTest : public ::testing::Test {
 protected:
  // The pack is compiled once for the suite; an error fails every test (an
  // assertion here would only skip them).
  static void SetUpTestSuite() {
    auto pack = RulePack::Load(FIRSTLINE_SOURCE_DIR);
    if (!pack.ok()) {
      *load_error_ = std::string(pack.status().message());
      return;
    }
    auto engine = Engine::Create(**pack);
    if (!engine.ok()) {
      *load_error_ = std::string(engine.status().message());
      return;
    }
    pack_ = pack->release();
    engine_ = engine->release();
  }
  void SetUp() override { ASSERT_NE(engine_, nullptr) << *load_error_; }
  static void TearDownTestSuite() {
    delete engine_;
    delete pack_;
  }
  static const RulePack* pack_;
  static const Engine* engine_;
  static std::string* load_error_;
};

std::string* ContentTest::load_error_ = new std::string();
const RulePack* ContentTest::pack_ = nullptr;
const Engine* ContentTest::engine_ = nullptr;

TEST_F(ContentTest, EveryExampleGetsItsIntentAndNoCounterExampleDoes) {
  int examples = 0;
  for (const auto& [locale, files] : pack_->locales()) {
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        EXPECT_GT(intent.examples_size(), 0)
            << pack_->positions().Find(intent).ToString() << ": " << intent.id()
            << " has no examples";
        for (int i = 0; i < intent.examples_size(); ++i) {
          ++examples;
          v1::ClassifyResponse got =
              engine_->Classify(intent.examples(i), locale, true);
          EXPECT_EQ(got.intent().intent(), intent.id())
              << pack_->positions().Find(intent, "examples", i).ToString()
              << ": example \"" << intent.examples(i)
              << "\": " << got.trace().decision();
        }
        for (int i = 0; i < intent.counter_examples_size(); ++i) {
          v1::ClassifyResponse got =
              engine_->Classify(intent.counter_examples(i), locale, true);
          EXPECT_NE(got.intent().intent(), intent.id())
              << pack_->positions()
                     .Find(intent, "counter_examples", i)
                     .ToString()
              << ": counter-example \"" << intent.counter_examples(i)
              << "\": " << got.trace().decision();
        }
      }
    }
  }
  EXPECT_GT(examples, 100);
}

TEST_F(ContentTest, EveryAlertExampleRaisesItsAlertAndNoCounterExampleDoes) {
  for (const auto& [locale, files] : pack_->locales()) {
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& alert : file->alerts()) {
        auto raised = [&](const std::string& text) {
          const v1::ClassifyResponse got =
              engine_->Classify(text, locale, false);
          return std::find(got.signals().begin(), got.signals().end(),
                           alert.id()) != got.signals().end();
        };
        for (int i = 0; i < alert.examples_size(); ++i) {
          EXPECT_TRUE(raised(alert.examples(i)))
              << pack_->positions().Find(alert, "examples", i).ToString()
              << ": \"" << alert.examples(i) << "\" does not raise "
              << alert.id();
        }
        for (int i = 0; i < alert.counter_examples_size(); ++i) {
          EXPECT_FALSE(raised(alert.counter_examples(i)))
              << pack_->positions()
                     .Find(alert, "counter_examples", i)
                     .ToString()
              << ": \"" << alert.counter_examples(i) << "\" raises "
              << alert.id();
        }
      }
    }
  }
}

TEST_F(ContentTest, PackServesEnglishAndRussianWithTheSameIntents) {
  ASSERT_EQ(engine_->locales(), (std::vector<std::string>{"en", "ru"}));
  const IntentClassifier& en = engine_->classifier("en");
  const IntentClassifier& ru = engine_->classifier("ru");
  EXPECT_EQ(en.intent_count(), ru.intent_count());
  for (const char* id :
       {"cancel_order", "track_order", "get_refund", "contact_human_agent",
        "greeting", "thanks", "goodbye", "bot_identity", "abuse"}) {
    EXPECT_TRUE(en.FindIntent(id).has_value()) << id;
    EXPECT_TRUE(ru.FindIntent(id).has_value()) << id;
  }
}

// Also: no quick reply leads back to the answer it stands under.
TEST(ShippedPackLintTest, HasNoLintErrors) {
  for (const LintFinding& finding : LintPack(FIRSTLINE_SOURCE_DIR)) {
    if (finding.severity == LintFinding::Severity::kError) {
      ADD_FAILURE() << finding.ToString();
    }
  }
}

TEST_F(ContentTest, NoPatternFallsBackToRe2) {
  // Every shipped pattern runs in the one Hyperscan scan.
  for (const std::string& notice : engine_->notices()) ADD_FAILURE() << notice;
}

TEST_F(ContentTest, TheMatcherFindsWhatEachWholeTermFinds) {
  // TermMatcher finds a term's head with Hyperscan and checks its ending
  // after (see term.h), or a phrase's words and follows them (see
  // phrase_walker.h); RE2 reads each term whole. On every message of the
  // pack and of the samples, both must find the same terms.
  for (const std::string& locale : engine_->locales()) {
    absl::StatusOr<testing::WholeTermCheck> check =
        testing::CheckAgainstWholeTerms(*engine_, *pack_, locale,
                                        FIRSTLINE_SOURCE_DIR);
    ASSERT_TRUE(check.ok()) << check.status();
    // Most messages are meant to fire something.
    EXPECT_GT(check->found, check->messages) << locale;
  }
}

}  // namespace
}  // namespace firstline
