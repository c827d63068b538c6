// A lane that makes one unary call per message (or per batch), as many at
// once as it is asked to.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_UNARY_LANE_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_UNARY_LANE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "absl/time/clock.h"
#include "tools/firstline/grpc_call.h"
#include "tools/firstline/load_lane.h"

namespace firstline {

template <typename Request, typename Response>
class UnaryLane : public LaneSender {
 public:
  // Starts a call on a stub: e.g. Stub::PrepareAsyncSendMessage.
  using Prepare =
      std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
          grpc::ClientContext*, const Request&, grpc::CompletionQueue*)>;
  // Writes the lane's n-th request.
  using Fill = std::function<void(uint64_t n, Request*)>;

  // Each call carries `messages_per_call` messages (a batch's size, else 1).
  UnaryLane(const LaneContext& lane, Prepare prepare, Fill fill,
            int messages_per_call)
      : lane_(lane),
        prepare_(std::move(prepare)),
        fill_(std::move(fill)),
        messages_per_call_(messages_per_call) {}

  void Send(absl::Time due) override {
    (new Call(this, next_.fetch_add(1, std::memory_order_relaxed), due))
        ->Start();
  }

 private:
  // One call in flight; deletes itself when answered.
  class Call : public CompletionHandler {
   public:
    Call(UnaryLane* owner, uint64_t n, absl::Time due)
        : owner_(owner), due_(due) {
      owner_->fill_(n, &request_);
    }

    void Start() {
      owner_->lane_.in_flight->Add();
      SetCallDeadline(&context_);
      reader_ = owner_->prepare_(&context_, request_, owner_->lane_.cq);
      reader_->StartCall();
      reader_->Finish(&response_, &status_, this);
    }

    void OnEvent(bool /*ok: always true for Finish*/) override {
      const absl::Time now = absl::Now();
      const LaneContext& lane = owner_->lane_;
      lane.tally->AnswerCall(due_, now, owner_->messages_per_call_,
                             ToStatus(status_).code());
      if (lane.closed_loop && now < lane.clock->stop) owner_->Send(now);
      lane.in_flight->Done();
      delete this;
    }

   private:
    UnaryLane* owner_;
    absl::Time due_;
    Request request_;
    Response response_;
    grpc::ClientContext context_;
    grpc::Status status_;
    std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
  };

  const LaneContext lane_;
  const Prepare prepare_;
  const Fill fill_;
  const int messages_per_call_;
  std::atomic<uint64_t> next_{0};
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_UNARY_LANE_H_
