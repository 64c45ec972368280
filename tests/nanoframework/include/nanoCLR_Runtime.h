//
// Stand-in for nf-interpreter's nanoCLR_Runtime.h / nanoCLR_Runtime__HeapBlock.h (docs/nanoframework.md): the
// members the generated glue uses, with the real names and signatures. What lies behind them is the test's:
// a heap block refers to an array by pointer, an array to its elements by pointer, and a stack frame keeps its
// result in a heap block the host driver reads.
//
#ifndef NANOCLR_RUNTIME_H
#define NANOCLR_RUNTIME_H

#include "nanoCLR_Interop.h"

struct CLR_RT_HeapBlock_Array;

struct CLR_RT_HeapBlock_AtomicData
{
    union Numeric {
        CLR_INT32 s4;
        CLR_UINT32 u4;
    };
};

struct CLR_RT_HeapBlock
{
    CLR_RT_HeapBlock_AtomicData::Numeric m_numeric;
    CLR_RT_HeapBlock_Array *m_array; // stand-in for the object reference

    CLR_RT_HeapBlock_AtomicData::Numeric &NumericByRef()
    {
        return m_numeric;
    }
    CLR_RT_HeapBlock_Array *DereferenceArray() const
    {
        return m_array;
    }
};

struct CLR_RT_HeapBlock_Array : public CLR_RT_HeapBlock
{
    CLR_UINT32 m_numOfElements;
    CLR_UINT8 m_typeOfElement;
    CLR_UINT8 m_sizeOfElement;
    CLR_UINT8 *m_elements; // stand-in: the real array's elements follow its header

    CLR_UINT8 *GetFirstElement()
    {
        return m_elements;
    }
};

struct CLR_RT_StackFrame
{
    CLR_RT_HeapBlock *m_arguments;
    CLR_RT_HeapBlock m_result; // stand-in for the evaluation stack slot SetResult_* writes

    CLR_RT_HeapBlock &Arg0() const
    {
        return m_arguments[0];
    }
    CLR_RT_HeapBlock &Arg1() const
    {
        return m_arguments[1];
    }
    void SetResult_I4(CLR_INT32 val)
    {
        m_result.m_numeric.s4 = val;
    }
};

#endif // NANOCLR_RUNTIME_H
