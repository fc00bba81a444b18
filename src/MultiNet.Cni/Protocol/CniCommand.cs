namespace MultiNet.Cni.Protocol;

/// <summary>The CNI operations (CNI_COMMAND).</summary>
public enum CniCommand
{
    /// <summary>ADD.</summary>
    Add,
    /// <summary>DEL.</summary>
    Del,
    /// <summary>CHECK (0.4.0+).</summary>
    Check,
    /// <summary>VERSION.</summary>
    Version,
    /// <summary>STATUS (1.1.0+).</summary>
    Status,
    /// <summary>GC (1.1.0+).</summary>
    Gc,
}
