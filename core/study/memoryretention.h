#pragma once

namespace tierlens {

/// Asks the C library to keep freed heap memory for the next allocation instead of returning it
/// to the system at once. Every recompute of a large study frees its cells and allocates new ones
/// of the same size; returned memory comes back one page fault per 4 KiB, which on a virtual
/// machine cost three times the evaluation itself (a 256 × 256 heatmap: 4.5 ms against 1.6 ms in
/// `make bench`). Up to 64 MiB of free heap is kept; blocks of 32 MiB and more still go straight
/// back when freed, so a million-point study does not stay resident. Call once, at the start of
/// main(), before any thread starts. False, and nothing changed, where the C library has no such
/// setting (or a sanitizer's allocator stands in for it).
bool retainFreedMemory();

} // namespace tierlens
