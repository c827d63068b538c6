#include "service/reload/pack_reloader.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// The minimal answers, with the orders page named `page`.
std::string AnswersWithOrdersPage(const std::string& page) {
  return absl::StrReplaceAll(testing::kMinimalAnswersYaml,
                             {{"My account > Orders", page}});
}

// What the engine tells a customer asking for order 123.
std::string TrackingAnswer(const Engine& engine) {
  v1::SendMessageRequest request;
  request.set_conversation_id("c");
  request.set_text("where is my order 123");
  return engine.Respond(request, "en").messages(0).text();
}

class PackReloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    auto engine = LoadServablePack(pack_.root(), {}, nullptr);
    ASSERT_TRUE(engine.ok()) << engine.status();
    first_ = std::move(*engine);
    options_.root = pack_.root();
    options_.watch_interval = absl::ZeroDuration();
    options_.log = [this](const std::string& line) {
      absl::MutexLock lock(&mu_);
      log_.push_back(line);
    };
  }

  std::unique_ptr<PackReloader> NewReloader() {
    auto reloader = PackReloader::Create(
        options_, first_, [this](std::shared_ptr<const Engine> next) {
          absl::MutexLock lock(&mu_);
          installed_.push_back(std::move(next));
        });
    EXPECT_TRUE(reloader.ok()) << reloader.status();
    return reloader.ok() ? std::move(*reloader) : nullptr;
  }
  std::vector<std::shared_ptr<const Engine>> Installed() {
    absl::MutexLock lock(&mu_);
    return installed_;
  }
  std::vector<std::string> Log() {
    absl::MutexLock lock(&mu_);
    return log_;
  }

  testing::TempPack pack_;
  std::shared_ptr<const Engine> first_;
  PackReloaderOptions options_;
  absl::Mutex mu_;
  std::vector<std::shared_ptr<const Engine>> installed_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> log_ ABSL_GUARDED_BY(mu_);
};

TEST_F(PackReloaderTest, InstallsAnEditedPack) {
  std::unique_ptr<PackReloader> reloader = NewReloader();
  pack_.Write("rules/en/orders.yaml", AnswersWithOrdersPage("Orders v2"));

  absl::StatusOr<ReloadOutcome> outcome = reloader->Reload("test");

  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->changed);
  EXPECT_EQ(outcome->previous_version, first_->version());
  EXPECT_NE(outcome->version, first_->version());
  ASSERT_THAT(Installed(), SizeIs(1));
  EXPECT_EQ(Installed()[0]->version(), outcome->version);
  EXPECT_EQ(reloader->serving(), Installed()[0]);
  EXPECT_THAT(TrackingAnswer(*Installed()[0]), HasSubstr("Orders v2"));
  EXPECT_THAT(TrackingAnswer(*first_), HasSubstr("My account > Orders"));
  EXPECT_THAT(Log(), ::testing::ElementsAre(HasSubstr(
                         "reload (test): serving rule set " + outcome->version +
                         " (was " + first_->version() + ")")));
}

TEST_F(PackReloaderTest, AnUnchangedPackIsNotSwapped) {
  std::unique_ptr<PackReloader> reloader = NewReloader();
  pack_.WriteMinimal();  // The same content, newer files.

  absl::StatusOr<ReloadOutcome> outcome = reloader->Reload("test");

  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_FALSE(outcome->changed);
  EXPECT_EQ(outcome->version, first_->version());
  EXPECT_THAT(Installed(), IsEmpty());
  EXPECT_EQ(reloader->serving(), first_);
  EXPECT_THAT(Log(), ::testing::ElementsAre(HasSubstr("unchanged")));
}

TEST_F(PackReloaderTest, ABrokenPackIsRefusedWithItsErrorsAndTheOldOneStays) {
  std::unique_ptr<PackReloader> reloader = NewReloader();
  pack_.Write("intents/en/broken.yaml",
              "locale: en\nintents:\n  - id: x\n    colour: red\n");

  absl::StatusOr<ReloadOutcome> outcome = reloader->Reload("test");

  ASSERT_EQ(outcome.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(outcome.status().message(),
              HasSubstr("has errors; still serving " + first_->version()));
  EXPECT_THAT(outcome.status().message(),
              HasSubstr("intents/en/broken.yaml:4:5: error: "));
  EXPECT_THAT(Installed(), IsEmpty());
  EXPECT_EQ(reloader->serving(), first_);
  EXPECT_THAT(reloader->last_error(), HasSubstr("broken.yaml:4:5"));
  EXPECT_THAT(Log(), ::testing::ElementsAre(HasSubstr(
                         "reload (test) refused: the rule pack in ")));

  std::filesystem::remove(pack_.root() + "/intents/en/broken.yaml");
  ASSERT_TRUE(reloader->Reload("test").ok());
  EXPECT_EQ(reloader->last_error(), "");
}

TEST_F(PackReloaderTest, LintErrorsRefuseAPackThatLoads) {
  std::unique_ptr<PackReloader> reloader = NewReloader();
  // Loads and compiles, but an example no longer gets its intent.
  pack_.Write("intents/en/orders.yaml",
              absl::StrReplaceAll(testing::kMinimalIntentsYaml,
                                  {{"examples: [where is my order 12345]",
                                    "examples: [where is my pizza]"}}));

  absl::StatusOr<ReloadOutcome> outcome = reloader->Reload("test");

  ASSERT_EQ(outcome.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(outcome.status().message(),
              HasSubstr("error: example \"where is my pizza\" gets no intent "
                        "instead of 'track_order'"));
  EXPECT_EQ(reloader->serving(), first_);
}

TEST_F(PackReloaderTest, TheWatcherReloadsEditedFilesOnce) {
  options_.watch_interval = absl::Milliseconds(20);
  std::unique_ptr<PackReloader> reloader = NewReloader();
  pack_.Write("rules/en/orders.yaml", AnswersWithOrdersPage("Orders v2"));

  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (Installed().empty() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_THAT(Installed(), SizeIs(1));
  EXPECT_THAT(TrackingAnswer(*reloader->serving()), HasSubstr("Orders v2"));
  // Files that stay as they are are not compiled again.
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_THAT(Installed(), SizeIs(1));
  EXPECT_THAT(Log(), ::testing::ElementsAre(HasSubstr(
                         "reload (files changed): serving rule set ")));
}

TEST_F(PackReloaderTest, TheWatcherReportsABrokenPackOnceAndKeepsServing) {
  options_.watch_interval = absl::Milliseconds(20);
  std::unique_ptr<PackReloader> reloader = NewReloader();
  pack_.Write("rules/pack.yaml", "name: [unclosed\n");

  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (Log().empty() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_THAT(Log(), ::testing::ElementsAre(
                         HasSubstr("reload (files changed) refused: ")));
  EXPECT_THAT(reloader->last_error(), HasSubstr("rules/pack.yaml:"));
  EXPECT_EQ(reloader->serving(), first_);
}

TEST(PackReloaderCreateTest, NeedsTheServingEngineAndTheFolder) {
  PackReloaderOptions options;
  options.root = "pack";
  EXPECT_EQ(PackReloader::Create(options, nullptr, [](auto) {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(LoadServablePackTest, NamesEveryErrorWithItsPlace) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/broken.yaml",
             "locale: en\nintents:\n  - id: x\n    signals: [{regex: '(a'}]\n");
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      LoadServablePack(pack.root(), {}, nullptr);
  ASSERT_EQ(engine.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(engine.status().message(),
              HasSubstr("intents/en/broken.yaml:4:23: error: bad regex"));
}

}  // namespace
}  // namespace firstline
