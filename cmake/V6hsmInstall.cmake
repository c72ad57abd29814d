# Installs the library, its headers, a CMake package config (find_package(v6hsm)) and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS v6hsm EXPORT v6hsmTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS v6hsm_build_flags EXPORT v6hsmTargets)
install(DIRECTORY include/v6hsm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT v6hsmTargets NAMESPACE v6hsm:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/v6hsm)

configure_package_config_file(cmake/v6hsmConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/v6hsmConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/v6hsm)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/v6hsmConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/v6hsmConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/v6hsmConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/v6hsm)

configure_file(cmake/v6hsm.pc.in ${CMAKE_CURRENT_BINARY_DIR}/v6hsm.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/v6hsm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
