# Debian's per-module OpenCV -dev packages (core, imgproc, imgcodecs) ship no CMake config,
# so the three libraries are found by hand and wrapped in one imported target.
find_path(OpenCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
set(OpenCV_MODULE_LIBRARIES "")
foreach(module core imgproc imgcodecs)
    find_library(OpenCV_${module}_LIBRARY NAMES opencv_${module} REQUIRED)
    list(APPEND OpenCV_MODULE_LIBRARIES ${OpenCV_${module}_LIBRARY})
endforeach()
add_library(convscope_opencv INTERFACE IMPORTED)
target_include_directories(convscope_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIR})
target_link_libraries(convscope_opencv INTERFACE ${OpenCV_MODULE_LIBRARIES})
