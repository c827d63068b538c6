// Where conversation state lives between messages. In memory for now; a
// durable store implements the same interface.
#ifndef FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "firstline/storage/v1/conversation_state.pb.h"

namespace firstline {

using ConversationState = storage::v1::ConversationState;

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  // The state of conversation `id`. NOT_FOUND when there is none or it has
  // been idle longer than the store's timeout.
  virtual absl::StatusOr<ConversationState> Load(absl::string_view id) = 0;

  // Saves `state` and bumps its version. The version must be the one loaded
  // (0 for a new conversation); ABORTED when someone saved in between.
  // UNAVAILABLE when the store cannot be reached.
  virtual absl::Status Save(ConversationState* state) = 0;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_
