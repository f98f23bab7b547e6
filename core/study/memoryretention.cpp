#include "core/study/memoryretention.h"

#include <cstdlib> // defines __GLIBC__ on the GNU C library, which the test below needs

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tierlens {

bool retainFreedMemory()
{
#if defined(__GLIBC__)
    // Setting either threshold fixes both (glibc then stops adapting them): the mmap one must be
    // set too, or every block over 128 KiB would be mapped and unmapped on each use.
    const bool mmap = mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1; // the largest glibc accepts
    const bool trim = mallopt(M_TRIM_THRESHOLD, 64 << 20) == 1;
    return mmap && trim;
#else
    return false;
#endif
}

} // namespace tierlens
