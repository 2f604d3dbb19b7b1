#pragma once

namespace convscope::ui {

// Every explorer update allocates a few megabytes (the feature maps and their pictures) and
// frees the previous ones. glibc would hand such blocks back to the kernel each time, and the
// next update would pay a page fault per 4 KiB to get them again (3 of the 6 ms of a 3-filter
// update on a 512×512 image). Called once at start, this keeps them in the heap instead.
void keepLargeAllocationsMapped();

} // namespace convscope::ui
