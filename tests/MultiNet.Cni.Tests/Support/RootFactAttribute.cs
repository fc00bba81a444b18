namespace MultiNet.Cni.Tests.Support;

/// <summary>A fact that needs root (netns, links, real plugins); skipped with a reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot)
        {
            Skip = "needs root: creates network namespaces and links";
        }
    }

    public static bool IsRoot => Environment.UserName == "root";
}
