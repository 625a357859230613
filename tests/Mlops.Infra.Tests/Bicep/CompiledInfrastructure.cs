using Mlops.Infra.Tests.Arm;
using Mlops.Testing;

namespace Mlops.Infra.Tests.Bicep;

/// <summary>infra/main.bicep compiled once (`bicep build`) for the tests that read the ARM template.</summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("mlops-infra-").FullName;
    private ArmTemplate? template;
    private BicepResult? build;

    public static string MainBicep => RepositoryPaths.Combine("infra", "main.bicep");

    public ArmTemplate Template => template ?? throw new InvalidOperationException("Not compiled yet.");

    public BicepResult Build => build ?? throw new InvalidOperationException("Not compiled yet.");

    public async Task InitializeAsync()
    {
        var output = Path.Combine(outputDirectory, "main.json");
        build = await BicepCli.RunAsync("build", MainBicep, "--outfile", output);
        Assert.True(build.ExitCode == 0, build.ToString());
        template = ArmTemplate.Load(output);
    }

    public Task DisposeAsync()
    {
        template?.Document.Dispose();
        Directory.Delete(outputDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureDefinition : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
