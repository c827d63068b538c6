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
  EXPECT_EQ(routing.ForHandoff("get_refund", 0).queue, "billing");
  EXPECT_EQ(routing.ForHandoff("get_refund", 0).sla, absl::Minutes(30));
  EXPECT_EQ(routing.ForHandoff("track_order", 0).queue, "general");
  EXPECT_EQ(routing.ForHandoff("track_order", 0).sla, absl::Minutes(15));
  EXPECT_EQ(routing.ForHandoff("", 0).queue, "general");
  EXPECT_EQ(routing.ForAbuse().queue, "abuse");
}

TEST_F(RoutingTest, AQueueCanTakeEveryHandoffOfAPriority) {
  Routing routing = *Route(R"(default_queue: general
abuse_queue: abuse
queues:
  - {id: general}
  - {id: billing, intents: [get_refund]}
  - {id: urgent, min_priority: 2, sla_minutes: 5}
  - {id: abuse}
)");
  EXPECT_EQ(routing.ForHandoff("get_refund", 1).queue, "billing");
  EXPECT_EQ(routing.ForHandoff("get_refund", 2).queue, "urgent");
  EXPECT_EQ(routing.ForHandoff("get_refund", 2).sla, absl::Minutes(5));
  EXPECT_EQ(routing.ForHandoff("track_order", 3).queue, "urgent");
  EXPECT_EQ(routing.ForHandoff("", 0).queue, "general");
}

TEST_F(RoutingTest, WithoutAFileEverythingGoesToGeneral) {
  Routing routing;
  EXPECT_EQ(routing.ForHandoff("get_refund", 0).queue, "general");
  EXPECT_EQ(routing.ForAbuse().queue, "abuse");
}

TEST_F(RoutingTest, ErrorsPointAtTheValue) {
  absl::StatusOr<Routing> routing = Route(R"(default_queue: general
abuse_queue: nowhere
queues:
  - {id: general, intents: [get_refund]}
  - {id: billing, intents: [get_refund, refund_me]}
  - {id: billing}
  - {id: urgent, min_priority: 2}
  - {id: senior, min_priority: 2}
  - {id: odd, min_priority: -1}
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
  EXPECT_THAT(message,
              HasSubstr("queues.yaml:8:32: priority 2 is already routed to "
                        "queue 'urgent'"));
  EXPECT_THAT(message, HasSubstr("queues.yaml:9:29: min_priority must be 0"));
}

}  // namespace
}  // namespace firstline
