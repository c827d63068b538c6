#include "service/storage/save_stamp.h"

#include "google/protobuf/util/time_util.h"

namespace firstline {

SaveStamp::SaveStamp(ConversationState* state, absl::Time now)
    : state_(state),
      loaded_version_(state->version()),
      loaded_activity_(state->last_activity()) {
  state_->set_version(loaded_version_ + 1);
  *state_->mutable_last_activity() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(now));
}

SaveStamp::~SaveStamp() {
  if (kept_) return;
  state_->set_version(loaded_version_);
  *state_->mutable_last_activity() = loaded_activity_;
}

}  // namespace firstline
