#include "service/server/worker_pool.h"

#include <algorithm>
#include <utility>

namespace firstline {

WorkerPool::WorkerPool(int threads) {
  threads = std::max(threads, 1);
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  work_or_stop_.SignalAll();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::Schedule(absl::AnyInvocable<void() &&> work) {
  {
    absl::MutexLock lock(&mutex_);
    queue_.push_back(std::move(work));
  }
  work_or_stop_.Signal();
}

void WorkerPool::Run() {
  while (true) {
    absl::AnyInvocable<void() &&> work;
    {
      absl::MutexLock lock(&mutex_);
      // A condition variable wakes one waiting thread per piece of work,
      // where Mutex::Await would have each unlock test every waiter.
      while (queue_.empty() && !stopping_) work_or_stop_.Wait(&mutex_);
      if (queue_.empty()) return;
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    std::move(work)();
  }
}

}  // namespace firstline
