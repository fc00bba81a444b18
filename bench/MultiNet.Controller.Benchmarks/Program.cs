using System.Globalization;
using System.Text;
using MultiNet.Controller.Benchmarks;
using MultiNet.Testing.ApiServer;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var ca = TestCertificateAuthority.Create();
await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
BenchCluster.AddPodNetworks(api);
var report = new StringBuilder();
string loadBefore = LoadAverage();
await using (ControllerUnderTest controller = await ControllerUnderTest.StartAsync(api, ca, options.InProcess))
{
    Console.Error.WriteLine($"controller: {controller.Mode}; timing {options.Requests} reviews after {options.Warmup} warm-up ones");
    Percentiles few = await LatencyRun.SequentialAsync(controller.Http, options.Warmup, options.Requests);
    (double perSecond, Percentiles loaded) = await LatencyRun.ConcurrentAsync(controller.Http, options.Concurrency, options.Requests);
    double rssSmall = await controller.MetricAsync("process_resident_memory_bytes");
    double heapSmall = await controller.MetricAsync("multinet_controller_managed_heap_bytes");
    var procSmall = controller.ProcessMemory();

    Console.Error.WriteLine($"adding {options.Nads} NADs to the API; the controller's watch caches them");
    BenchCluster.AddMany(api, options.Nads);
    await controller.WaitForMetricAsync("multinet_controller_nads_cached", options.Nads + 5, TimeSpan.FromMinutes(5));
    Percentiles many = await LatencyRun.SequentialAsync(controller.Http, options.Warmup, options.Requests);
    double rssMany = await controller.MetricAsync("process_resident_memory_bytes");
    double heapMany = await controller.MetricAsync("multinet_controller_managed_heap_bytes");
    var procMany = controller.ProcessMemory();
    (long cacheBytes, long withVerdicts) = CacheFootprint.Measure(options.Nads);

    string Ms(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
    string Mb(double v) => (v / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture);
    report.AppendLine(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) before: {loadBefore}, after: {LoadAverage()}.");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Admission of a pod with 5 networks (JSON form: interfaces, static IP and MAC, a port mapping, a default route), NADs cached, real HTTPS on loopback, {options.Requests} reviews each, controller: {controller.Mode}, {Environment.ProcessorCount} cores.");
    report.AppendLine();
    report.AppendLine("| run | p50 ms | p90 ms | p99 ms | max ms |");
    report.AppendLine("|---|---:|---:|---:|---:|");
    report.AppendLine(CultureInfo.InvariantCulture, $"| 1 client, 5 NADs cached | {Ms(few.At(50))} | {Ms(few.At(90))} | {Ms(few.At(99))} | {Ms(few.Max)} |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| 1 client, {options.Nads + 5} NADs cached | {Ms(many.At(50))} | {Ms(many.At(90))} | {Ms(many.At(99))} | {Ms(many.Max)} |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| {options.Concurrency} clients ({perSecond:0} reviews/s) | {Ms(loaded.At(50))} | {Ms(loaded.At(90))} | {Ms(loaded.At(99))} | {Ms(loaded.Max)} |");
    report.AppendLine();
    report.AppendLine("| memory | 5 NADs | " + (options.Nads + 5).ToString(CultureInfo.InvariantCulture) + " NADs |");
    report.AppendLine("|---|---:|---:|");
    report.AppendLine(CultureInfo.InvariantCulture, $"| controller RSS (MiB) | {Mb(rssSmall)} | {Mb(rssMany)} |");
    if (procSmall is { } a && procMany is { } b)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| of which anonymous (heap, stacks; MiB) | {Mb(a.Anon)} | {Mb(b.Anon)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| of which file-backed (runtime and assemblies, shared; MiB) | {Mb(a.File)} | {Mb(b.File)} |");
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"| controller managed heap (MiB, no forced GC) | {Mb(heapSmall)} | {Mb(heapMany)} |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| NAD cache alone (MiB, forced GC; bytes per NAD) | | {Mb(cacheBytes)} ({cacheBytes / options.Nads} B) |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| cache + memoised rule verdicts (MiB; bytes per NAD) | | {Mb(withVerdicts)} ({withVerdicts / options.Nads} B) |");
}

Console.Out.Write(report.ToString());
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
