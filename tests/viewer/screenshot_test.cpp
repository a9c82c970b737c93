#include <gtest/gtest.h>
TEST(Screenshot, Placeholder) {}
