# What `cmake --install` puts where, and the Debian package CPack makes of it (scripts/package):
# the two programs, the desktop entry with its icons and AppStream metainfo, the MNIST subset
# that scripts/setup prepared, the README as documentation and convscope-cli's man page.
include(GNUInstallDirs)

install(TARGETS convscope-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(CONVSCOPE_BUILD_GUI)
    install(TARGETS convscope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES resources/convscope.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    foreach(size 16 24 32 48 64 128 256)
        install(FILES resources/icons/hicolor/${size}x${size}/convscope.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
    install(FILES resources/icons/convscope.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    install(FILES resources/org.convscope.ConvScope.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
endif()
# The prepared digits, where an installed convscope looks for "mnist" (core/nn/dataset.h).
if(EXISTS ${PROJECT_SOURCE_DIR}/data/mnist/t10k-labels-idx1-ubyte)
    install(DIRECTORY data/mnist DESTINATION ${CMAKE_INSTALL_DATADIR}/convscope/data
            FILES_MATCHING PATTERN "*-idx?-ubyte")
endif()
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/convscope)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/convscope RENAME copyright)

set(manpage ${CMAKE_CURRENT_BINARY_DIR}/convscope-cli.1)
add_custom_command(OUTPUT ${manpage}.gz
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:convscope-cli> -DOUT=${manpage}
            -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
    COMMAND gzip -9nf ${manpage}
    DEPENDS convscope-cli ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
    COMMENT "convscope-cli.1 from its --help")
add_custom_target(manpage ALL DEPENDS ${manpage}.gz)
install(FILES ${manpage}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME convscope)
set(CPACK_PACKAGE_VENDOR ConvScope)
set(CPACK_PACKAGE_CONTACT "ConvScope developers <convscope@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop lab for seeing how convolutional networks work")
set(CPACK_PACKAGE_DESCRIPTION
    "ConvScope lets students and teachers explore convolution and pooling on any picture, "
    "train small convolutional networks (LeNet-5, mini VGG, Inception and ResNet) on MNIST, "
    "CIFAR-10 or their own pictures with live plots, and look inside models from PyTorch "
    "through ONNX.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # convscope_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The libraries by dpkg-shlibdeps; what is loaded at run time by name, by hand: Qt's platform
# plugins (X11, Wayland), a font, GStreamer's plugins for the camera and video files, and for
# the Korean window Qt's own translations and a Korean font.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-dejavu-core, gstreamer1.0-plugins-good")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-nanum | fonts-noto-cjk")
set(CPACK_STRIP_FILES ON)
include(CPack)
