using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class SelectionRobustnessTests
{
    private const string Seed = """
        [{"name":"a","namespace":"b","interface":"c0","ips":["10.0.0.1/24"],"mac":"c2:11:22:33:44:55",
          "default-route":["10.0.0.254"],"portMappings":[{"hostPort":1,"containerPort":2,"protocol":"udp"}],
          "bandwidth":{"ingressRate":1,"ingressBurst":2},"cni-args":{"x":[1,{"y":null}]},
          "infiniband-guid":"00:11:22:33:44:55:66:77","ipam-claim-reference":"c","deviceID":"d"},
         {"name":"e"}]
        """;

    [Theory]
    [InlineData("\0")]
    [InlineData("[{\"name\":\"a\",\"interface\":\"\\u0000\"}]")]
    [InlineData("@")]
    [InlineData("/")]
    [InlineData("/@")]
    [InlineData(",")]
    [InlineData("{")]
    [InlineData("\"")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("[1e999999]")]
    [InlineData("[{\"name\":\"a\",\"portMappings\":[{\"hostPort\":1e999999,\"containerPort\":1}]}]")]
    public void Parse_HostileInput_OnlyCniException(string annotation)
    {
        Action act = () => NetworkSelectionParser.Parse(annotation, "ns");

        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.InvalidNetworkSelection);
    }

    [Fact]
    public void Parse_LoneSurrogates_OnlyCniException()
    {
        // In code rather than [InlineData]: xunit's data serialization replaces lone surrogates with U+FFFD.
        string[] inputs = ["\ud800", "[\"\ud800\"]", "[{\"name\":\"\ud800\"}]", "a@\udc00", "[{\"name\":\"a\",\"interface\":\"\udc00\"}]"];
        foreach (string input in inputs)
        {
            Action act = () => NetworkSelectionParser.Parse(input, "ns");

            act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.InvalidNetworkSelection);
        }
    }

    [Fact]
    public void Parse_SeedItself_Valid()
    {
        NetworkSelectionParser.Parse(Seed, "ns").Should().HaveCount(2);
    }

    [Fact]
    public void Parse_RandomMutationsOfValidAnnotations_NeverAnythingButCniException()
    {
        var random = new Random(20240917);
        string[] seeds = [Seed, "ns/net-a@eth1, net-b ,x/y", "[]"];
        const string alphabet = "[]{}\",:/@.-0aZ \\\n\ud800é9e";
        int failures = 0;
        for (int i = 0; i < 5000; i++)
        {
            char[] text = seeds[i % seeds.Length].ToCharArray();
            int edits = random.Next(1, 4);
            for (int k = 0; k < edits && text.Length > 0; k++)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            string mutated = random.Next(4) == 0 ? new string(text, 0, random.Next(text.Length)) : new string(text);
            try
            {
                NetworkSelectionParser.Parse(mutated, "ns");
            }
            catch (CniException e) when (e.Code == CniErrorCode.InvalidNetworkSelection)
            {
                failures++;
            }
        }

        failures.Should().BeGreaterThan(100, "most mutations break something and must be reported as selection errors");
    }
}
