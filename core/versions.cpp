#include "core/versions.h"

#include "core/expected.h"

#include <Eigen/Core>
#include <opencv2/core/version.hpp>
#include <zlib.h>

namespace convscope {

std::string openCvVersion()
{
    return CV_VERSION;
}

std::string eigenVersion()
{
    return concat(EIGEN_WORLD_VERSION, ".", EIGEN_MAJOR_VERSION, ".", EIGEN_MINOR_VERSION);
}

std::string zlibVersion()
{
    return ::zlibVersion();
}

} // namespace convscope
