namespace MultiNet.Cni.Tests.Support;

/// <summary>A theory that needs root; skipped with a reason otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!RootFactAttribute.IsRoot)
        {
            Skip = "needs root: creates network namespaces and links";
        }
    }
}
