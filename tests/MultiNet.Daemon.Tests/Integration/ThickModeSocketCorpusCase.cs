namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// One bad request on the daemon's socket: how to send it, the HTTP status expected, the CNI error code (null when
/// the answer is not a CNI error, e.g. a 405 for a wrong method) and the parts the message must contain.
/// </summary>
internal sealed record ThickModeSocketCorpusCase(
    int Status, int? Code, string[] MessageParts, Func<ThickModeSocketCorpusFixture, Task<(int Status, string Body)>> Send);
