#!/usr/bin/env bash
# The Debian package of a build (cmake/Packaging.cmake): CPack makes it, and it must hold the
# programs, the desktop entry, icons, metainfo, man page and README where a desktop and apt
# look for them, with its library dependencies resolved. The metainfo and the desktop entry
# must pass their validators. Usage: package_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SOURCE="$1"
BUILD="$2"

appstreamcli validate --no-net "$SOURCE/resources/org.convscope.ConvScope.metainfo.xml" >/dev/null
desktop-file-validate "$SOURCE/resources/convscope.desktop"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$BUILD" && cpack -G DEB -B "$work" >/dev/null)
deb="$(ls "$work"/convscope_*_*.deb)"
contents="$(dpkg-deb --contents "$deb")"
for path in ./usr/bin/convscope ./usr/bin/convscope-cli \
    ./usr/share/applications/convscope.desktop \
    ./usr/share/icons/hicolor/48x48/apps/convscope.png \
    ./usr/share/icons/hicolor/scalable/apps/convscope.svg \
    ./usr/share/metainfo/org.convscope.ConvScope.metainfo.xml \
    ./usr/share/man/man1/convscope-cli.1.gz ./usr/share/doc/convscope/README.md \
    ./usr/share/doc/convscope/copyright; do
    if ! grep -q " $path\$" <<<"$contents"; then
        echo "package_check: $(basename "$deb") has no $path" >&2
        exit 1
    fi
done
depends="$(dpkg-deb --field "$deb" Depends)"
for library in libqt6widgets6 libopencv-imgcodec libcurl4 qt6-qpa-plugins; do
    if ! grep -q "$library" <<<"$depends"; then
        echo "package_check: Depends lacks $library: $depends" >&2
        exit 1
    fi
done
zcat "$BUILD/convscope-cli.1.gz" | grep -q '^\.SS train$' \
    || { echo "package_check: the man page has no train command" >&2; exit 1; }
echo "package_check: $(basename "$deb"), $(du -h "$deb" | cut -f1), Depends: $depends"
