using MultiNet.Testing.Node;
using System.Text;
using System.Text.Json.Nodes;
using R = MultiNet.Daemon.Tests.Integration.ThickModeSocketCorpusRawClient;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// The daemon socket corpus, by name: the body and its framing, HTTP methods and paths (this file), the CNI environment
/// and CNI_ARGS (<c>.Environment.cs</c>), the network config in <c>stdin</c> (<c>.Config.cs</c>).
/// </summary>
internal static partial class ThickModeSocketCorpusCases
{
    private const string ValidStdin = """{"cniVersion":"1.0.0","name":"x","delegates":[{"cniVersion":"1.0.0","name":"c","type":"bridge"}]}""";

    public static IReadOnlyDictionary<string, ThickModeSocketCorpusCase> All { get; } = Build();

    private static Dictionary<string, ThickModeSocketCorpusCase> Build()
    {
        var cases = new Dictionary<string, ThickModeSocketCorpusCase>(StringComparer.Ordinal);
        AddBodyCases(cases);
        AddFieldCases(cases);
        AddHttpCases(cases);
        AddEnvironmentCases(cases);
        AddArgumentCases(cases);
        AddConfigCases(cases);
        return cases;
    }

    private static void AddBodyCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        cases["body: not JSON"] = Body("{not json", "the body is not valid JSON");
        cases["body: empty"] = Body("", "the body is not valid JSON");
        cases["body: a JSON array"] = Body("""[{"env":{}},"e30="]""", "the body", "expected a JSON object");
        cases["body: a JSON string"] = Body("\"env\"", "the body", "expected a JSON object");
        cases["body: null"] = Body("null", "the body", "expected a JSON object");
        cases["body: truncated half-way"] = Raw(400, 6, f =>
        {
            var body = Encoding.UTF8.GetBytes(ThickModeSocketCorpusFixture.Body(f.Env(), ValidStdin));
            return R.WithBody(body[..(body.Length / 2)]);
        }, "the body is not valid JSON");
        cases["body: garbage after the object"] = Raw(400, 6, f => R.WithBody(Encoding.UTF8.GetBytes(ThickModeSocketCorpusFixture.Body(f.Env(), ValidStdin) + " x")),
            "the body is not valid JSON");
        cases["body: nested 10,000 deep"] = Body(new string('[', 10_000) + new string(']', 10_000), "the body is not valid JSON", "depth");
        cases["body: invalid UTF-8 in a value"] = Raw(400, 6, _ => R.WithBody([.. "{\"env\":{\"CNI_COMMAND\":\"AD"u8, 0xC3, 0x28, .. "\"},\"stdin\":\"e30=\"}"u8]),
            "field \"env\"", "not valid Unicode");
        cases["body: an escaped lone surrogate"] = Body("""{"env":{"CNI_IFNAME":"eth\udfd1"},"stdin":"e30="}""", "field \"env\"", "not valid Unicode");
        cases["body: over 1 MiB with its Content-Length"] = Raw(400, 6, _ => R.WithBody(Oversized()), "the body is larger than 1048576 bytes");
        cases["body: over 1 MiB, chunked"] = Raw(400, 6, _ => R.Chunked(Oversized(), 64 * 1024), "the body is larger than 1048576 bytes");
        cases["body: chunked, decoded like any body"] = Raw(400, 4, f =>
        {
            var env = f.Env();
            env["CNI_COMMAND"] = "FROB";
            return R.Chunked(Encoding.UTF8.GetBytes(ThickModeSocketCorpusFixture.Body(env, ValidStdin)), 7);
        }, "CNI_COMMAND", "\"FROB\"");
        cases["body: chunked with a chunk size that is not hex"] = Raw(400, null, _ =>
            [.. R.Head("Transfer-Encoding: chunked\r\n"), .. "zz\r\n{}\r\n0\r\n\r\n"u8]);
        cases["body: content type text/plain (the body decides)"] = Raw(400, 6, _ => R.WithBody("{not json"u8.ToArray(), "text/plain"),
            "the body is not valid JSON");
    }

    private static void AddFieldCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        cases["env: missing"] = Body("""{"stdin":"e30="}""", "field \"env\"");
        cases["env: null"] = Body("""{"env":null,"stdin":"e30="}""", "field \"env\"");
        cases["env: a string"] = Body("""{"env":"CNI_COMMAND=ADD","stdin":"e30="}""", "field \"env\"");
        cases["env: an array of strings"] = Body("""{"env":["CNI_COMMAND=ADD"],"stdin":"e30="}""", "field \"env\"");
        cases["env.CNI_COMMAND: a number"] = Body("""{"env":{"CNI_COMMAND":1},"stdin":"e30="}""", "field \"env.CNI_COMMAND\"", "expected a string");
        cases["env.CNI_ARGS: an object"] = Body("""{"env":{"CNI_COMMAND":"ADD","CNI_ARGS":{"K8S_POD_NAME":"p"}},"stdin":"e30="}""", "field \"env.CNI_ARGS\"");
        cases["env.CNI_NETNS: null"] = Body("""{"env":{"CNI_COMMAND":"ADD","CNI_NETNS":null},"stdin":"e30="}""", "field \"env.CNI_NETNS\"");
        cases["env: a name with a newline is quoted, not logged raw"] = Body("""{"env":{"CNI_X\nforged":true},"stdin":"e30="}""",
            "field \"env.CNI_X\\nforged\"");
        cases["stdin: missing"] = Body("""{"env":{"CNI_COMMAND":"ADD"}}""", "field \"stdin\"");
        cases["stdin: not base64"] = Body("""{"env":{"CNI_COMMAND":"ADD"},"stdin":"{\"cniVersion\":\"1.0.0\"}"}""", "field \"stdin\"", "base64");
        cases["stdin: a JSON object instead of base64"] = Body("""{"env":{"CNI_COMMAND":"ADD"},"stdin":{"cniVersion":"1.0.0"}}""", "field \"stdin\"");
        cases["stdin: a number"] = Body("""{"env":{"CNI_COMMAND":"ADD"},"stdin":7}""", "field \"stdin\"");
        cases["stdin: the base64url alphabet"] = Body("""{"env":{"CNI_COMMAND":"ADD"},"stdin":"-_-_"}""", "field \"stdin\"");
        cases["stdin: empty"] = Stdin("", 6, "network config", "invalid JSON");
        cases["stdin: not JSON"] = Stdin("cniVersion=1.0.0", 6, "network config", "invalid JSON");
        cases["stdin: a JSON array"] = Stdin("[]", 6, "network config", "expected a JSON object");
    }

    private static void AddHttpCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        cases["http: GET /cni"] = Http("GET", "/cni", 405, "use POST");
        cases["http: PUT /cni"] = Http("PUT", "/cni", 405, "use POST");
        cases["http: DELETE /cni"] = Http("DELETE", "/cni", 405, "use POST");
        cases["http: POST /cni/ (trailing slash)"] = Http("POST", "/cni/", 404, "not found");
        cases["http: POST /CNI (case)"] = Http("POST", "/CNI", 404, "not found");
        cases["http: POST /readyz"] = Http("POST", "/readyz", 405, "use GET");
        cases["http: a request line that is not HTTP"] = Raw(400, null, _ => "FROB\r\n\r\n"u8.ToArray());
        cases["http: HTTP/1.1 without Host"] = Raw(400, null, _ => "POST /cni HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray());
    }

    private static ThickModeSocketCorpusCase Body(string body, params string[] parts) =>
        new(400, 6, ["daemon request: ", .. parts], f => SocketClient.SendAsync(f.SocketPath, "POST", "/cni", body));

    private static ThickModeSocketCorpusCase Raw(int status, int? code, Func<ThickModeSocketCorpusFixture, byte[]> wire, params string[] parts) =>
        new(status, code, parts, f => R.SendAsync(f.SocketPath, wire(f)));

    private static ThickModeSocketCorpusCase Http(string method, string path, int status, string text) =>
        new(status, null, [text], f => SocketClient.SendAsync(f.SocketPath, method, path, "{}"));

    private static ThickModeSocketCorpusCase Stdin(string stdin, int code, params string[] parts) =>
        new(400, code, parts, f => SocketClient.SendAsync(f.SocketPath, "POST", "/cni", ThickModeSocketCorpusFixture.Body(f.Env(), stdin)));

    /// <summary>A well-formed request whose env and config are changed by <paramref name="change"/> before it is sent.</summary>
    private static ThickModeSocketCorpusCase Cni(int code, Action<Dictionary<string, string>, JsonObject> change, string command, params string[] parts) =>
        new(code is 1 or 4 or 6 or 7 ? 400 : 500, code, parts, f =>
        {
            var (env, config) = (f.Env(command), f.Config());
            change(env, config);
            return SocketClient.SendAsync(f.SocketPath, "POST", "/cni", ThickModeSocketCorpusFixture.Body(env, config.ToJsonString()));
        });

    /// <summary>A valid request whose stdin is padded past 1 MiB.</summary>
    private static byte[] Oversized() =>
        Encoding.UTF8.GetBytes($$"""{"env":{"CNI_COMMAND":"ADD"},"stdin":"{{new string('A', (1 << 20) + 4)}}"}""");
}
