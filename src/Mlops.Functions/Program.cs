using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Mlops.Functions;
using Mlops.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMlopsFunctions(builder.Configuration);
builder.Services.AddMlopsTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Build().Run();
