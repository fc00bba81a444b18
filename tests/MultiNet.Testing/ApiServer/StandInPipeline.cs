using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiNet.Testing.ApiServer;

/// <summary>What every request goes through: record it, apply faults, authenticate, then discovery or a resource verb.</summary>
internal sealed class StandInPipeline(
    string token, FaultRules faults, RequestLog log, ResourceHandler resources, Func<string> serverAddress)
{
    private static readonly HashSet<string> PublicPaths = ["/healthz", "/livez", "/readyz", "/version"];

    public async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var path = context.Request.Path.Value ?? "/";
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var route = ApiRoute.Parse(path);
        var query = context.Request.QueryString.Value ?? "";
        var verb = VerbOf(context.Request, route);
        var recorded = new RecordedRequest
        {
            Method = context.Request.Method,
            Path = path,
            Query = query,
            Verb = verb,
            ContentType = context.Request.ContentType,
            Body = body,
        };
        log.Add(recorded);
        context.Response.OnStarting(() =>
        {
            recorded.StatusCode = context.Response.StatusCode;
            return Task.CompletedTask;
        });

        var request = new StandInRequest
        {
            Method = context.Request.Method,
            Path = path,
            Query = query,
            Verb = verb,
            Resource = route?.Resource.Plural,
            Subresource = route?.Subresource,
            Namespace = route?.Namespace,
            Name = route?.Name,
        };
        if (faults.Match(request) is { } fault)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }

            if (fault.Abort)
            {
                context.Abort();
                return;
            }

            if (fault.StatusCode is { } code)
            {
                if (fault.RetryAfterSeconds is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (fault.Body is { } raw)
                {
                    context.Response.StatusCode = code;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(raw, context.RequestAborted);
                    return;
                }

                await JsonResponse.WriteStatusAsync(context, StatusBody.Failure(code, StatusBody.ReasonFor(code), fault.Message ?? $"injected fault: {code}"));
                return;
            }
        }

        try
        {
            await AnswerAsync(context, path, route, verb, body, stopping);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await JsonResponse.WriteStatusAsync(context, e.Status);
        }
    }

    private async Task AnswerAsync(HttpContext context, string path, ApiRoute? route, string verb, string body, CancellationToken stopping)
    {
        if (PublicPaths.Contains(path) && context.Request.Method == "GET")
        {
            if (path == "/version")
            {
                await JsonResponse.WriteAsync(context, 200, DiscoveryDocuments.Find(path, serverAddress())!);
            }
            else
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
            }

            return;
        }

        // A client certificate reaching here was already checked against the client CA during the handshake.
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {token}" && context.Connection.ClientCertificate is null)
        {
            throw new ApiException(StatusBody.Failure(401, "Unauthorized", "Unauthorized"));
        }

        if (route is null)
        {
            if (context.Request.Method == "GET" && DiscoveryDocuments.Find(path, serverAddress()) is { } document)
            {
                await JsonResponse.WriteAsync(context, 200, document);
                return;
            }

            throw new ApiException(StatusBody.Failure(404, "NotFound", "the server could not find the requested resource",
                new JsonObject()));
        }

        await resources.HandleAsync(context, route, verb, body, stopping);
    }

    private static string VerbOf(HttpRequest request, ApiRoute? route)
    {
        if (route is null)
        {
            return "discovery";
        }

        var watch = route.WatchPrefix || (string?)request.Query["watch"] is "true" or "1";
        return request.Method switch
        {
            "GET" when watch => "watch",
            "GET" when route.Name is null => "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when route.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
    }
}
