using System.Net.Sockets;
using Azure;
using Grpc.Core;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>
/// Recognizes a fault that says storage (or the Durable engine, which lives on it) is out of reach rather than that
/// the request is wrong or the code is: the client is told to retry (503), not shown a server error.
/// </summary>
public static class StorageOutage
{
    public static bool IsOutage(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RequestFailedException { Status: 0 or 408 or 500 or 502 or 503 or 504 }:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                case RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }

        return false;
    }

    public static MlopsException Unavailable(Exception cause) => new(
        MlopsErrorCode.ServiceUnavailable,
        $"Storage is out of reach for now ({cause.GetType().Name}). Retry after a few seconds: sending the same request again is safe.");
}
