//
// Stand-in for nf-interpreter's src/CLR/Include/nanoCLR_Interop.h (docs/nanoframework.md): exactly the subset the
// glue dslc generates uses, with the real names and signatures, so that the glue compiles and runs on the host.
// Written for dsl-embedded's tests; the firmware build uses nanoFramework's own headers instead.
//
#ifndef NANOCLR_INTEROP_H
#define NANOCLR_INTEROP_H

#include <stdint.h>

typedef int32_t CLR_INT32;
typedef uint32_t CLR_UINT32;
typedef uint16_t CLR_UINT16;
typedef uint8_t CLR_UINT8;

// nf_errors_exceptions.h
typedef int HRESULT;
#define S_OK ((HRESULT)0x00000000L)
#define FAILED(Status) ((HRESULT)(Status) < 0)
#define SUCCEEDED(Status) ((HRESULT)(Status) >= 0)
#define NF_STANDIN_MAKE_HRESULT(facility) ((HRESULT)(0x80000000u | ((CLR_UINT32)(facility) << 16)))
#define CLR_E_ARGUMENT_NULL NF_STANDIN_MAKE_HRESULT(0x4e00)
#define CLR_E_INVALID_PARAMETER NF_STANDIN_MAKE_HRESULT(0x7D00)

// The error paths as nanoCLR_Interop.h has them without NANOCLR_TRACE_HRESULT.
#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_RETURN() return hr
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_SET_AND_LEAVE(expr)                                                                                    \
    {                                                                                                                  \
        hr = (expr);                                                                                                   \
        NANOCLR_LEAVE();                                                                                               \
    }
#define NANOCLR_CLEANUP()                                                                                              \
    hr = S_OK;                                                                                                         \
    nanoCLR_Cleanup:
#define NANOCLR_CLEANUP_END() NANOCLR_RETURN()
#define NANOCLR_NOCLEANUP()                                                                                            \
    NANOCLR_CLEANUP();                                                                                                 \
    NANOCLR_CLEANUP_END()
#define NANOCLR_NOCLEANUP_NOLABEL()                                                                                    \
    hr = S_OK;                                                                                                         \
    NANOCLR_RETURN()
#define FAULT_ON_NULL_ARG(ptr)                                                                                         \
    if (!(ptr))                                                                                                        \
    NANOCLR_SET_AND_LEAVE(CLR_E_ARGUMENT_NULL)

struct CLR_RT_StackFrame;

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

// nanoCLR_Types.h
struct CLR_RECORD_VERSION
{
    CLR_UINT16 iMajorVersion;
    CLR_UINT16 iMinorVersion;
    CLR_UINT16 iBuildNumber;
    CLR_UINT16 iRevisionNumber;
};

struct CLR_RT_NativeAssemblyData
{
    const char *m_szAssemblyName;
    unsigned int m_checkSum;
    const void *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

#endif // NANOCLR_INTEROP_H
