namespace MultiNet.Controller.Leadership;

/// <summary>Work only the Lease holder does (Events, certificate writes). Started when this replica leads, cancelled when it stops leading.</summary>
internal interface ILeaderTask
{
    /// <summary>Runs until <paramref name="leading"/> is cancelled.</summary>
    Task RunAsync(CancellationToken leading);
}
