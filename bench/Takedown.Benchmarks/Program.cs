using BenchmarkDotNet.Running;

// Run all or some benchmarks: dotnet run -c Release --project bench/Takedown.Benchmarks -- --filter '*Pdq*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
