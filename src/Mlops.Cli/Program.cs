using System.Text;
using Mlops.Cli;

Console.OutputEncoding = Encoding.UTF8;
return await CliApp.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
