// Runs the generated managed class of a nanoFramework binding on desktop .NET (NanoFrameworkBindingTests): the
// argument checks must throw before native code, and a valid frame must reach the native method (which desktop
// .NET cannot call: it throws there). Prints one line per case: name, exception type, parameter name.
using System;
using System.Linq;
using System.Reflection;

internal static class ManagedChecks
{
    private static void Main()
    {
        Type model = typeof(ManagedChecks).Assembly.GetTypes()
            .Single(t => t.Namespace != null && t.Namespace.StartsWith("Dsl.Models.", StringComparison.Ordinal) && t.Name.EndsWith("Model", StringComparison.Ordinal));
        MethodInfo process = model.GetMethod("Process")!;
        int n = (int)model.GetField("FrameSamples")!.GetValue(null)!;
        short[] same = new short[n];
        Try("null_input", process, null, new short[n]);
        Try("null_output", process, new short[n], null);
        Try("short_input", process, new short[n - 1], new short[n]);
        Try("long_output", process, new short[n], new short[n + 1]);
        Try("same_array", process, same, same);
        Try("valid", process, new short[n], new short[n]);
    }

    private static void Try(string name, MethodInfo process, short[]? input, short[]? output)
    {
        try
        {
            process.Invoke(null, [input, output]);
            Console.WriteLine($"{name} returned");
        }
        catch (TargetInvocationException e)
        {
            Exception inner = e.InnerException!;
            Console.WriteLine($"{name} {inner.GetType().Name} {(inner as ArgumentException)?.ParamName}".TrimEnd());
        }
    }
}
