// Threads of its own for work that may block, such as a turn on a store
// that waits for disk or network. gRPC's callback API runs handlers on
// gRPC's own threads, which must not block: a handler hands such work over
// here and finishes its call from it.
//
//   WorkerPool pool(16);
//   pool.Schedule([reactor] { ...; reactor->Finish(status); });
#ifndef FIRSTLINE_SERVICE_SERVER_WORKER_POOL_H_
#define FIRSTLINE_SERVICE_SERVER_WORKER_POOL_H_

#include <deque>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace firstline {

class WorkerPool {
 public:
  // Starts `threads` threads (at least 1).
  explicit WorkerPool(int threads);
  // Runs everything scheduled so far, then stops the threads.
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `work` on one of the threads, soon; pieces of work scheduled one
  // after the other may run at the same time.
  void Schedule(absl::AnyInvocable<void() &&> work);

 private:
  void Run();

  absl::Mutex mutex_;
  absl::CondVar work_or_stop_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

// Runs `work` on `pool`, or at once on this thread when `pool` is null (the
// work cannot block there).
template <typename Work>
void RunOnPoolOrHere(WorkerPool* pool, Work&& work) {
  if (pool == nullptr) {
    std::forward<Work>(work)();
  } else {
    pool->Schedule(std::forward<Work>(work));
  }
}

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_WORKER_POOL_H_
