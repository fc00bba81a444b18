using CsCheck;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using Xunit;

namespace MultiNet.Cni.Tests.Properties;

/// <summary>CNI_ARGS and the CNI environment: any value parses or fails with code 4; formatted pairs parse back the same.</summary>
public sealed class CniParameterProperties
{
    private static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:"].Array[1, 16]
        .Select(c => new string(c));

    private static readonly Gen<string?> Variable = Gen.OneOf(FuzzText.Hostile, Token, Gen.OneOf("ADD", "DEL", "CHECK", "VERSION", "STATUS", "GC", "eth0"))
        .Null();

    [Fact]
    public void Args_FormatThenParse_GivesThePairsBack() =>
        Gen.Select(Token, Token.Select(t => t.Length % 5 == 0 ? "" : t)).Array[0, 6].Sample(pairs =>
        {
            var list = pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToList();

            CniArgs.Parse(CniArgs.Format(list)).Should().Equal(list);
        }, iter: 5_000);

    [Fact]
    public void Args_ParseAnyText_GivesPairsOrThrowsOnlyCode4() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Gen.Select(Token, Token).Array[1, 4]
            .Select(p => string.Join(';', p.Select(kv => $"{kv.Item1}={kv.Item2}"))))).Sample(text =>
        {
            try
            {
                CniArgs.Parse(text).Should().NotContain(p => p.Key.Length == 0 || p.Key.Contains('=') || p.Value.Contains(';'));
            }
            catch (CniException e)
            {
                e.Code.Should().Be(CniErrorCode.InvalidEnvironment);
                e.Message.Should().Contain("CNI_ARGS");
            }
        }, iter: 10_000);

    [Fact]
    public void Environment_AnyValues_ParsesOrThrowsOnlyCode4NamingTheVariable() =>
        Gen.Select(Variable, Variable, Variable, Variable, Variable, Variable).Sample(t =>
        {
            var env = new Dictionary<string, string?>
            {
                ["CNI_COMMAND"] = t.Item1, ["CNI_CONTAINERID"] = t.Item2, ["CNI_NETNS"] = t.Item3,
                ["CNI_IFNAME"] = t.Item4, ["CNI_ARGS"] = t.Item5, ["CNI_PATH"] = t.Item6,
            };
            try
            {
                var parsed = CniEnvironment.Parse(name => env.GetValueOrDefault(name));
                parsed.Path.Should().NotContain("");
                if (parsed.Command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
                {
                    parsed.ContainerId.Should().Be(t.Item2);
                    parsed.IfName.Should().Be(t.Item4);
                }
            }
            catch (CniException e)
            {
                e.Code.Should().Be(CniErrorCode.InvalidEnvironment);
                e.Message.Should().MatchRegex("CNI_(COMMAND|CONTAINERID|NETNS|IFNAME)");
            }
        }, iter: 10_000);
}
