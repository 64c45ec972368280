# Loads a generated FindINTEROP-<assembly>.cmake the way nf-interpreter's find_package does and prints its
# sources, failing on one that does not exist (NanoFrameworkBindingTests).
# Usage: cmake -DMODULE=<path> -DASSEMBLY=<assembly> -DDSL_<MODEL>_DIR=<dslc output> -P check_find_module.cmake
cmake_minimum_required(VERSION 3.16)
set(PROJECT_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/no-nf-interpreter-here")
include("${MODULE}")
if(NOT INTEROP-${ASSEMBLY}_FOUND)
    message(FATAL_ERROR "INTEROP-${ASSEMBLY} not found")
endif()
foreach(f ${${ASSEMBLY}_SOURCES})
    if(NOT EXISTS "${f}")
        message(FATAL_ERROR "missing source ${f}")
    endif()
    message(STATUS "source ${f}")
endforeach()
foreach(d ${${ASSEMBLY}_INCLUDE_DIRS})
    message(STATUS "include ${d}")
endforeach()
