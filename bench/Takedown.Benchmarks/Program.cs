using BenchmarkDotNet.Running;

// Run all or some benchmarks: dotnet run -c Release --project bench/Takedown.Benchmarks -- --filter '*Pdq*'
// PDQ core by thread CPU time (usable on a loaded machine): ... -- --cputime [--batches 9] [--ops 200]
if (args.Length > 0 && args[0] == "--cputime")
{
    Takedown.Benchmarks.Hashing.PdqCoreCpuTime.Run(args, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
