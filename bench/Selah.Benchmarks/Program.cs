using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Selah.Benchmarks;

public static class BenchmarkProgram
{
    // In-process: the benchmarks run in this (Release) build instead of BenchmarkDotNet generating and building a copy of the
    // whole server, which is slow on small machines. Pass BenchmarkDotNet arguments, e.g. --filter '*Reference*'.
    public static async Task<int> Main(string[] args)
    {
        if (args is ["first-visit", var baseUrl, var albumId, var title])
        {
            return await FirstVisit.RunAsync(baseUrl, albumId, title);
        }

        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
        return 0;
    }
}
