using System.Net;
using k8s.Autorest;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Controller.ApiObjects;

/// <summary>Calls on the controller's own objects: a 404 on a read and a 409 on a write are answers, other failures throw naming the operation.</summary>
internal static class ApiCalls
{
    /// <summary>Runs <paramref name="write"/>; false when the API answered 409 (exists already, or a newer resourceVersion).</summary>
    public static async Task<bool> TryWriteAsync(Func<Task> write, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, operation, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    /// <summary>Runs <paramref name="read"/>; null when the object does not exist, other failures throw naming the operation.</summary>
    public static async Task<T?> GetAsync<T>(Func<Task<T>> read, string operation, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrorMapper.IsNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, operation, cancellationToken) is { } error)
        {
            throw error;
        }
    }
}
