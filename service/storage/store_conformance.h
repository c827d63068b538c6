// What every ConversationStore and HandoffStore promises, as one suite of
// tests each store runs against itself:
//
//   INSTANTIATE_TEST_SUITE_P(Memory, ConversationStoreConformanceTest,
//                            ::testing::Values(&NewMemoryStores));
//
// The suite's .cc file is compiled into each store's test binary.
#ifndef FIRSTLINE_SERVICE_STORAGE_STORE_CONFORMANCE_H_
#define FIRSTLINE_SERVICE_STORAGE_STORE_CONFORMANCE_H_

#include <functional>
#include <memory>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "service/storage/conversation_store.h"
#include "service/storage/handoff_store.h"
#include "service/storage/stores.h"

namespace firstline {

// How the suite sets a store up.
struct StoreSetup {
  absl::Duration idle_timeout = absl::Minutes(30);
  absl::Duration resolved_retention = absl::Hours(24);
  // The time the stores see; the suite moves it.
  std::function<absl::Time()> clock;
};

// Fresh stores for one test, sharing their backing (the same file, the same
// server).
using StoreFactory = Stores (*)(const StoreSetup& setup);

class StoreConformanceTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    StoreSetup setup;
    setup.clock = [this] { return now_; };
    stores_ = GetParam()(setup);
    ASSERT_NE(stores_.conversations, nullptr);
    ASSERT_NE(stores_.handoffs, nullptr);
  }
  ConversationStore& conversations() { return *stores_.conversations; }
  HandoffStore& handoffs() { return *stores_.handoffs; }

  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  Stores stores_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_STORE_CONFORMANCE_H_
