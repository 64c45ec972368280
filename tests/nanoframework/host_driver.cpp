//
// Host driver for the generated nanoFramework glue (NanoFrameworkBindingTests): plays the CLR's part with
// stand-in stack frames, calling the native methods through the assembly's method table at the rows the test
// read from the built managed assembly.
//
// Built with: -include <glue header> -DNF_ASSEMBLY_DATA=g_CLR_AssemblyNative_<SafeAssembly> -DNF_FRAME_SAMPLES=n
//             -DNF_ROW_RESET=r -DNF_ROW_GET_THRESHOLD=r -DNF_ROW_SET_THRESHOLD=r -DNF_ROW_PROCESS=r
//             -DNF_OUT_T=int16_t|int8_t -DNF_OUT_VALUES=n (the output array: the routed frame, or class scores)
// Usage: host_driver in.pcm out.raw [threshold]   (in: raw int16 little-endian, whole frames; out: NF_OUT_T values)
// Prints: "default_threshold q", "threshold q", one "frame route silence score" line per frame, then the
//         HRESULTs of a call with a null input and one with a short output.
//
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace
{
CLR_RT_MethodHandler Row(int row)
{
    const CLR_RT_MethodHandler *table = static_cast<const CLR_RT_MethodHandler *>(NF_ASSEMBLY_DATA.m_pNativeMethods);
    return table[row];
}

template <typename T> CLR_RT_HeapBlock_Array ArrayOf(std::vector<T> &samples)
{
    CLR_RT_HeapBlock_Array a = {};
    a.m_numOfElements = static_cast<CLR_UINT32>(samples.size());
    a.m_sizeOfElement = sizeof(T);
    a.m_elements = reinterpret_cast<CLR_UINT8 *>(samples.data());
    return a;
}

HRESULT Call(int row, CLR_RT_HeapBlock *args, CLR_INT32 *result)
{
    CLR_RT_StackFrame frame = {};
    frame.m_arguments = args;
    const HRESULT hr = Row(row)(frame);
    if (result != nullptr)
    {
        *result = frame.m_result.m_numeric.s4;
    }
    return hr;
}

void Check(HRESULT hr, const char *what)
{
    if (FAILED(hr))
    {
        std::fprintf(stderr, "%s failed: 0x%08X\n", what, static_cast<unsigned>(hr));
        std::exit(2);
    }
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 3)
    {
        std::fprintf(stderr, "usage: host_driver in.pcm out.raw [threshold]\n");
        return 2;
    }

    CLR_RT_HeapBlock args[2] = {};
    CLR_INT32 q = 0;
    Check(Call(NF_ROW_GET_THRESHOLD, args, &q), "get_SwitchThreshold");
    std::printf("default_threshold %d\n", static_cast<int>(q));
    if (argc > 3)
    {
        args[0].m_numeric.s4 = std::atoi(argv[3]);
        Check(Call(NF_ROW_SET_THRESHOLD, args, nullptr), "set_SwitchThreshold");
    }
    Check(Call(NF_ROW_GET_THRESHOLD, args, &q), "get_SwitchThreshold");
    std::printf("threshold %d\n", static_cast<int>(q));
    Check(Call(NF_ROW_RESET, args, nullptr), "Reset");

    std::FILE *in = std::fopen(argv[1], "rb");
    std::FILE *out = std::fopen(argv[2], "wb");
    if (in == nullptr || out == nullptr)
    {
        std::fprintf(stderr, "cannot open %s or %s\n", argv[1], argv[2]);
        return 2;
    }

    std::vector<int16_t> input(NF_FRAME_SAMPLES);
    std::vector<NF_OUT_T> output(NF_OUT_VALUES);
    CLR_RT_HeapBlock_Array inArray = ArrayOf(input), outArray = ArrayOf(output);
    for (int f = 0; std::fread(input.data(), sizeof(int16_t), input.size(), in) == input.size(); f++)
    {
        args[0].m_array = &inArray;
        args[1].m_array = &outArray;
        CLR_INT32 packed = 0;
        Check(Call(NF_ROW_PROCESS, args, &packed), "NativeProcess");
        // Unpacked as the managed Process does: route bits 0-7, silence 8-15, signed score 16-31.
        std::printf("%d %d %d %d\n", f, static_cast<int>(packed & 0xFF), static_cast<int>((packed >> 8) & 0xFF),
                    static_cast<int>(packed >> 16));
        std::fwrite(output.data(), sizeof(NF_OUT_T), output.size(), out);
    }
    std::fclose(in);
    std::fclose(out);

    args[0].m_array = nullptr;
    args[1].m_array = &outArray;
    std::printf("null_input 0x%08X\n", static_cast<unsigned>(Call(NF_ROW_PROCESS, args, nullptr)));
    std::vector<NF_OUT_T> shortOutput(NF_OUT_VALUES - 1);
    CLR_RT_HeapBlock_Array shortArray = ArrayOf(shortOutput);
    args[0].m_array = &inArray;
    args[1].m_array = &shortArray;
    std::printf("short_output 0x%08X\n", static_cast<unsigned>(Call(NF_ROW_PROCESS, args, nullptr)));
    return 0;
}
