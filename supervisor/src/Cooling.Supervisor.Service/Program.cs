// cooling-supervisor: the supervisor as a service. Configuration: appsettings.json, environment (Cooling__Mqtt__Url=…),
// command line (--Cooling:Mqtt:Url=… or --mqtt …); with none it runs on the embedded broker and the embedded store.
using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Service.Security;
using Microsoft.Extensions.Options;

if (args is [Cooling.Supervisor.Service.DcgmBridgeCommand.Name, ..])
{
    return await Cooling.Supervisor.Service.DcgmBridgeCommand.RunAsync(args[1..]);
}

if (args is [UsersCommand.Users or UsersCommand.Tokens, ..])
{
    return await UsersCommand.RunAsync(args, Console.In, Console.Out, TimeProvider.System);
}

if (args is [Cooling.Supervisor.Service.SiteCredentialsCommand.Name, ..])
{
    return Cooling.Supervisor.Service.SiteCredentialsCommand.Run(args[1..]);
}

try
{
    await using var app = SupervisorApp.Build(args);
    _ = app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value; // validates before anything starts
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("cooling-supervisor: the configuration is not valid:");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync($"  {failure}");
    }

    return 2;
}
