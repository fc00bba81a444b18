namespace MultiNet.Testing.ApiServer;

/// <summary>The fault rules in force; the first rule that returns a fault wins.</summary>
internal sealed class FaultRules
{
    private readonly Lock _gate = new();
    private readonly List<Func<StandInRequest, Fault?>> _rules = [];

    public void Add(Func<StandInRequest, Fault?> rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public Fault? Match(StandInRequest request)
    {
        Func<StandInRequest, Fault?>[] rules;
        lock (_gate)
        {
            rules = [.. _rules];
        }

        foreach (var rule in rules)
        {
            if (rule(request) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }
}
