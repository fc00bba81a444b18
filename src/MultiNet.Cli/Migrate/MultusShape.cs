namespace MultiNet.Cli.Migrate;

/// <summary>Which Multus file <c>migrate</c> was given.</summary>
internal enum MultusShape
{
    /// <summary>A thin plugin config (<c>00-multus.conf</c>, type <c>multus</c>, or thick's generated <c>multus-shim</c> one).</summary>
    PluginConfig,

    /// <summary>The same as a conflist (<c>00-multus.conflist</c>, what Multus writes for cniVersion 1.0.0 and later).</summary>
    PluginConfList,

    /// <summary>Thick Multus's <c>daemon-config.json</c>.</summary>
    DaemonConfig,
}
