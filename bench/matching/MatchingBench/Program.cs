using System.Globalization;
using MatchingBench;

// MatchingBench gen DIR N [PLANTED] [SEED]
// MatchingBench run HASHES QUERIES RADIUS STRATEGY(flat|mih) [QUERY_LIMIT]
// MatchingBench bankload HASHES BANKFILE
// Prints one "key=value ..." line per measurement for bench/matching/run.sh.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length >= 3 && args[0] == "gen")
{
    DataFiles.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 42);
    return 0;
}

if (args.Length >= 5 && args[0] == "run")
{
    Runner.Run(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args[4],
        args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : int.MaxValue);
    return 0;
}

if (args.Length >= 3 && args[0] == "bankload")
{
    BankLoad.Run(args[1], args[2]);
    return 0;
}

if (args.Length >= 3 && args[0] == "mihphase")
{
    MihPhaseProbe.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
    return 0;
}

if (args.Length >= 3 && args[0] == "mihprobe")
{
    MihProbe.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 11);
    return 0;
}

if (args.Length >= 2 && args[0] == "probe")
{
    KernelProbe.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return 0;
}

Console.Error.WriteLine("usage: MatchingBench gen DIR N [PLANTED] [SEED] | run HASHES QUERIES RADIUS flat|mih [QUERY_LIMIT] | bankload HASHES BANKFILE");
return 2;
