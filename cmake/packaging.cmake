# A Debian package of the installed tree: `cpack -G DEB` in the build directory (`make deb`).
# dpkg-shlibdeps computes Depends from the binaries' libraries (the platform and SVG plugins the
# window loads at run time come with those libraries' packages); scripts/check-deb.sh proves it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tierlens)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Tierlens")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(TIERLENS_MAINTAINER "Tierlens maintainers <maintainers@tierlens.invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TIERLENS_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The summary is the synopsis line; CPack indents these lines below it.
set(CPACK_PACKAGE_DESCRIPTION "Tierlens models one decode step of large language model inference with the
weights across a memory hierarchy (HBM, DRAM, SSD and links) and shows the
energy per token and step latency, broken down by part. It has a Qt window
(tierlens) and a command-line tool (tierlens-cli).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
include(CPack)
