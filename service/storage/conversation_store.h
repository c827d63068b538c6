// Where conversation state lives between messages: in this process's memory,
// in an SQLite file, or in Redis shared by several replicas.
#ifndef FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "firstline/storage/v1/conversation_state.pb.h"

namespace firstline {

using ConversationState = storage::v1::ConversationState;

// Keeps other processes from handling the conversation it was taken for,
// until it is destroyed.
class ConversationHold {
 public:
  virtual ~ConversationHold() = default;
};

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  // Holds conversation `id` against the other processes sharing the store,
  // so that their turns of one conversation run one after the other; within
  // a process the caller orders them itself. Stores no other process shares
  // return a hold that does nothing. ABORTED when another process keeps the
  // conversation too long; UNAVAILABLE when the store cannot be reached.
  virtual absl::StatusOr<std::unique_ptr<ConversationHold>> Hold(
      absl::string_view id) {
    (void)id;
    return std::make_unique<ConversationHold>();
  }

  // Reads the state of conversation `id` into `state`, which must be empty;
  // the caller picks where it lives (a turn puts it on an arena: a state
  // is a few hundred small objects). NOT_FOUND when there is none or it has
  // been idle longer than the store's timeout.
  virtual absl::Status LoadInto(absl::string_view id,
                                ConversationState* state) = 0;

  // The state of conversation `id`, as LoadInto.
  absl::StatusOr<ConversationState> Load(absl::string_view id) {
    ConversationState state;
    absl::Status loaded = LoadInto(id, &state);
    if (!loaded.ok()) return loaded;
    return state;
  }

  // Saves `state` and bumps its version. The version must be the one loaded
  // (0 for a new conversation); ABORTED when someone saved in between.
  // UNAVAILABLE when the store cannot be reached.
  virtual absl::Status Save(ConversationState* state) = 0;

  // OK when the store can serve calls now, UNAVAILABLE when it cannot; cheap
  // enough for health checks every second.
  virtual absl::Status Probe() { return absl::OkStatus(); }
};

// For stores: parses the stored `bytes` of conversation `id` into `state`.
// DATA_LOSS when they do not parse.
inline absl::Status ParseStoredState(absl::string_view id,
                                     absl::string_view bytes,
                                     ConversationState* state) {
  if (state->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  return absl::DataLossError(
      absl::StrCat("conversation '", id, "' does not parse"));
}

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_CONVERSATION_STORE_H_
