#pragma once

#include <string>

namespace convscope {

// Versions of the libraries the core is built with, for the About box and bug reports.
std::string openCvVersion();
std::string eigenVersion();
std::string zlibVersion();

} // namespace convscope
