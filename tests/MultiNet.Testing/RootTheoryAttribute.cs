using Xunit;

namespace MultiNet.Testing;

/// <summary>A theory that needs root (network namespaces, links, routes); skipped with a reason otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the test process is not privileged.</summary>
    public RootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates network namespaces and links";
        }
    }
}
