using System.Text.Json.Nodes;

namespace MultiNet.Daemon.CniConfig;

/// <summary>The node's primary network config: what the generated file names as <c>clusterNetwork</c>.</summary>
/// <param name="Path">Absolute path of the file (the engine resolves a <c>clusterNetwork</c> starting with '/' as a file).</param>
/// <param name="CniVersion">The file's <c>cniVersion</c>, carried into the generated file.</param>
/// <param name="CniVersions">The file's CNI 1.1 <c>cniVersions</c>, if any.</param>
/// <param name="Capabilities">Capabilities any of its plugins enables, sorted.</param>
internal sealed record PrimaryConfig(string Path, string CniVersion, JsonArray? CniVersions, IReadOnlyList<string> Capabilities);
