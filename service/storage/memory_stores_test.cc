// The in-memory stores pass the store conformance suite, and forget idle
// conversations without being asked.
#include "service/storage/memory_conversation_store.h"
#include "service/storage/memory_handoff_store.h"
#include "service/storage/store_conformance.h"

namespace firstline {
namespace {

Stores NewMemoryStores(const StoreSetup& setup) {
  return {
      std::make_shared<MemoryConversationStore>(MemoryConversationStoreOptions{
          .idle_timeout = setup.idle_timeout, .clock = setup.clock}),
      std::make_shared<MemoryHandoffStore>()};
}

INSTANTIATE_TEST_SUITE_P(Memory, StoreConformanceTest,
                         ::testing::Values(&NewMemoryStores));

TEST(MemoryConversationStoreTest, SweepsExpiredConversations) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  MemoryConversationStore store(
      {.idle_timeout = absl::Minutes(30), .clock = [&] { return now; }});
  for (int i = 0; i < 1000; ++i) {
    ConversationState state;
    state.set_conversation_id("old-" + std::to_string(i));
    ASSERT_TRUE(store.Save(&state).ok());
  }
  now += absl::Hours(1);
  for (int i = 0; i < 100; ++i) {
    ConversationState state;
    state.set_conversation_id("new-" + std::to_string(i));
    ASSERT_TRUE(store.Save(&state).ok());
  }
  EXPECT_LT(store.size(), 200u);
}

}  // namespace
}  // namespace firstline
