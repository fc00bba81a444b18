using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiNet.Testing.ApiServer;

/// <summary>The verbs on resources: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceHandler(ObjectStore store, WatchStream watches)
{
    public async Task HandleAsync(HttpContext context, ApiRoute route, string verb, string body, CancellationToken stopping)
    {
        if (route.Subresource is not null && (route.Subresource != "status" || !route.Resource.HasStatus))
        {
            throw ApiException.Of(404, "the server could not find the requested resource");
        }

        var resource = route.Resource;
        switch (verb)
        {
            case "get":
                await JsonResponse.WriteAsync(context, 200, Get(route));
                break;
            case "list":
                await JsonResponse.WriteAsync(context, 200, List(route, Selector(context, route)));
                break;
            case "watch":
                await watches.RunAsync(context, route, Selector(context, route), stopping);
                break;
            case "create":
                await JsonResponse.WriteAsync(context, 201, Create(route, ParseObject(body)));
                break;
            case "update":
                var replacement = ParseObject(body);
                await JsonResponse.WriteAsync(context, 200, store.Update(resource, Key(route), current => Replace(route, current, replacement)));
                break;
            case "patch":
                var patch = ParseNode(body);
                var contentType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
                await JsonResponse.WriteAsync(context, 200, store.Update(resource, Key(route), current => Patch(route, current, patch, contentType)));
                break;
            case "delete":
                var deleted = store.Delete(Key(route)) ?? throw new ApiException(StatusBody.NotFound(resource, route.Name!));
                await JsonResponse.WriteAsync(context, 200, deleted);
                break;
            case "deletecollection":
                var (items, _) = store.List(resource.Kind, route.Namespace, Selector(context, route));
                var removed = items.Select(i => store.Delete(ObjectStore.KeyOf(resource, (string?)i["metadata"]!["namespace"], (string)i["metadata"]!["name"]!)))
                    .OfType<JsonObject>().ToList();
                await JsonResponse.WriteAsync(context, 200, ListBody(resource, removed, store.ResourceVersion));
                break;
            default:
                throw ApiException.Of(405, $"the server does not allow this method on the requested resource");
        }
    }

    private JsonObject Get(ApiRoute route) =>
        store.Get(Key(route)) ?? throw new ApiException(StatusBody.NotFound(route.Resource, route.Name!));

    private JsonObject List(ApiRoute route, ObjectSelector selector)
    {
        var (items, version) = store.List(route.Resource.Kind, route.Namespace, selector);
        return ListBody(route.Resource, items, version);
    }

    private static JsonObject ListBody(ResourceType resource, List<JsonObject> items, long version) => new()
    {
        ["kind"] = resource.Kind + "List",
        ["apiVersion"] = resource.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["items"] = new JsonArray([.. items]),
    };

    private JsonObject Create(ApiRoute route, JsonObject obj)
    {
        if (route.Name is not null || route.Subresource is not null)
        {
            throw ApiException.Of(405, "the server does not allow this method on the requested resource");
        }

        if (route.Resource.Namespaced && route.Namespace is null)
        {
            throw ApiException.Of(404, "the server could not find the requested resource");
        }

        var metadata = obj["metadata"] as JsonObject ?? throw ApiException.Of(400, "metadata is required");
        CheckNamespace(route, metadata);
        metadata.Remove("resourceVersion");
        return store.Create(route.Resource, obj);
    }

    private static JsonObject Replace(ApiRoute route, JsonObject current, JsonObject replacement)
    {
        var metadata = replacement["metadata"] as JsonObject ?? throw ApiException.Of(400, "metadata is required");
        CheckNamespace(route, metadata);
        if ((string?)metadata["name"] is { } name && name != route.Name)
        {
            throw ApiException.Of(400, $"the name of the object ({name}) does not match the name on the URL ({route.Name})");
        }

        return KeepOtherHalf(route, current, replacement);
    }

    private static JsonObject Patch(ApiRoute route, JsonObject current, JsonNode patch, string contentType)
    {
        var original = (JsonObject)current.DeepClone();
        JsonObject patched;
        switch (contentType)
        {
            case "application/merge-patch+json":
            case "application/strategic-merge-patch+json":
                patched = MergePatch.Apply(current, patch) as JsonObject ?? throw ApiException.Of(400, "patch is not an object");
                break;
            case "application/json-patch+json":
                try
                {
                    patched = JsonPatch.Apply(current, patch as JsonArray ?? throw ApiException.Of(400, "json patch is not an array"));
                }
                catch (InvalidOperationException e)
                {
                    throw ApiException.Of(422, e.Message);
                }

                break;
            default:
                throw ApiException.Of(415, $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json");
        }

        return KeepOtherHalf(route, original, patched);
    }

    /// <summary>A write to the main resource keeps the stored status; a write to /status keeps everything but status and metadata.</summary>
    private static JsonObject KeepOtherHalf(ApiRoute route, JsonObject current, JsonObject updated)
    {
        if (!route.Resource.HasStatus)
        {
            return updated;
        }

        if (route.Subresource is null)
        {
            updated["status"] = current["status"]?.DeepClone();
            return updated;
        }

        var result = (JsonObject)current.DeepClone();
        result["metadata"] = updated["metadata"]?.DeepClone();
        result["status"] = updated["status"]?.DeepClone();
        return result;
    }

    private static void CheckNamespace(ApiRoute route, JsonObject metadata)
    {
        if (!route.Resource.Namespaced)
        {
            return;
        }

        if ((string?)metadata["namespace"] is { Length: > 0 } ns && ns != route.Namespace)
        {
            throw ApiException.Of(400, "the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = route.Namespace;
    }

    private static ObjectKey Key(ApiRoute route) => ObjectStore.KeyOf(route.Resource, route.Namespace, route.Name!);

    private static ObjectSelector Selector(HttpContext context, ApiRoute route)
    {
        var fields = (string?)context.Request.Query["fieldSelector"];
        if (route.Name is not null)
        {
            fields = string.IsNullOrEmpty(fields) ? $"metadata.name={route.Name}" : $"{fields},metadata.name={route.Name}";
        }

        try
        {
            return ObjectSelector.Parse(fields, context.Request.Query["labelSelector"]);
        }
        catch (FormatException e)
        {
            throw ApiException.Of(400, e.Message);
        }
    }

    private static JsonObject ParseObject(string body) =>
        ParseNode(body) as JsonObject ?? throw ApiException.Of(400, "the request body is not a JSON object");

    private static JsonNode ParseNode(string body)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw ApiException.Of(400, "the request body is empty");
        }
        catch (JsonException e)
        {
            throw ApiException.Of(400, $"the request body is not valid JSON: {e.Message}");
        }
    }
}
