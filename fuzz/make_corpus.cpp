// fuzz_corpus FOLDER writes the seed corpora of the fuzz targets; fuzz_corpus --regressions
// FOLDER writes the malformed inputs committed under fuzz/regressions/ (fuzz/README.md).
#include "fuzz/corpus_files.h"

#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
    if (argc == 3 && std::string(argv[1]) == "--regressions")
        return convscope::fuzz::writeRegressions(argv[2]) ? 0 : 1;
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_corpus FOLDER | fuzz_corpus --regressions FOLDER\n");
        return 2;
    }
    return convscope::fuzz::writeSeeds(argv[1]) ? 0 : 1;
}
