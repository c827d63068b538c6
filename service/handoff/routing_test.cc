#include "service/handoff/routing.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/content/yaml_reader.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class RoutingTest : public ::testing::Test {
 protected:
  absl::StatusOr<Routing> Route(const std::string& yaml) {
    absl::Status read =
        ReadYaml("rules/queues.yaml", yaml, &file_, &positions_);
    if (!read.ok()) return read;
    return Routing::Create(file_, positions_,
                           {"get_refund", "track_order", "abuse"});
  }
  v1::QueuesFile file_;
  SourceMap positions_;
};

TEST_F(RoutingTest, RoutesByIntentElseToTheDefault) {
  Routing routing = *Route(R"(default_queue: general
abuse_queue: abuse
queues:
  - {id: general}
  - {id: billing, intents: [get_refund], sla_minutes: 30}
  - {id: abuse, sla_minutes: 60}
)");
  EXPECT_EQ(routing.ForIntent("get_refund").queue, "billing");
  EXPECT_EQ(routing.ForIntent("get_refund").sla, absl::Minutes(30));
  EXPECT_EQ(routing.ForIntent("track_order").queue, "general");
  EXPECT_EQ(routing.ForIntent("track_order").sla, absl::Minutes(15));
  EXPECT_EQ(routing.ForIntent("").queue, "general");
  EXPECT_EQ(routing.ForAbuse().queue, "abuse");
}

TEST_F(RoutingTest, WithoutAFileEverythingGoesToGeneral) {
  Routing routing;
  EXPECT_EQ(routing.ForIntent("get_refund").queue, "general");
  EXPECT_EQ(routing.ForAbuse().queue, "abuse");
}

TEST_F(RoutingTest, ErrorsPointAtTheValue) {
  absl::StatusOr<Routing> routing = Route(R"(default_queue: general
abuse_queue: nowhere
queues:
  - {id: general, intents: [get_refund]}
  - {id: billing, intents: [get_refund, refund_me]}
  - {id: billing}
)");
  ASSERT_FALSE(routing.ok());
  const std::string message(routing.status().message());
  EXPECT_THAT(
      message,
      HasSubstr("queues.yaml:2:14: abuse_queue must name a queue defined "
                "under queues, found 'nowhere'"));
  EXPECT_THAT(
      message,
      HasSubstr("queues.yaml:5:29: intent 'get_refund' is already routed to "
                "queue 'general'"));
  EXPECT_THAT(message,
              HasSubstr("queues.yaml:5:41: no intent 'refund_me' in intents/"));
  EXPECT_THAT(message,
              HasSubstr("queues.yaml:6:10: queue 'billing' is defined twice"));
}

}  // namespace
}  // namespace firstline
