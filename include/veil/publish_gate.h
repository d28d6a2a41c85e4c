// PublishGate: how a caller of the library holds off ending the process while veil
// publishes output.
//
// Publishing is the short last step that makes output visible: renaming a staged file or
// directory into place, committing a database transaction. Ending the process before it
// leaves nothing behind (a guardian process removes staged copies; an unfinished
// transaction rolls back when its connection drops). Ending it during the step could
// leave nobody knowing whether the output exists. So veil calls BeginPublishing() just
// before such a step and EndPublishing() right after it, on the same thread; in between,
// an implementation may hold back its own way of ending the process (e.g. a thread that
// handles SIGTERM). Steps do not nest. Neither call may throw. veil never owns a gate.
#pragma once

namespace veil {

class PublishGate {
 public:
  virtual ~PublishGate() = default;
  virtual void BeginPublishing() = 0;
  // `published`: whether the output is now in place (false: the step failed and left the
  // target as it was).
  virtual void EndPublishing(bool published) = 0;
};

}  // namespace veil
