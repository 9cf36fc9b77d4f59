using Takedown.Cli;

return await TakedownCli.RunAsync(args, Console.Out, Console.Error);
