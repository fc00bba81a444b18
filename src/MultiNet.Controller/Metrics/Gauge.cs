using System.Globalization;

namespace MultiNet.Controller.Metrics;

/// <summary>A Prometheus gauge read from a callback when scraped.</summary>
internal sealed class Gauge(string name, string help, Func<double> read) : IMetric
{
    /// <inheritdoc />
    public void Write(TextWriter writer) =>
        writer.Write($"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {read().ToString(CultureInfo.InvariantCulture)}\n");
}
