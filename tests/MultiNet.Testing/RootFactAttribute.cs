using Xunit;

namespace MultiNet.Testing;

/// <summary>A fact that needs root (network namespaces, links, routes); skipped with a reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the test process is not privileged.</summary>
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates network namespaces and links";
        }
    }
}
