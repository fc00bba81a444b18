using MultiNet.Testing.Node;

namespace MultiNet.Controller.Tests.Deploy;

/// <summary>
/// A fact that renders a kustomize component: skipped with a reason when the installed kubectl's kustomize is older
/// than v3.7 (Debian's kubectl 1.20 has v2.0, which knows no components; kubectl 1.21+ has v4+).
/// </summary>
public sealed class KustomizeComponentsFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Supported = new(() =>
    {
        try
        {
            (int code, string stdout, _) = Shell.Run("kubectl", "version", "--client");
            return code == 0 && stdout.Contains("Kustomize Version: v", StringComparison.Ordinal)
                && !stdout.Contains("Kustomize Version: v2.", StringComparison.Ordinal)
                && !stdout.Contains("Kustomize Version: v3.", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when kubectl cannot render components.</summary>
    public KustomizeComponentsFactAttribute()
    {
        if (!Supported.Value)
        {
            Skip = "needs kubectl 1.21+ (kustomize v4+) to render kustomize components; this kubectl is older or missing";
        }
    }
}
