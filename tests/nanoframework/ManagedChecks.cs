// Runs the generated managed class of a nanoFramework binding on desktop .NET (NanoFrameworkBindingTests): the
// argument checks must throw before native code, and a valid frame must reach the native method (which desktop
// .NET cannot call: it throws there). Prints one line per case: name, exception type, parameter name. With a
// classifier head (a Classes constant) the output is the scores array (sbyte[] or short[]) and ArgMax, the
// constants and the labels are printed too.
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
        FieldInfo? classes = model.GetField("Classes");
        int m = classes is null ? n : (int)classes.GetValue(null)!;
        Type outType = process.GetParameters()[1].ParameterType.GetElementType()!;
        Array Out(int length) => Array.CreateInstance(outType, length);
        short[] same = new short[n];
        Try("null_input", process, null, Out(m));
        Try("null_output", process, new short[n], null);
        Try("short_input", process, new short[n - 1], Out(m));
        Try("long_output", process, new short[n], Out(m + 1));
        if (outType == typeof(short) && m == n)
        {
            Try("same_array", process, same, same);
        }

        Try("valid", process, new short[n], Out(m));
        if (classes is null)
        {
            return;
        }

        MethodInfo argMax = model.GetMethod("ArgMax")!;
        Try("argmax_null", argMax, new object?[] { null });
        Try("argmax_short", argMax, Out(m - 1));
        // Equal maxima at 1 and the last index: the first wins. Then a strict maximum at the last index.
        Array tie = Out(m);
        tie.SetValue(Convert.ChangeType(5, outType), Math.Min(1, m - 1));
        tie.SetValue(Convert.ChangeType(5, outType), m - 1);
        Console.WriteLine($"argmax_tie {argMax.Invoke(null, [tie])}");
        Array last = Out(m);
        for (int i = 0; i < m; i++)
        {
            last.SetValue(Convert.ChangeType(i == m - 1 ? -2 : -3, outType), i);
        }

        Console.WriteLine($"argmax_last {argMax.Invoke(null, [last])}");
        // A gated frame's scores: the negative class at the type's maximum, every other at its minimum (none: all minimum).
        int negative = (int)model.GetField("NegativeClass")!.GetValue(null)!;
        object min = outType.GetField("MinValue")!.GetValue(null)!, max = outType.GetField("MaxValue")!.GetValue(null)!;
        Array gated = Out(m);
        for (int i = 0; i < m; i++)
        {
            gated.SetValue(i == negative ? max : min, i);
        }

        Console.WriteLine($"argmax_gated {argMax.Invoke(null, [gated])}");
        int Const(string name) => (int)model.GetField(name)!.GetValue(null)!;
        Console.WriteLine($"constants {m} {Const("ScoreZeroPoint")} {Const("ScoreScaleQ")} {Const("ScoreScaleShift")} {negative}");
        Console.WriteLine("labels " + string.Join("|", (string[])model.GetField("Labels")!.GetValue(null)!));
    }

    private static void Try(string name, MethodInfo method, params object?[] args)
    {
        try
        {
            method.Invoke(null, args);
            Console.WriteLine($"{name} returned");
        }
        catch (TargetInvocationException e)
        {
            Exception inner = e.InnerException!;
            Console.WriteLine($"{name} {inner.GetType().Name} {(inner as ArgumentException)?.ParamName}".TrimEnd());
        }
    }
}
