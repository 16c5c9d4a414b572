// Proof that the sanitizer build finds what it is there to find: run with "leak", this program loses
// a block of memory; with "overflow", it overflows a signed integer. Under AddressSanitizer (with
// LeakSanitizer) and UndefinedBehaviorSanitizer each run must fail; CTest expects it to (WILL_FAIL),
// so a build or an environment that turned detection off fails the suite.
#include <cstdlib>
#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "leak") == 0) {
        void* volatile lost = std::malloc(64);
        std::memset(lost, 1, 64);
        lost = nullptr;
        std::cout << "leaked 64 bytes\n";
        return 0;
    }
    if (argc == 2 && std::strcmp(argv[1], "overflow") == 0) {
        volatile int big = 2147483647;
        volatile int one = argc - 1;
        std::cout << big + one << "\n";  // undefined: a signed overflow
        return 0;
    }
    return 2;
}
