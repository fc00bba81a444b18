namespace MultiNet.Controller.Metrics;

/// <summary>Something that renders itself in the Prometheus text format (version 0.0.4).</summary>
internal interface IMetric
{
    /// <summary>Writes the HELP and TYPE lines and every sample.</summary>
    void Write(TextWriter writer);
}
