// What every ConversationStore::Save does to the state it saves: it bumps
// the version and sets the last activity, in place (copying a state with
// its transcript would cost more than the save), and puts both back when
// the save does not go through.
//
//   SaveStamp stamp(state, now);
//   ... write *state, checking stamp.loaded_version() ...
//   if (written.ok()) stamp.Keep();
#ifndef FIRSTLINE_SERVICE_STORAGE_SAVE_STAMP_H_
#define FIRSTLINE_SERVICE_STORAGE_SAVE_STAMP_H_

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "service/storage/conversation_store.h"

namespace firstline {

class SaveStamp {
 public:
  // Stamps `state` (which must outlive the stamp) as saved at `now`.
  SaveStamp(ConversationState* state, absl::Time now);
  // Puts the loaded version and activity back unless Keep() was called.
  ~SaveStamp();
  SaveStamp(const SaveStamp&) = delete;
  SaveStamp& operator=(const SaveStamp&) = delete;

  // The version the state was loaded at: what the store must still hold.
  int64_t loaded_version() const { return loaded_version_; }
  // The save went through: the stamp stays.
  void Keep() { kept_ = true; }

 private:
  ConversationState* const state_;
  const int64_t loaded_version_;
  const google::protobuf::Timestamp loaded_activity_;
  bool kept_ = false;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_SAVE_STAMP_H_
