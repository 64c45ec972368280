using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>Tests that need the Arm toolchain or QEMU return early when a tool is missing on a
/// developer machine, but fail under CI (CI=true), where a silent pass would hide a missing install.</summary>
internal static class ToolGate
{
    public static bool Have(params string[] tools)
    {
        var missing = tools.Where(t => !ToolRunner.IsInstalled(t)).ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"missing tools under CI: {string.Join(", ", missing)}; install with: apt-get install -y --no-install-recommends " +
                string.Join(" ", missing.Select(ToolRunner.AptPackageFor).Distinct()));
        }

        return false;
    }
}
