#include "verify/leak/prefix_matcher.h"

#include <hs/hs.h>

#include <algorithm>
#include <string>

#include "verify/leak/hash.h"
#include "core/text_normalise.h"

namespace veil {
namespace {

// Candidates are looked up this many candidates after their slot is prefetched.
constexpr size_t kPipelineDepth = 16;

struct CompileErrorDeleter {
  void operator()(hs_compile_error_t* error) const { hs_free_compile_error(error); }
};

}  // namespace

// An occurrence waiting for its table lookup.
struct LeakPrefixMatcher::Candidate {
  uint64_t hash;
  uint32_t begin;
  uint32_t size;
  uint32_t row;
};

struct LeakPrefixMatcher::Context {
  const LeakPrefixMatcher* matcher = nullptr;
  const LeakTextBatch* batch = nullptr;
  const unsigned char* text = nullptr;
  size_t cell = 0;  // the cell of the latest match, a hint for the next one
  std::vector<LeakFound>* found = nullptr;
  Candidate pending[kPipelineDepth];
  size_t pending_count = 0;  // pending[pending_count % kPipelineDepth] is the oldest when full

  // Looks `c` up in the table.
  void Confirm(const Candidate& c) {
    const uint32_t literal = matcher->table_.Find(batch->data() + c.begin, c.size, c.hash);
    if (literal != LeakLiteralTable::kNone) found->push_back({c.row, literal});
  }
  // Queues `c`, confirming the oldest queued candidate if the queue is full.
  void Add(const Candidate& c) {
    matcher->table_.Prefetch(c.hash);
    Candidate& slot = pending[pending_count % kPipelineDepth];
    if (pending_count >= kPipelineDepth) Confirm(slot);
    slot = c;
    ++pending_count;
  }
  void Drain() {
    const size_t queued = std::min(pending_count, kPipelineDepth);
    for (size_t k = pending_count - queued; k < pending_count; ++k) {
      Confirm(pending[k % kPipelineDepth]);
    }
    pending_count = 0;
  }
};

void LeakPrefixMatcher::Scratch::Deleter::operator()(hs_scratch* scratch) const {
  hs_free_scratch(scratch);
}
void LeakPrefixMatcher::DatabaseDeleter::operator()(hs_database* database) const {
  hs_free_database(database);
}
LeakPrefixMatcher::~LeakPrefixMatcher() = default;

Result<std::unique_ptr<const LeakPrefixMatcher>> LeakPrefixMatcher::Build(
    const LeakPrefixGroups& groups, const LeakLiteralTable& table) {
  std::unique_ptr<LeakPrefixMatcher> matcher(new LeakPrefixMatcher(table));
  const std::vector<LeakPrefixGroups::Prefix>& prefixes = groups.prefixes();
  const size_t prefix_count = prefixes.size();
  for (const LeakPrefixGroups::Prefix& prefix : prefixes) {
    const bool word = IsLeakWordByte(static_cast<unsigned char>(prefix.text[0]));
    matcher->prefix_info_.push_back(static_cast<uint8_t>(prefix.size) | (word ? kCheckBefore : 0));
  }
  const std::vector<LeakPrefixGroups::Group> sorted = groups.SortedGroups();
  matcher->filters_.reserve(sorted.size());
  size_t k = 0;
  for (size_t p = 0; p < prefix_count; ++p) {
    matcher->length_first_.push_back(static_cast<uint32_t>(matcher->filters_.size()));
    for (; k < sorted.size() && sorted[k].prefix == p; ++k) {
      matcher->filters_.push_back(sorted[k].filter);
    }
  }
  matcher->length_first_.push_back(static_cast<uint32_t>(matcher->filters_.size()));
  if (prefix_count == 0) return std::unique_ptr<const LeakPrefixMatcher>(std::move(matcher));

  std::vector<const char*> expressions(prefix_count);
  std::vector<size_t> sizes(prefix_count);
  std::vector<unsigned> hs_ids(prefix_count);
  std::vector<unsigned> flags(prefix_count, 0);  // both sides are case-folded already
  for (size_t p = 0; p < prefix_count; ++p) {
    expressions[p] = prefixes[p].text;
    sizes[p] = matcher->prefix_info_[p] & kSizeMask;
    hs_ids[p] = static_cast<unsigned>(p);
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  hs_error_t rc = hs_compile_lit_multi(expressions.data(), flags.data(), hs_ids.data(),
                                       sizes.data(), static_cast<unsigned>(prefix_count),
                                       HS_MODE_BLOCK, nullptr, &database, &raw_error);
  std::unique_ptr<hs_compile_error_t, CompileErrorDeleter> error(raw_error);
  matcher->database_.reset(database);
  if (rc != HS_SUCCESS) {
    // Hyperscan's message is left out: it could quote the prefix.
    std::string where;
    if (error && error->expression >= 0 && static_cast<size_t>(error->expression) < prefix_count) {
      const size_t pattern = prefixes[static_cast<size_t>(error->expression)].pattern;
      where = " (first refused: pattern " + std::to_string(pattern) + ")";
    }
    return InternalError("leak scan: the matching engine could not compile " +
                         std::to_string(prefix_count) + " distinct pattern prefixes, error code " +
                         std::to_string(rc) + where);
  }
  return std::unique_ptr<const LeakPrefixMatcher>(std::move(matcher));
}

Result<LeakPrefixMatcher::Scratch> LeakPrefixMatcher::NewScratch() const {
  Scratch scratch;
  if (!database_) return scratch;
  hs_scratch_t* raw = nullptr;
  hs_error_t rc = hs_alloc_scratch(database_.get(), &raw);
  scratch.scratch_.reset(raw);
  if (rc != HS_SUCCESS) {
    return InternalError("leak scan: could not allocate scratch space, error code " +
                         std::to_string(rc));
  }
  return scratch;
}

void LeakPrefixMatcher::Find(const LeakTextBatch& batch, Scratch& scratch,
                             std::vector<LeakFound>& found) const {
  if (!database_ || batch.cell_count() == 0) return;
  Context context;
  context.matcher = this;
  context.batch = &batch;
  context.text = reinterpret_cast<const unsigned char*>(batch.data());
  context.found = &found;
  hs_error_t rc = hs_scan(database_.get(), batch.data(), static_cast<unsigned>(batch.bytes()), 0,
                          scratch.scratch_.get(), &LeakPrefixMatcher::OnPrefix, &context);
  (void)rc;  // HS_SUCCESS: the callback never stops the scan, and the scratch fits the database
  context.Drain();
}

int LeakPrefixMatcher::OnPrefix(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                                unsigned int /*flags*/, void* raw) {
  Context& context = *static_cast<Context*>(raw);
  const LeakPrefixMatcher& m = *context.matcher;
  const uint8_t info = m.prefix_info_[id];
  const size_t begin = static_cast<size_t>(to) - (info & kSizeMask);
  const unsigned char* text = context.text;
  // begin >= 1: the batch starts with a separator, which no prefix contains.
  if ((info & kCheckBefore) && IsLeakWordByte(text[begin - 1])) return 0;
  const LeakTextBatch& batch = *context.batch;
  context.cell = batch.CellAt(begin, context.cell);
  const size_t cell_end = batch.end(context.cell);
  const LeakShapeFilter* filter = m.filters_.data() + m.length_first_[id];
  const LeakShapeFilter* last = m.filters_.data() + m.length_first_[id + 1];
  const char* bytes = batch.data() + begin;
  for (; filter != last; ++filter) {
    const uint32_t length = filter->length();
    const size_t end = begin + length;
    if (end > cell_end) break;                                                 // lengths ascend
    if (IsLeakWordByte(text[end]) && IsLeakWordByte(text[end - 1])) continue;  // mid-word
    if (!filter->MayMatch(bytes)) continue;
    context.Add(
        {LeakHash(bytes, length), static_cast<uint32_t>(begin), length, batch.row(context.cell)});
  }
  return 0;
}

}  // namespace veil
