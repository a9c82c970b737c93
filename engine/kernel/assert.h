#pragma once
// Contract checks inside the engine. DT_ASSERT fires in debug and sanitizer builds (NDEBUG unset)
// and costs nothing in release builds. Bad user input is never asserted: it is an InputError.

#include <cstdio>
#include <cstdlib>

#ifdef NDEBUG
#define DT_ASSERT(cond, msg) ((void)0)
#else
#define DT_ASSERT(cond, msg)                                                                  \
  ((cond) ? (void)0                                                                           \
          : (std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, \
                          #cond, msg),                                                        \
             std::abort()))
#endif
