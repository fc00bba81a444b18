namespace MultiNet.Benchmarks;

/// <summary>The request counts of every measured call of one kind (ADD or DEL), summarised per request kind.</summary>
internal sealed class ApiTally
{
    private readonly List<ApiRequestCounts> _calls = [];

    public int Calls => _calls.Count;

    public void Add(ApiRequestCounts counts) => _calls.Add(counts);

    public double Mean(Func<ApiRequestCounts, int> field) => _calls.Count == 0 ? double.NaN : _calls.Average(field);

    public int Max(Func<ApiRequestCounts, int> field) => _calls.Count == 0 ? 0 : _calls.Max(field);
}
