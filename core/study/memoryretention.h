#pragma once

namespace tierlens {

/// Asks the C library to keep freed heap memory for the next allocation instead of returning it
/// to the system at once. Every recompute of a large study frees its cells and allocates new ones
/// of the same size; returned memory comes back one page fault per 4 KiB, which on a virtual
/// machine cost more than the evaluations themselves (a 256 × 256 heatmap in `make bench`: 5.3 ms
/// against 1.7 ms). Up to 64 MiB of free heap is kept; a block of 32 MiB or more (the points of a
/// study of over two million) is mapped on its own and goes back to the system when freed. Call
/// once, at the start of main(), before any thread starts. True when both settings were taken;
/// false where the C library refuses one or has no such settings (a sanitizer's allocator stands
/// in for glibc's, for one).
bool retainFreedMemory();

} // namespace tierlens
