using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentAssertions;
using MultiNet.Attachments.Forwarding;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Tests.Properties;
using Xunit;

namespace MultiNet.Attachments.Tests.Properties;

/// <summary>
/// The thick-mode request body as the daemon reads it: any bytes a client sends decode to a request or fail with a
/// CniException of a request code (4, 6, 7) that names what is wrong, never another exception; and whatever the shim
/// writes (<see cref="ForwardedCniRequest.ToJson"/>) reads back to the same request.
/// </summary>
public sealed class ForwardedRequestProperties
{
    // Any UTF-16 text that is valid Unicode (what .NET hands the shim for an environment variable): no lone surrogates.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char.Where(c => !char.IsSurrogate(c)).Array[0, 30].Select(c => new string(c)),
        FuzzText.Syntax.Where(c => !char.IsSurrogate(c)).Array[0, 30].Select(c => new string(c)),
        Gen.Int[0x10000, 0x10FFFF].Array[1, 4].Select(points => string.Concat(points.Select(char.ConvertFromUtf32))));

    private static readonly Gen<string> EnvName = Gen.OneOf(
        Gen.OneOf("CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"),
        Text.Select(t => "CNI_" + t));

    private static readonly Gen<Dictionary<string, string>> Env = Gen.Select(EnvName, Text).Array[0, 8]
        .Select(pairs => pairs.GroupBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Item2, StringComparer.Ordinal));

    private static readonly Gen<ForwardedCniRequest> Request = Gen.Select(Env, Gen.Byte.Array[0, 300], (env, stdin) => new ForwardedCniRequest(env, stdin));

    /// <summary>Any JSON value, a few levels deep: what a client that got the format wrong might send in a field.</summary>
    private static readonly Gen<JsonNode?> AnyJson = Gen.Recursive<JsonNode?>((depth, self) =>
    {
        var leaf = Gen.OneOf<JsonNode?>(
            Gen.Const(() => (JsonNode?)null), Text.Select(t => (JsonNode?)JsonValue.Create(t)), Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0)), Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Byte.Array[0, 20].Select(b => (JsonNode?)JsonValue.Create(Convert.ToBase64String(b))));
        return depth >= 3 ? leaf : Gen.OneOf(leaf,
            self.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items)),
            Gen.Select(Text, self).Array[0, 4].Select(members => (JsonNode?)Object(members)));
    });

    /// <summary>An object with "env" and "stdin" (either possibly of the wrong type, or absent) and perhaps other keys.</summary>
    private static readonly Gen<JsonObject> WrongBody = Gen.Select(Gen.Int[0, 3], AnyJson, Gen.Int[0, 3], AnyJson, Gen.Select(Text, AnyJson).Array[0, 2],
        (envKind, env, stdinKind, stdin, extra) =>
        {
            var body = Object(extra);
            body["env"] = envKind switch
            {
                0 => env,
                1 => Object([("CNI_COMMAND", env)]),
                _ => new JsonObject { ["CNI_COMMAND"] = "ADD", ["CNI_IFNAME"] = "eth0" },
            };
            body["stdin"] = stdinKind switch
            {
                0 => stdin,
                1 => "not base64!",
                _ => Convert.ToBase64String("""{"cniVersion":"1.0.0"}"""u8),
            };
            if (envKind == 3)
            {
                body.Remove("env");
            }

            if (stdinKind == 3)
            {
                body.Remove("stdin");
            }

            return body;
        });

    [Fact]
    public void Parse_AnyBytes_ReturnsARequestOrThrowsOnlyCniExceptionWithARequestCode() =>
        Gen.OneOf(
                Gen.Byte.Array[0, 200],
                FuzzText.Hostile.Select(t => Encoding.UTF8.GetBytes(t)),
                FuzzText.Mutated(Request.Select(r => Encoding.UTF8.GetString(r.ToJson()))).Select(t => Encoding.UTF8.GetBytes(t)),
                Gen.Select(Request, Gen.Int[0, 1000], Gen.Byte, (request, at, value) => Corrupt(request.ToJson(), at, value)))
            .Sample(bytes => ParsesOrFailsCleanly(bytes), iter: 20_000);

    [Fact]
    public void Parse_WellFormedJsonOfTheWrongShape_ThrowsCode6NamingTheField() =>
        WrongBody.Sample(body =>
        {
            var error = ParsesOrFailsCleanly(Encoding.UTF8.GetBytes(body.ToJsonString()));
            if (error is not null)
            {
                error.Code.Should().Be(CniErrorCode.DecodeFailure);
                error.Message.Should().MatchRegex("field \"(env|env\\..*|stdin)\"");
            }
        }, iter: 10_000);

    [Fact]
    public void Parse_WhatTheShimWrites_ReadsBackTheSameRequest() =>
        Request.Sample(request =>
        {
            var read = ForwardedCniRequest.Parse(request.ToJson());

            read.Env.Should().Equal(request.Env);
            read.Stdin.Should().Equal(request.Stdin);
        }, iter: 10_000);

    public static TheoryData<byte[]> NotUnicode => new()
    {
        { [.. "{\"env\":{\"CNI_"u8, 0xC3, 0x28, .. "\":\"x\"},\"stdin\":\"e30=\"}"u8] },
        { [.. "{\"env\":{\"CNI_ARGS\":\"K8S_POD_NAME="u8, 0xFF, .. "\"},\"stdin\":\"e30=\"}"u8] },
        { "{\"env\":{\"CNI_IFNAME\":\"eth\\udfd1\"},\"stdin\":\"e30=\"}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(NotUnicode))]
    public void Parse_WellFormedJsonSpellingTextThatIsNotUnicode_IsCode6NamingEnvNotACrash(byte[] body)
    {
        var act = () => ForwardedCniRequest.Parse(body);

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.DecodeFailure);
        error.Message.Should().Contain("field \"env\"").And.Contain("not valid Unicode");
    }

    private static CniException? ParsesOrFailsCleanly(byte[] bytes)
    {
        try
        {
            var request = ForwardedCniRequest.Parse(bytes);
            request.Env.Should().NotBeNull();
            request.Stdin.Should().NotBeNull();
            return null;
        }
        catch (CniException e)
        {
            e.Code.Should().BeOneOf(CniErrorCode.InvalidEnvironment, CniErrorCode.DecodeFailure, CniErrorCode.InvalidConfig);
            e.Message.Should().StartWith("daemon request: ");
            return e;
        }
    }

    private static byte[] Corrupt(byte[] body, int at, byte value)
    {
        body[at % body.Length] = value;
        return body;
    }

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> members)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in members)
        {
            obj[key] = value;
        }

        return obj;
    }
}
