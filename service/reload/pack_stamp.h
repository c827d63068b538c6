// A cheap fingerprint of a rule pack's files, for noticing that an editor
// changed the pack without reading every file.
#ifndef FIRSTLINE_SERVICE_RELOAD_PACK_STAMP_H_
#define FIRSTLINE_SERVICE_RELOAD_PACK_STAMP_H_

#include <string>

namespace firstline {

// The names, sizes and modification times of every file under the pack's
// intents/ and rules/ folders, as one string. It changes when a file is
// added, removed, renamed or written. Folders that cannot be read count as
// empty, so a pack moved away mid-edit gives a stamp too (and its reload
// then says what is missing).
std::string PackStamp(const std::string& root);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_RELOAD_PACK_STAMP_H_
