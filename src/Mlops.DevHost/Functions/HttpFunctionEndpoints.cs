using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Mlops.Functions.Http;

namespace Mlops.DevHost.Functions;

/// <summary>Maps every HTTP-triggered function to the same route under /api, calling the same class.</summary>
public static class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static IReadOnlyList<HttpFunction> MapFunctionEndpoints(this WebApplication app, Assembly functionsAssembly)
    {
        ArgumentNullException.ThrowIfNull(app);
        var functions = FunctionCatalog.HttpFunctions(functionsAssembly);
        foreach (var function in functions)
        {
            FunctionInvoker.EnsureBindable(function.Method, p => p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(string));
            app.MapMethods($"/{RoutePrefix}/{function.Route}", function.Methods, context => InvokeAsync(context, function))
                .WithName(function.Name);
        }

        return functions;
    }

    private static async Task InvokeAsync(HttpContext context, HttpFunction function)
    {
        object? result;
        try
        {
            result = await FunctionInvoker.InvokeAsync(
                context.RequestServices,
                function.Type,
                function.Method,
                p => p.ParameterType == typeof(HttpRequest) ? context.Request : context.GetRouteValue(p.Name!)?.ToString(),
                context.RequestAborted);
        }
        catch (Exception e) when (BodyLimit.IsServerRefusal(e) && !context.Response.HasStarted)
        {
            // Kestrel refused the body under a function that did not translate it: unhandled, it would drop the
            // connection. The function readers name their own limit; this names the server's.
            result = ProblemResponses.From(ServerBodyLimit.Of(context.RequestServices).Exceeded());
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            // A fault of ours: logged once with its stack, answered without it (StatusCodeProblems writes the body), as
            // the Functions host answers a 500.
            var unwrapped = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints));
            DevHostLog.FunctionFailed(logger, function.Name, context.TraceIdentifier, unwrapped);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            result = null;
        }

        if (result is IActionResult action)
        {
            await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), function.Descriptor));
        }
    }
}
